import io

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


def pdf_bytes(text: str = "evidence") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        + f"% {text}\n".encode()
        + b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


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
