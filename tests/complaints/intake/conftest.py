import io
import struct
import zlib

import pytest
from django.core.cache import cache
from PIL import Image

from complaints.models import Category, District, Kind
from complaints.notifications import sms


@pytest.fixture(autouse=True)
def clean_state():
    cache.clear()
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def pdf_bytes(text: str = "evidence", catalog: bytes = b"") -> bytes:
    """A minimal well-formed PDF; `catalog` adds entries to its document catalog."""
    return build_pdf(
        [b"<< /Type /Catalog /Pages 2 0 R " + catalog + b">>", PAGES],
        comment=text.encode(),
    )


PAGES = b"<< /Type /Pages /Kids [] /Count 0 >>"


def build_pdf(objects: list[bytes], comment: bytes = b"") -> bytes:
    """Objects 1..n (1 is the catalog) with a classic cross-reference table."""
    out = bytearray(b"%PDF-1.4\n% " + comment + b"\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    return bytes(out + b"startxref\n%d\n%%%%EOF\n" % xref)


def build_pdf_with_object_stream(objects: list[bytes], packed: dict[int, bytes]) -> bytes:
    """Like build_pdf, but the objects in `packed` (number: body) sit compressed in an object
    stream, found through a cross-reference stream: their bytes never appear in the file."""
    out = bytearray(b"%PDF-1.5\n")
    entries = {}  # number: (type, field 2, field 3) as in a cross-reference stream
    for number, body in enumerate(objects, 1):
        entries[number] = (1, len(out), 0)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    stream_number = max([*entries, *packed]) + 1
    header = payload = b""
    for index, (number, body) in enumerate(packed.items()):
        header += b"%d %d " % (number, len(payload))
        payload += body + b"\n"
        entries[number] = (2, stream_number, index)
    content = zlib.compress(header + payload)
    entries[stream_number] = (1, len(out), 0)
    out += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\n" % (
        stream_number,
        len(packed),
        len(header),
        len(content),
    )
    out += b"stream\n" + content + b"\nendstream\nendobj\n"
    xref_number = stream_number + 1
    entries[xref_number] = (1, len(out), 0)
    rows = zlib.compress(
        b"".join(struct.pack(">BIH", *entries.get(n, (0, 0, 0))) for n in range(xref_number + 1))
    )
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R " % (
        xref_number,
        xref_number + 1,
    )
    out += b"/Filter /FlateDecode /Length %d >>\nstream\n" % len(rows) + rows
    out += b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % entries[xref_number][1]
    return bytes(out)


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (32, 24), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (30.0, 35.0, 0.0), 3: "E", 4: (114.0, 18.0, 0.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def answers(reference_data):
    """Valid answers for each wizard step (a trademark complaint in 江岸区)."""
    category = Category.objects.get(code="trademark-infringement")
    district = District.objects.get(code="jiangan")
    return {
        "what": {
            "description": "网店卖假冒我公司商标的运动鞋",
            "kind": Kind.COMPLAINT,
            "category": str(category.pk),
            "district": str(district.pk),
        },
        "who": {
            "complainant_name": "张三丰",
            "complainant_phone": "13812345678",
            "complainant_email": "zhang@example.cn",
            "complainant_id_type": "resident_id",
            "complainant_id_number": "11010519491231002X",
            "complainant_address": "武汉市江岸区沿江大道1号",
        },
        "respondent": {
            "respondent_name": "武汉某某贸易有限公司",
            "respondent_credit_code": "91420100MA4KL1234M",
            "respondent_address": "武汉市江岸区解放大道100号",
        },
        "details": {
            "facts": "被投诉人在运动鞋上使用与我方注册商标近似的标志，已购买样品。",
            "request": "请求责令停止侵权。",
            "ip_right_type": "trademark",
            "ip_right_number": "12345678",
        },
    }


def walk_to_review(client, answers, steps=("what", "who", "respondent", "details"), files=None):
    for step in steps:
        data = dict(answers[step])
        if files and step in files:
            data.update(files[step])
        response = client.post(f"/complaints/new/{step}/", data)
        assert response.status_code == 302, (step, response.content.decode()[:3000])
    return client.get("/complaints/new/review/")
