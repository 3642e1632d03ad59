"""Storing evidence in custody: the original sealed as received, a cleaned copy for staff.

Both lie in private storage under random names, each with its SHA-256. The original is never
served by default and never rewritten; staff release it only by an explicit, logged request.
"""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from django.core.files.base import ContentFile, File

from complaints.models import Complaint, Evidence

from .audit import log_access


class CustodyError(RuntimeError):
    """The bytes about to be sealed are not the ones hashed at receipt."""


@dataclass(frozen=True)
class CheckedUpload:
    """An upload whose type was verified from its content (see services.uploads).

    `data` is the cleaned copy staff see; `original` the bytes exactly as received, with
    `original_sha256` taken at receipt. Without `original` no original is kept."""

    original_name: str
    content_type: str
    data: bytes
    original: bytes | None = field(default=None, repr=False)
    original_sha256: str = ""


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
    if upload.original is not None:
        if hashlib.sha256(upload.original).hexdigest() != upload.original_sha256:
            raise CustodyError(f"original of {upload.original_name!r} changed since receipt")
        evidence.original_size = len(upload.original)
        evidence.original_sha256 = upload.original_sha256
    try:
        evidence.file.save("upload", ContentFile(upload.data), save=False)
        if upload.original is not None:
            evidence.original.save("original", ContentFile(upload.original), save=False)
        evidence.save()
    except BaseException:
        # The row was not written (e.g. the connection dropped): neither are its files kept.
        discard_files(evidence)
        raise
    return evidence


def discard_files(evidence: Evidence) -> None:
    """Delete the stored copy and the sealed original (for rows that were never committed)."""
    for stored in (evidence.file, evidence.original):
        if stored.name:
            stored.storage.delete(stored.name)


def release_original(evidence: Evidence, user, reason: str) -> File:
    """Open the sealed original for `user`, recording who, when and why in the access log.

    The caller has checked that `user` handles the case. FileNotFoundError when it is missing
    (nothing is logged then: nothing was released)."""
    if not evidence.has_original:
        raise FileNotFoundError(evidence.pk)
    handle = evidence.original.open("rb")
    log_access(
        evidence.complaint, "evidence_original", user=user, detail=f"{evidence.pk}: {reason}"
    )
    return handle


@dataclass(frozen=True)
class CustodyProblem:
    evidence_id: int
    complaint_id: int
    copy: str  # "cleaned" or "original"
    kind: str  # "missing" or "mismatch"
    expected: str
    found: str = ""


def stored_sha256(stored) -> str:
    with stored.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def verify(evidence: Evidence) -> Iterator[CustodyProblem]:
    """Re-hash the cleaned copy and the sealed original against the hashes on the row."""
    copies = [("cleaned", evidence.file, evidence.sha256)]
    if evidence.has_original:
        copies.append(("original", evidence.original, evidence.original_sha256))
    for copy, stored, expected in copies:
        problem = CustodyProblem(evidence.pk, evidence.complaint_id, copy, "missing", expected)
        try:
            found = stored_sha256(stored)
        except FileNotFoundError:
            yield problem
            continue
        if found != expected:
            yield replace(problem, kind="mismatch", found=found)
