"""The wizard's server-side state: each step's answers and pending uploads, in the session.

Answers are kept as submitted (strings), so a form is rebuilt exactly as typed after a
validation error or when going back. Files wait in private storage under random names until
the case is filed; the session holds only their metadata.
"""

import secrets

from django.core.files.base import ContentFile

from complaints.models.storage import private_storage
from complaints.services.evidence import CheckedUpload

SESSION_KEY = "complaints_intake"


class WizardState:
    def __init__(self, session):
        self.session = session
        self.state = session.get(SESSION_KEY) or {}
        if "token" not in self.state:
            self.state = {"token": secrets.token_urlsafe(32), "data": {}, "files": {}}
            self._save()

    def _save(self):
        self.session[SESSION_KEY] = self.state
        self.session.modified = True

    @property
    def token(self) -> str:
        return self.state["token"]

    def data(self, step: str) -> dict | None:
        return self.state["data"].get(step)

    def set_data(self, step: str, data: dict) -> None:
        self.state["data"][step] = data
        self._save()

    def files(self, slot: str) -> list[dict]:
        return self.state["files"].get(slot, [])

    def add_files(self, slot: str, uploads: list[CheckedUpload], replace=False) -> None:
        kept = [] if replace else self.files(slot)
        if replace:
            self._delete(self.files(slot))
        for upload in uploads:
            kept.append(
                {
                    "path": self._save_pending(upload.data),
                    "original_path": self._save_pending(upload.original),
                    "original_sha256": upload.original_sha256,
                    "name": upload.original_name,
                    "content_type": upload.content_type,
                    "size": len(upload.data),
                }
            )
        self.state["files"][slot] = kept
        self._save()

    def remove_file(self, slot: str, index: int) -> None:
        files = self.files(slot)
        if 0 <= index < len(files):
            self._delete([files.pop(index)])
            self.state["files"][slot] = files
            self._save()

    def checked_uploads(self, slot: str) -> list[CheckedUpload]:
        uploads = []
        for meta in self.files(slot):
            uploads.append(
                CheckedUpload(
                    meta["name"],
                    meta["content_type"],
                    self._read_pending(meta["path"]),
                    # Uploads pending from before originals were kept have none.
                    original=self._read_pending(meta.get("original_path")),
                    original_sha256=meta.get("original_sha256", ""),
                )
            )
        return uploads

    @staticmethod
    def _save_pending(data: bytes | None) -> str | None:
        if data is None:
            return None
        return private_storage.save(f"pending/{secrets.token_hex(16)}", ContentFile(data))

    @staticmethod
    def _read_pending(path: str | None) -> bytes | None:
        if path is None:
            return None
        with private_storage.open(path, "rb") as handle:
            return handle.read()

    @staticmethod
    def _delete(metas) -> None:
        for meta in metas:
            for path in (meta["path"], meta.get("original_path")):
                if path:
                    private_storage.delete(path)

    def clear(self, delete_files=True) -> None:
        if delete_files:
            for metas in self.state.get("files", {}).values():
                self._delete(metas)
        self.session.pop(SESSION_KEY, None)
