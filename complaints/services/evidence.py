"""Storing evidence: hashed on arrival, saved under a random name in private storage."""

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile

from complaints.models import Complaint, Evidence


@dataclass(frozen=True)
class CheckedUpload:
    """An upload whose type was verified from its content (see services.uploads)."""

    original_name: str
    content_type: str
    data: bytes


def store_evidence(complaint: Complaint, upload: CheckedUpload, uploaded_by: str, note: str = ""):
    evidence = Evidence(
        complaint=complaint,
        original_name=upload.original_name[:255],
        content_type=upload.content_type,
        size=len(upload.data),
        sha256=hashlib.sha256(upload.data).hexdigest(),
        uploaded_by=uploaded_by,
        note=note,
    )
    evidence.file.save("upload", ContentFile(upload.data), save=False)
    try:
        evidence.save()
    except BaseException:
        # The row was not written (e.g. the connection dropped): neither is the file kept.
        evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence
