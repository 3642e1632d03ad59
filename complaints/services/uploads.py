"""Checking uploads by content: magic bytes decide the type, never the name.

The bytes received are kept as they came (hashed here, at receipt); what staff see is a cleaned
copy. Images are re-encoded without metadata (EXIF GPS and all), which also drops anything
appended after the image data; office archives are inspected for macros and zip bombs; PDFs are
parsed and refused when any object carries scripts, automatic actions or embedded files.
"""

import hashlib
import io
import re
import unicodedata
import zipfile

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PasswordType, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from .evidence import CheckedUpload

MAX_FILE_SIZE = 20 * 1024 * 1024
MAX_FILES = 10
MAX_TOTAL_SIZE = 50 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # ~ a 50-megapixel photo is rejected before decoding
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100

ALLOWED = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "mp4": "video/mp4",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
# The list separator follows the language (、 in Chinese, a comma in English).
ALLOWED_LABEL = _("PDF、JPG、PNG、Word、Excel、PowerPoint、ODF、MP4")
# Markup or script anywhere near the start makes a file a polyglot a browser might render.
_MARKUP = re.compile(
    rb"<\s*(?:script|html|svg|iframe|object|embed|body|\?php|!doctype)|javascript:", re.I
)
# PDF names (decoded, so /J#61vaScript is /JavaScript) that run code, act on their own when the
# document is opened or viewed, or carry other files.
_PDF_ACTIVE_NAMES = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/Launch",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/RichMedia",
        "/XFA",
        "/SubmitForm",
        "/ImportData",
        "/AA",
    }
)
_UNSAFE_NAME = re.compile(r"[/\\\x00]|(?:^|\.)\.(?:$|\.)|^\.")


class UploadRejected(ValidationError):
    """A file refused with a message safe to show the uploader."""


def _reject(message, name: str, **params) -> UploadRejected:
    return UploadRejected(message, code="upload", params={"name": name, **params})


def clean_filename(name: str) -> str:
    """The name kept as data (never a path): NFC, no control characters, at most 120 chars."""
    name = unicodedata.normalize("NFC", name or "")
    if _UNSAFE_NAME.search(name) or ".." in name:
        raise _reject(_("文件名“%(name)s”不合法：不能包含路径或以点开头。"), name[:80])
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if not name:
        raise _reject(_("文件名不能为空。"), "")
    stem, dot, ext = name.rpartition(".")
    return (stem[: 120 - len(ext) - 1] + dot + ext) if dot else name[:120]


def _read(upload, limit: int) -> bytes:
    if getattr(upload, "size", None) is not None and upload.size > limit:
        raise _reject(_("“%(name)s”超过单个文件大小上限。"), upload.name)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _reject(_("“%(name)s”超过单个文件大小上限。"), upload.name)
    return data


def _strip_image(data: bytes, fmt: str, name: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            width, height = probe.size
            if width * height > MAX_IMAGE_PIXELS:
                raise _reject(_("图片“%(name)s”像素过多，请缩小后再上传。"), name)
            probe.verify()
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            image = ImageOps.exif_transpose(opened)
            # Pillow writes a JPEG comment back on save: free text (HTML, PHP) a sniffer could run.
            image.info.pop("comment", None)
            out = io.BytesIO()
            if fmt == "JPEG":
                image.convert("RGB").save(out, "JPEG", quality=95, optimize=True)
            else:
                image.save(out, "PNG", optimize=True)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise _reject(_("图片“%(name)s”已损坏或无法识别。"), name) from exc


def _check_zip(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            total = sum(m.file_size for m in members)
            if total > MAX_ZIP_UNCOMPRESSED or total > MAX_ZIP_RATIO * max(len(data), 1):
                raise _reject(_("“%(name)s”解压后过大，疑似压缩炸弹。"), name)
            for member in members:
                lowered = member.filename.lower()
                if lowered.endswith(("vbaproject.bin", ".exe", ".js", ".html", ".svg")):
                    raise _reject(_("“%(name)s”含有宏或可执行内容，请另存为普通文档。"), name)
    except zipfile.BadZipFile as exc:
        raise _reject(_("“%(name)s”已损坏。"), name) from exc


def _pdf_objects(reader: PdfReader):
    """Every object of the document: all the cross-reference lists (those packed in object
    streams too, which the reader decompresses) and everything reachable from the trailer."""
    pending: list = [reader.trailer]
    pending += [
        IndirectObject(number, generation, reader)
        for generation, entries in reader.xref.items()
        for number in entries
    ]
    pending += [IndirectObject(number, 0, reader) for number in reader.xref_objStm]
    seen: set[tuple[int, int]] = set()
    while pending:
        obj = pending.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        yield obj
        if isinstance(obj, DictionaryObject):  # stream dictionaries included
            pending.extend(obj.keys())
            pending.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            pending.extend(obj)


def _pdf_is_active(obj) -> bool:
    if isinstance(obj, NameObject):
        return obj in _PDF_ACTIVE_NAMES
    if isinstance(obj, DictionaryObject) and "/OpenAction" in obj:
        # Opening at a page (a destination or a GoTo action) is ordinary; any other action is not.
        action = obj["/OpenAction"]
        return isinstance(action, DictionaryObject) and action.get("/S") != "/GoTo"
    return False


def _check_pdf(data: bytes, name: str) -> None:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise _reject(_("“%(name)s”设有打开密码，无法检查，请去除密码后再上传。"), name)
        active = any(_pdf_is_active(obj) for obj in _pdf_objects(reader))
    except UploadRejected:
        raise
    except Exception as exc:  # a hostile file can break the parser anywhere: unreadable is refused
        raise _reject(
            _("“%(name)s”不是能够读取的 PDF 文件，请重新导出或打印为 PDF 后再上传。"), name
        ) from exc
    if active:
        raise _reject(_("“%(name)s”含有脚本或嵌入文件，请打印为普通 PDF 后再上传。"), name)


def check_upload(upload, *, max_size: int = MAX_FILE_SIZE) -> CheckedUpload:
    """Validate one uploaded file (a Django UploadedFile or any object with name/read).

    The result keeps the bytes exactly as received, with their SHA-256 taken now, beside the
    cleaned copy that staff will see."""
    name = clean_filename(getattr(upload, "name", ""))
    data = _read(upload, max_size)
    if not data:
        raise _reject(_("“%(name)s”是空文件。"), name)
    received_sha256 = hashlib.sha256(data).hexdigest()
    kind = filetype.guess(data)
    extension = kind.extension if kind else ""
    extension = {"jpeg": "jpg", "apng": "png"}.get(extension, extension)
    if extension not in ALLOWED:
        raise _reject(
            _("“%(name)s”的文件内容不是允许的类型（仅限 %(allowed)s）。"),
            name,
            allowed=ALLOWED_LABEL,
        )
    if extension not in ("jpg", "png") and _MARKUP.search(data[:4096]):
        raise _reject(_("“%(name)s”含有网页或脚本内容，不能上传。"), name)
    if extension == "pdf":
        _check_pdf(data, name)
    if extension in ("docx", "xlsx", "pptx", "odt", "ods"):
        _check_zip(data, name)
    cleaned = data
    if extension in ("jpg", "png"):
        cleaned = _strip_image(data, "JPEG" if extension == "jpg" else "PNG", name)
    return CheckedUpload(
        original_name=name,
        content_type=ALLOWED[extension],
        data=cleaned,
        original=data,
        original_sha256=received_sha256,
    )


def extension_for(content_type: str) -> str:
    """The file extension of a stored type (types are only ever set from ALLOWED)."""
    return next((ext for ext, kind in ALLOWED.items() if kind == content_type), "bin")


def check_uploads(uploads, *, already: int = 0, already_bytes: int = 0) -> list[CheckedUpload]:
    """Validate a batch against the count and total-size limits; the first error is raised."""
    uploads = list(uploads)
    if already + len(uploads) > MAX_FILES:
        raise UploadRejected(
            _("最多上传 %(max)s 个文件。"), code="too_many", params={"max": MAX_FILES}
        )
    checked = [check_upload(upload) for upload in uploads]
    if already_bytes + sum(len(c.data) for c in checked) > MAX_TOTAL_SIZE:
        raise UploadRejected(
            _("文件总大小不能超过 %(mb)s MB。"),
            code="too_large",
            params={"mb": MAX_TOTAL_SIZE // (1024 * 1024)},
        )
    return checked


def limits_text() -> dict:
    """Limits for the form's help text, shown before anyone picks a file."""
    return {
        "types": ALLOWED_LABEL,
        "max_mb": MAX_FILE_SIZE // (1024 * 1024),
        "max_files": MAX_FILES,
        "total_mb": MAX_TOTAL_SIZE // (1024 * 1024),
    }
