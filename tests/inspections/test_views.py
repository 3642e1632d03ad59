"""Public results page ("一公开") and staff pages: what is public when, and bureau scoping."""

import datetime

import pytest
from django.urls import reverse

from complaints.models import Role
from inspections.models import DrawStatus, Outcome
from inspections.services import draws, results
from tests.factories.complaints import staff_member
from tests.factories.inspections import drawn, inspection_setup

pytestmark = pytest.mark.django_db


def test_drafts_are_not_public(client, setup):
    draw = setup[0]
    assert client.get(reverse("inspections:detail", args=[draw.pk])).status_code == 404
    assert draw.title not in client.get(reverse("inspections:list")).content.decode()


def test_public_page_shows_the_hash_before_and_the_seed_only_after_the_draw(
    client, setup, supervisor
):
    draw = draws.commit(setup[0], supervisor)
    url = reverse("inspections:detail", args=[draw.pk])
    page = client.get(url).content.decode()
    data = client.get(reverse("inspections:json", args=[draw.pk])).content.decode()
    assert draw.seed_hash in page and draw.seed_hash in data
    assert draw.seed not in page and draw.seed not in data
    assert 'id="seed-pending"' in page

    draws.run(draw, supervisor)
    page = client.get(url).content.decode()
    assert draw.seed in page
    assert draw.seed in client.get(reverse("inspections:json", args=[draw.pk])).content.decode()


def test_public_page_shows_outcomes_and_codes_but_no_names_or_internal_notes(
    client, setup, supervisor, handler
):
    draw, _, inspectors = setup
    draw = drawn(draw, supervisor)
    inspection = draw.inspections.order_by("order").first()
    results.record_result(
        inspection,
        {
            "inspected_on": datetime.date(2026, 11, 2),
            "checked_items": list(draw.items.all()),
            "outcome": Outcome.CASE_OPENED,
            "violation_found": True,
            "public_note": "涉嫌假冒专利，已立案。",
            "internal_note": "线索来自举报人王某",
        },
        handler,
    )
    page = client.get(reverse("inspections:detail", args=[draw.pk])).content.decode()
    assert "涉嫌假冒专利，已立案。" in page and "发现违法行为立案查处" in page
    assert inspection.inspector_1.code in page
    assert "线索来自举报人王某" not in page
    for inspector in inspectors:
        assert inspector.membership.user.username not in page


def test_public_pages_in_english(client, setup, supervisor):
    draw = drawn(setup[0], supervisor)
    assert client.get("/en/inspections/").status_code == 200
    response = client.get(f"/en/inspections/{draw.pk}/")
    assert response.status_code == 200 and draw.seed in response.content.decode()


def test_public_detail_query_count_does_not_grow_with_the_draw(
    client, bureau, supervisor, django_assert_max_num_queries
):
    small = drawn(inspection_setup(bureau, targets=5, target_count=2)[0], supervisor)
    large = drawn(inspection_setup(bureau, targets=30, target_count=25)[0], supervisor)
    for draw in (small, large):
        with django_assert_max_num_queries(6):
            client.get(reverse("inspections:detail", args=[draw.pk]))


def test_staff_see_and_manage_only_their_bureaus_draws(client, setup, other_bureau, supervisor):
    draw = setup[0]
    outsider = staff_member(other_bureau, Role.SUPERVISOR, username="other_supervisor")
    client.force_login(outsider)
    assert draw.title not in client.get(reverse("inspections_staff:draws")).content.decode()
    assert client.get(reverse("inspections_staff:draw", args=[draw.pk])).status_code == 404
    assert client.post(reverse("inspections_staff:commit", args=[draw.pk])).status_code == 404
    draw.refresh_from_db()
    assert draw.status == DrawStatus.DRAFT

    client.force_login(supervisor)
    assert draw.title in client.get(reverse("inspections_staff:draws")).content.decode()
    client.post(reverse("inspections_staff:commit", args=[draw.pk]))
    client.post(reverse("inspections_staff:run", args=[draw.pk]))
    draw.refresh_from_db()
    assert draw.status == DrawStatus.DRAWN
    inspection = draw.inspections.first()
    client.force_login(outsider)
    url = reverse("inspections_staff:result", args=[inspection.pk])
    assert client.get(url).status_code == 404


def test_only_a_supervisor_commits_and_draws(client, setup, handler):
    draw = setup[0]
    client.force_login(handler)
    assert client.get(reverse("inspections_staff:draw", args=[draw.pk])).status_code == 200
    assert client.post(reverse("inspections_staff:commit", args=[draw.pk])).status_code == 403


def test_new_draw_offers_only_the_users_bureaus_and_items(client, setup, other_bureau, handler):
    draw = setup[0]
    client.force_login(handler)
    response = client.post(
        reverse("inspections_staff:draw_new"),
        {
            "bureau": other_bureau.pk,
            "title": "越权抽查",
            "items": [draw.items.first().pk],
            "target_count": 2,
        },
    )
    assert response.status_code == 200
    assert "bureau" in response.context["form"].errors
    response = client.post(
        reverse("inspections_staff:draw_new"),
        {
            "bureau": draw.bureau_id,
            "title": "本部门抽查",
            "items": [draw.items.first().pk],
            "target_count": 2,
            "risk_levels": ["high", "medium"],
        },
    )
    assert response.status_code == 302


def test_commit_error_is_shown_to_staff(client, bureau, supervisor):
    draw, _, _ = inspection_setup(bureau, targets=2, inspectors=1, target_count=3)
    client.force_login(supervisor)
    response = client.post(reverse("inspections_staff:commit", args=[draw.pk]), follow=True)
    assert "无法抽取" in response.content.decode()


def test_result_entry_page_saves_and_keeps_input_on_error(client, setup, supervisor, handler):
    draw = drawn(setup[0], supervisor)
    inspection = draw.inspections.first()
    client.force_login(handler)
    url = reverse("inspections_staff:result", args=[inspection.pk])
    bad = {
        "inspected_on": "2026-11-02",
        "checked_items": [draw.items.first().pk],
        "outcome": Outcome.CASE_OPENED,
        "public_note": "保留这段说明",
    }
    response = client.post(url, bad)
    assert response.status_code == 200 and "保留这段说明" in response.content.decode()
    response = client.post(url, {**bad, "violation_found": "on"})
    assert response.status_code == 302
    assert inspection.result.violation_found


def test_conflict_declaration_page(client, setup, handler):
    _draw, targets, inspectors = setup
    client.force_login(handler)
    url = reverse("inspections_staff:conflicts")
    data = {
        "inspector": inspectors[0].pk,
        "target_uscc": targets[0].uscc,
        "reason": "曾在该企业任职",
    }
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert "已申报" in response.content.decode()
    response = client.post(url, {**data, "target_uscc": "91420100MA4KXXXX0X"})
    assert "没有这个统一社会信用代码" in response.content.decode()


def test_staff_detail_query_count_does_not_grow_with_the_draw(
    client, bureau, supervisor, django_assert_max_num_queries, settings
):
    settings.DASHBOARD_COUNTS_TTL = 0  # the staff navigation counts on every request
    small = drawn(inspection_setup(bureau, targets=5, target_count=2)[0], supervisor)
    large = drawn(inspection_setup(bureau, targets=30, target_count=25)[0], supervisor)
    client.force_login(supervisor)
    client.get(reverse("inspections_staff:draws"))
    counts = []
    for draw in (small, large):
        # 8 for the page, 4 for the staff navigation (saved searches, counts, permissions)
        with django_assert_max_num_queries(12) as captured:
            response = client.get(reverse("inspections_staff:draw", args=[draw.pk]))
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_result_form_shows_the_saved_date_in_the_date_input(client, setup, supervisor, handler):
    draw = drawn(setup[0], supervisor)
    inspection = draw.inspections.first()
    results.record_result(
        inspection,
        {
            "inspected_on": datetime.date(2026, 11, 2),
            "checked_items": list(draw.items.all()),
            "outcome": Outcome.NO_PROBLEM,
            "violation_found": False,
            "public_note": "",
            "internal_note": "",
        },
        handler,
    )
    client.force_login(handler)
    page = client.get(reverse("inspections_staff:result", args=[inspection.pk])).content.decode()
    assert 'value="2026-11-02"' in page
