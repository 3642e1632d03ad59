"""A 双随机 inspection's finding of a violation opens a credit record form already filled in."""

import datetime

import pytest

from inspections.models import Outcome
from inspections.services import results
from tests.factories.inspections import drawn, inspection_setup

pytestmark = pytest.mark.django_db


def _finding(bureau, actor, *, violation: bool):
    draw, _targets, _inspectors = inspection_setup(bureau, title="2026年第四季度商标抽查")
    draw = drawn(draw, actor)
    inspection = draw.inspections.order_by("order").first()
    results.record_result(
        inspection,
        {
            "inspected_on": datetime.date(2026, 11, 2),
            "checked_items": list(draw.items.all()),
            "outcome": Outcome.CASE_OPENED if violation else Outcome.NO_PROBLEM,
            "violation_found": violation,
            "public_note": "现场发现销售假冒注册商标的商品。" if violation else "",
            "internal_note": "内部：负责人配合。",
        },
        actor,
    )
    return inspection


def test_a_finding_prefills_the_record_and_the_draw_page_links_to_it(login, supervisor_a, bureau_a):
    inspection = _finding(bureau_a, supervisor_a, violation=True)
    client = login(supervisor_a)
    page = client.get(f"/dashboard/inspections/{inspection.draw.pk}/").content.decode()
    assert f"/dashboard/credit/new/?inspection={inspection.pk}" in page
    form = client.get(f"/dashboard/credit/new/?inspection={inspection.pk}").context["form"]
    assert form["enterprise_name"].value() == inspection.pool_target.name
    assert form["uscc"].value() == inspection.pool_target.key
    assert form["bureau"].value() == bureau_a.pk
    assert "现场发现销售假冒注册商标的商品" in form["facts"].value()
    assert "内部" not in form["facts"].value()  # the internal note stays internal


def test_no_finding_no_prefill_and_another_bureau_gets_404(
    login, supervisor_a, supervisor_b, bureau_a
):
    clean = _finding(bureau_a, supervisor_a, violation=False)
    client = login(supervisor_a)
    form = client.get(f"/dashboard/credit/new/?inspection={clean.pk}").context["form"]
    assert not form["enterprise_name"].value()
    found = _finding(bureau_a, supervisor_a, violation=True)
    other = login(supervisor_b)
    assert other.get(f"/dashboard/credit/new/?inspection={found.pk}").status_code == 404
