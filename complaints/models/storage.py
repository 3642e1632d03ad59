"""Private file storage for evidence: never under MEDIA_ROOT, never named after the upload."""

import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from django.utils.functional import LazyObject


def evidence_storage() -> FileSystemStorage:
    """For the model field: a callable, so migrations record a reference, not a local path."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def sealed_storage() -> FileSystemStorage:
    """Originals as received: private like the rest, and read-only on disk once written."""
    return FileSystemStorage(
        location=settings.PRIVATE_MEDIA_ROOT, base_url=None, file_permissions_mode=0o440
    )


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = evidence_storage()


private_storage = _PrivateStorage()


def evidence_path(instance, filename: str) -> str:
    """A random path; the uploaded name is kept only as data (Evidence.original_name)."""
    return f"evidence/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


def original_path(instance, filename: str) -> str:
    """Sealed originals: a random name of their own, apart from the copies staff see."""
    return f"originals/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"
