"""Hostile files: zip bombs, pixel floods, polyglots, SVG script, PDF active content however
it is spelled or packed, double extensions, hostile names (NUL, ../, U+202E) and declared types
contradicting the content.

Checked at the service (check_upload) and over HTTP through the wizard and the tracking page,
where a refusal must leave no case, no evidence row and no file on disk.
"""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from complaints.models import Evidence
from complaints.services.uploads import UploadRejected, check_upload
from tests.complaints.intake.conftest import (
    PAGES,
    build_pdf,
    build_pdf_with_object_stream,
    pdf_bytes,
    walk_to_review,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

MARKUP = (b"<script", b"<html", b"<?php", b"<svg", b"javascript:")


def named(name: str, data: bytes):
    raw = io.BytesIO(data)
    raw.name = name
    return raw


def jpeg(size=(16, 16), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, "JPEG", **save)
    return out.getvalue()


def png(size=(16, 16)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, "PNG")
    return out.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width x height pixels (a pixel flood)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )


def jpeg_declaring(width: int, height: int) -> bytes:
    """A real JPEG with its frame header (SOF0) rewritten to claim width x height."""
    data = bytearray(jpeg())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def docx_bomb(uncompressed: int = 40 * 1024 * 1024) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/zeros.bin", b"\x00" * uncompressed)
    return out.getvalue()


# Service level ---------------------------------------------------------------------------------


def test_zip_bomb_disguised_as_docx_is_rejected():
    bomb = docx_bomb()
    assert len(bomb) < 200_000  # a ratio of several hundred
    with pytest.raises(UploadRejected, match="压缩炸弹"):
        check_upload(named("合同.docx", bomb))


@pytest.mark.parametrize(
    "data", [png_declaring(50_000, 50_000), jpeg_declaring(50_000, 50_000)], ids=["png", "jpeg"]
)
def test_pixel_flood_is_rejected_without_decoding(data):
    with pytest.raises(UploadRejected):
        check_upload(named("flood.png", data))


@pytest.mark.parametrize(
    "data",
    [
        jpeg(comment=b"<html><script>alert(document.cookie)</script></html>"),
        jpeg(comment=b"<?php system($_GET['c']); ?>"),
        jpeg() + b"<html><body><script>alert(1)</script></body></html>",
    ],
    ids=["html-in-comment", "php-in-comment", "html-after-image"],
)
def test_jpeg_html_polyglot_is_stored_without_the_markup(data):
    assert any(marker in data for marker in MARKUP)
    checked = check_upload(named("photo.jpg", data))
    assert checked.content_type == "image/jpeg"
    assert not any(marker in checked.data.lower() for marker in MARKUP)
    assert Image.open(io.BytesIO(checked.data)).size == (16, 16)


def test_html_with_an_image_inside_is_rejected():
    data = b"<!DOCTYPE html><html><script>alert(1)</script>" + jpeg()
    with pytest.raises(UploadRejected):
        check_upload(named("photo.jpg", data))


@pytest.mark.parametrize(
    "data",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    ],
)
def test_svg_is_rejected(data):
    with pytest.raises(UploadRejected):
        check_upload(named("logo.svg", data))


def test_php_named_as_jpeg_is_rejected():
    with pytest.raises(UploadRejected, match="不是允许的类型"):
        check_upload(named("shell.jpg.php", b"<?php system($_GET['c']); ?>"))


@pytest.mark.parametrize("name", ["x\x00.pdf", "../../etc/passwd.pdf", "..", "a/../b.pdf"])
def test_hostile_names_are_rejected(name):
    with pytest.raises(UploadRejected, match="不合法"):
        check_upload(named(name, pdf_bytes()))


def test_right_to_left_override_is_removed_from_the_name():
    checked = check_upload(named("invoice\u202egpj.exe.pdf", pdf_bytes()))
    assert "\u202e" not in checked.original_name
    assert checked.original_name == "invoicegpj.exe.pdf"


def test_declared_type_never_decides():
    """The browser's Content-Type and the extension are ignored: the bytes decide."""
    lying = SimpleUploadedFile("scan.pdf", png(), content_type="application/pdf")
    assert check_upload(lying).content_type == "image/png"
    html = SimpleUploadedFile("a.png", b"<html><script>alert(1)</script>", content_type="image/png")
    with pytest.raises(UploadRejected):
        check_upload(html)


# PDF active content is found in the parsed objects, however it is written or packed.
ESCAPED_JAVASCRIPT = pdf_bytes(catalog=b"/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>")
ACTIVE_PDFS = {
    "escaped-javascript": ESCAPED_JAVASCRIPT,
    "escaped-embedded-files": pdf_bytes(catalog=b"/Names << /Embedded#46iles 3 0 R >>"),
    "escaped-launch-on-page-open": build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /A#41 << /O << /S /L#61unch"
            b" /F (cmd.exe) >> >> >>",
        ]
    ),
    "javascript-in-object-stream": build_pdf_with_object_stream(
        [b"<< /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >>", PAGES],
        {3: b"<< /S /JavaScript /JS (app.alert(1)) >>"},
    ),
    "web-address-opened-on-open": pdf_bytes(
        catalog=b"/OpenAction << /S /URI /URI (http://x.cn) >>"
    ),
}


@pytest.mark.parametrize("data", ACTIVE_PDFS.values(), ids=ACTIVE_PDFS.keys())
def test_pdf_active_content_is_found_however_it_is_written(data):
    # None of these spells an active name in plain bytes: a byte pattern cannot see them.
    for plain in (b"/JavaScript", b"/JS ", b"/Launch", b"/EmbeddedFiles", b"/AA"):
        assert plain not in data
    with pytest.raises(UploadRejected, match="脚本或嵌入文件"):
        check_upload(named("证据.pdf", data))


def test_pdf_that_only_mentions_javascript_in_its_text_is_accepted():
    """A plain PDF whose metadata says "/JavaScript" and opens at its first page is evidence."""
    data = pdf_bytes(catalog=b"/OpenAction << /S /GoTo /D [2 0 R /Fit] >>").replace(
        b"trailer\n<<", b"trailer\n<< /Info << /Title (On /JavaScript and /Launch) >>"
    )
    assert check_upload(named("说明.pdf", data)).content_type == "application/pdf"


def test_pdf_that_cannot_be_parsed_is_refused():
    with pytest.raises(UploadRejected, match="不是能够读取的 PDF"):
        check_upload(named("坏.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog\n%%EOF\n"))


# Over HTTP: the wizard's evidence step and the tracking page's supply form ---------------------

HOSTILE_UPLOADS = [
    ("bomb.docx", docx_bomb()),
    ("flood.png", png_declaring(50_000, 50_000)),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ("shell.jpg.php", b"<?php system($_GET['c']); ?>"),
    ("page.png", b"<html><script>alert(1)</script></html>"),
    ("escaped.pdf", ESCAPED_JAVASCRIPT),
]


@pytest.mark.parametrize(("name", "data"), HOSTILE_UPLOADS, ids=[n for n, _d in HOSTILE_UPLOADS])
def test_wizard_refuses_hostile_files_and_stores_nothing(
    client, answers, nothing_stored, name, data
):
    walk_to_review(client, answers, steps=("what", "who", "respondent"))
    upload = SimpleUploadedFile(name, data, content_type="image/png")
    response = client.post("/complaints/new/details/", dict(answers["details"], evidence=[upload]))
    assert response.status_code == 200
    assert response.context["form"].errors.get("evidence")
    assert not client.session["complaints_intake"]["files"].get("evidence")
    nothing_stored()


@pytest.mark.parametrize(("name", "data"), HOSTILE_UPLOADS, ids=[n for n, _d in HOSTILE_UPLOADS])
def test_tracking_supply_refuses_hostile_files_and_stores_nothing(
    client, awaiting, nothing_stored, name, data
):
    good = SimpleUploadedFile("ok.pdf", pdf_bytes())
    bad = SimpleUploadedFile(name, data, content_type="application/pdf")
    response = client.post(
        "/complaints/track/case/supply/", {"note": "补充材料", "files": [good, bad]}
    )
    assert response.status_code == 200
    assert response.context["supply_form"].errors.get("files")
    awaiting.refresh_from_db()
    assert awaiting.status == "awaiting_complainant"
    nothing_stored()


@pytest.mark.parametrize(
    "name", ["evil\u202egpj.exe.pdf", "x\x00.pdf", "../../../etc/cron.d/x.pdf", "shot.jpg.php"]
)
def test_hostile_names_over_http_never_reach_storage_or_the_download(
    client, awaiting, login, handler_a, name
):
    data = jpeg() if name.endswith(".php") else pdf_bytes()
    response = client.post(
        "/complaints/track/case/supply/",
        {"note": "补充材料", "files": [SimpleUploadedFile(name, data)]},
    )
    if response.status_code == 200:  # refused with a form error: nothing kept
        assert response.context["supply_form"].errors.get("files")
        assert not Evidence.objects.exists()
        return
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    for bad in ("\u202e", "\x00", "/", "\\", ".."):
        assert bad not in evidence.original_name
    assert evidence.original_name not in evidence.file.name
    assert not evidence.file.name.endswith((".php", ".pdf", ".exe"))
    download = login(handler_a).get(f"/dashboard/cases/{awaiting.pk}/evidence/{evidence.pk}/")
    assert download.status_code == 200
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert ".php" not in disposition and "\u202e" not in disposition and ".." not in disposition
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] not in ("text/html", "image/svg+xml")


def test_polyglot_jpeg_over_http_is_stored_clean(client, awaiting):
    data = jpeg(comment=b"<html><script>alert(document.cookie)</script></html>")
    response = client.post(
        "/complaints/track/case/supply/",
        {"note": "现场照片", "files": [SimpleUploadedFile("scene.jpg", data)]},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.content_type == "image/jpeg"
    stored = evidence.file.open("rb").read()
    evidence.file.close()
    assert b"<script" not in stored.lower() and b"<html" not in stored.lower()
