"""Uploads are judged by content: rejections, EXIF stripping, limits, storage paths, and the
original kept sealed beside the cleaned copy."""

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from complaints.services import uploads
from complaints.services.evidence import CheckedUpload, CustodyError
from complaints.services.uploads import UploadRejected, check_upload, check_uploads
from tests.factories.complaints import file_complaint, received_file

from .conftest import jpeg_with_gps, pdf_bytes


def upload(name, data):
    return SimpleUploadedFile(name, data)


def test_a_real_pdf_is_accepted_by_content():
    checked = check_upload(upload("合同.pdf", pdf_bytes()))
    assert checked.content_type == "application/pdf" and checked.original_name == "合同.pdf"


def test_renamed_executable_is_rejected():
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64 + b"PE\x00\x00"
    with pytest.raises(UploadRejected, match="不是允许的类型"):
        check_upload(upload("invoice.pdf", exe))


def test_elf_binary_and_plain_html_are_rejected():
    with pytest.raises(UploadRejected):
        check_upload(upload("x.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 60))
    with pytest.raises(UploadRejected):
        check_upload(upload("x.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"))


def test_svg_with_script_is_rejected():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
    with pytest.raises(UploadRejected):
        check_upload(upload("photo.png", svg))
    with pytest.raises(UploadRejected):
        check_upload(upload("drawing.svg", svg))


def test_pdf_polyglot_with_html_is_rejected():
    polyglot = b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF"
    with pytest.raises(UploadRejected, match="网页或脚本"):
        check_upload(upload("a.pdf", polyglot))


def test_pdf_with_javascript_action_is_rejected():
    data = pdf_bytes(catalog=b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")
    with pytest.raises(UploadRejected, match="脚本"):
        check_upload(upload("a.pdf", data))


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.pdf", "..\\..\\boot.ini.pdf", "a/b.pdf", ".htaccess", "x\x00.pdf"]
)
def test_path_traversal_in_filename_is_rejected(name):
    raw = io.BytesIO(pdf_bytes())
    raw.name = name  # as another caller (e.g. the API) might pass it, unsanitised
    with pytest.raises(UploadRejected, match="不合法"):
        check_upload(raw)


@pytest.mark.django_db
def test_traversal_name_over_http_never_reaches_the_storage_path(client, answers):
    from complaints.models import Evidence

    from .conftest import walk_to_review

    evil = upload("x.pdf", pdf_bytes())
    evil.name = "../../etc/passwd.pdf"  # Django's parser reduces it to the base name
    walk_to_review(client, answers, files={"details": {"evidence": [evil]}})
    token = client.get("/complaints/new/review/").context["form"].initial["form_token"]
    client.post("/complaints/new/review/", {"consent": "on", "form_token": token})
    evidence = Evidence.objects.get()
    assert "/" not in evidence.original_name and ".." not in evidence.original_name
    assert "passwd" not in evidence.file.name and ".." not in evidence.file.name


def test_oversize_file_is_rejected(monkeypatch):
    with pytest.raises(UploadRejected, match="大小上限"):
        check_upload(upload("big.pdf", pdf_bytes() + b"0" * 2048), max_size=1024)


def test_too_many_files_are_rejected():
    files = [upload(f"{i}.pdf", pdf_bytes()) for i in range(uploads.MAX_FILES + 1)]
    with pytest.raises(UploadRejected, match="最多上传"):
        check_uploads(files)


def test_exif_location_is_stripped_from_images():
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get(0x8825)
    checked = check_upload(upload("现场.jpg", original))
    assert checked.content_type == "image/jpeg"
    cleaned = Image.open(io.BytesIO(checked.data))
    assert not cleaned.getexif().get(0x8825) and not cleaned.getexif().get(0x010F)
    assert cleaned.size == (32, 24)


def test_pixel_flood_image_is_rejected(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_IMAGE_PIXELS", 100)
    out = io.BytesIO()
    Image.new("RGB", (20, 20)).save(out, "PNG")
    with pytest.raises(UploadRejected, match="像素过多"):
        check_upload(upload("flood.png", out.getvalue()))


def _docx(extra: dict | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def test_office_document_is_accepted_but_macros_are_not():
    assert check_upload(upload("说明.docx", _docx())).content_type.endswith("document")
    with pytest.raises(UploadRejected, match="宏"):
        check_upload(upload("说明.docx", _docx({"word/vbaProject.bin": "x"})))


@pytest.mark.django_db
def test_stored_evidence_uses_a_random_path_and_records_sha256(reference_data):
    from complaints.services.intake import submit_complaint
    from tests.factories.complaints import intake_data

    checked = check_upload(upload("证据.pdf", pdf_bytes()))
    result = submit_complaint(intake_data(), files=[checked])
    evidence = result.complaint.evidence.get()
    assert "证据" not in evidence.file.name and ".pdf" not in evidence.file.name
    assert evidence.sha256 == hashlib.sha256(checked.data).hexdigest()
    # Never served from a public URL: the file lives outside MEDIA_ROOT.
    path = Path(evidence.file.path)
    assert path.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)


@pytest.mark.django_db
def test_wizard_refuses_bad_upload_and_keeps_text(client, answers):
    from .conftest import walk_to_review

    walk_to_review(client, answers, steps=("what", "who", "respondent"))
    data = dict(answers["details"], evidence=[upload("report.pdf", b"MZ" + b"\x00" * 100)])
    response = client.post("/complaints/new/details/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "不是允许的类型" in html and "已购买样品" in html


def test_the_bytes_received_are_kept_with_their_hash_taken_at_receipt():
    received = jpeg_with_gps()
    checked = check_upload(upload("现场.jpg", received))
    assert checked.original == received
    assert checked.original_sha256 == hashlib.sha256(received).hexdigest()
    assert checked.data != received  # staff see the copy without the location


@pytest.mark.django_db
def test_stored_evidence_seals_the_original_beside_the_cleaned_copy(reference_data):
    received = jpeg_with_gps()
    evidence = file_complaint(files=[received_file("现场.jpg", received)]).complaint.evidence.get()
    with evidence.original.open("rb") as sealed:
        assert sealed.read() == received
    with evidence.file.open("rb") as cleaned:
        cleaned_bytes = cleaned.read()
    assert evidence.original_sha256 == hashlib.sha256(received).hexdigest()
    assert evidence.sha256 == hashlib.sha256(cleaned_bytes).hexdigest() != evidence.original_sha256
    assert evidence.original_size == len(received) and evidence.size == len(cleaned_bytes)
    # A random name of its own, private, and read-only on disk.
    sealed_path = Path(evidence.original.path)
    assert sealed_path != Path(evidence.file.path) and "现场" not in evidence.original.name
    assert sealed_path.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert sealed_path.stat().st_mode & 0o222 == 0


@pytest.mark.django_db
def test_the_wizard_keeps_the_original_until_the_case_is_filed(client, answers):
    from complaints.models import Evidence

    from .conftest import walk_to_review

    received = jpeg_with_gps()
    photo = {"details": {"evidence": [upload("现场.jpg", received)]}}
    token = walk_to_review(client, answers, files=photo).context["form"].initial["form_token"]
    client.post("/complaints/new/review/", {"consent": "on", "form_token": token})
    evidence = Evidence.objects.get()
    with evidence.original.open("rb") as sealed:
        assert sealed.read() == received
    assert evidence.original_sha256 == hashlib.sha256(received).hexdigest()


@pytest.mark.django_db
def test_an_original_changed_after_receipt_is_not_sealed(reference_data):
    from complaints.models import Evidence

    checked = check_upload(upload("证据.pdf", pdf_bytes()))
    altered = CheckedUpload(
        checked.original_name,
        checked.content_type,
        checked.data,
        original=checked.original + b"%altered",
        original_sha256=checked.original_sha256,
    )
    with pytest.raises(CustodyError):
        file_complaint(files=[altered])
    assert not Evidence.objects.exists()
