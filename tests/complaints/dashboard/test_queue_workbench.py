"""The staff workbench around the queue: navigation counts, facets, saved searches, search by
POST kept in the session, the staff layout and its language switch."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from complaints import permissions
from complaints.dashboard import counts, navigation
from complaints.models import AccessLog, SavedSearch, Status
from tests.factories.complaints import varied_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue_cases(supervisor_a, handler_a):
    return varied_queue(supervisor_a, handler_a)


@pytest.fixture(autouse=True)
def no_count_cache(settings):
    settings.DASHBOARD_COUNTS_TTL = 0


def _listed(client, url) -> set[int]:
    """Every case the queue lists at `url`, across its pages."""
    response = client.get(url)
    assert response.status_code == 200
    assert not response.context["page"].next_cursor
    return {case.pk for case in response.context["cases"]}


def test_each_navigation_count_is_the_number_of_cases_its_link_lists(
    login, handler_a, queue_cases, bureau_a
):
    client = login(handler_a)
    response = client.get(reverse("dashboard:queue"))
    nav = response.wsgi_request._staff_nav
    by_key = {item["key"]: item for item in nav["shortcuts"]}
    expected = {
        "mine": {queue_cases["mine"].pk, queue_cases["handling"].pk},
        "new": {c.pk for c in queue_cases.values() if c.status == Status.SUBMITTED},
        "overdue": {queue_cases["overdue"].pk},
        "awaiting": {queue_cases["awaiting"].pk},
        "transferred_in": {queue_cases["transferred"].pk},
        "all": {c.pk for c in queue_cases.values()},
    }  # fmt: skip
    assert queue_cases["due_soon"].pk in _listed(client, by_key["due_soon"]["url"])
    for key, cases in expected.items():
        assert _listed(client, by_key[key]["url"]) == cases, key
    for item in nav["shortcuts"]:
        assert item["count"] == len(_listed(client, item["url"])), item["key"]
    page = response.content.decode()
    assert 'id="nav-overdue"' in page and 'id="nav-transferred_in"' in page


def test_facet_counts_group_the_scope_and_ignore_their_own_filter(
    login, handler_a, handler_b, queue_cases, case_b
):
    client = login(handler_a)
    response = client.get(reverse("dashboard:queue"), {"status": "submitted"})
    form = response.context["form"]
    facets = counts.facet_counts(handler_a, form.cleaned_data)
    # The status facet still counts every status (its own filter is left out) …
    assert facets["status"][Status.AWAITING_COMPLAINANT] == 1
    assert facets["status"]["open"] == 8 and facets["status"][Status.RESOLVED] == 1
    # … the others count within the chosen status, and only this bureau's cases.
    submitted = [c for c in queue_cases.values() if c.status == Status.SUBMITTED]
    assert sum(facets["category"].values()) == len(submitted)
    assert facets["source"] == {"web": len(submitted) - 1, "open311": 1}
    assert facets["overdue"] == 1
    assert case_b.pk not in {c.pk for c in response.context["cases"]}
    page = response.content.decode()
    assert f"已超期 ({facets['overdue']})" in page
    assert f"待补充材料 ({facets['status'][Status.AWAITING_COMPLAINANT]})" in page


def test_queue_queries_do_not_grow_with_cases_or_saved_searches(login, supervisor_a, handler_a):
    client = login(supervisor_a)
    url = reverse("dashboard:queue")

    def queries(params):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, params).status_code == 200
        return len(captured)

    queries({})  # the first request of the process also reads the working-day calendar
    few = queries({"status": "open", "channel": "12315"})
    varied_queue(supervisor_a, handler_a)
    for index in range(5):
        SavedSearch.objects.create(
            user=supervisor_a, name=f"检索{index}", filters={"status": "open"}, order="due"
        )
    assert queries({"status": "open", "channel": "12315"}) == few
    budgets = 18 if connection.vendor == "postgresql" else 0  # see test_queue.py
    assert few <= 21 + budgets  # the 20 of test_queue.py, and the channel filter's value


def test_search_terms_are_posted_kept_in_the_session_and_never_in_a_url(
    login, handler_a, case_a, queue_cases
):
    client = login(handler_a)
    phone = "13812345678"
    response = client.post(reverse("dashboard:search"), {"q": phone, "status": "open"})
    assert response.status_code == 302
    assert phone not in response["Location"] and "q=" not in response["Location"]
    assert response["Location"] == reverse("dashboard:queue") + "?status=open"
    page = client.get(response["Location"])
    assert page.context["search_term"] == phone
    assert phone not in page.context["query_string"]
    assert f"?{page.context['query_string']}" in page.content.decode()  # export links carry no term
    # An export of the searched queue logs its filters, not the term.
    client.get(reverse("dashboard:export_queue_csv") + "?status=open")
    detail = AccessLog.objects.filter(action="export").latest("id").detail
    assert phone not in detail
    # A term in a URL (an old bookmark) is ignored; "clear_term" forgets the kept one.
    assert (
        client.get(reverse("dashboard:queue"), {"q": "nothing-matches"}).context["search_term"]
        == phone
    )
    client.post(reverse("dashboard:search"), {"clear_term": "1", "status": "open"})
    assert client.get(reverse("dashboard:queue")).context["search_term"] == ""


def test_saved_searches_are_created_renamed_deleted_and_counted(
    login, handler_a, supervisor_a, queue_cases
):
    client = login(handler_a)
    client.post(reverse("dashboard:search"), {"q": "张三丰"})
    response = client.post(
        reverse("dashboard:saved_create"),
        {"name": "我的超期", "overdue": "on", "sort": "due", "due_within": "999"},
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=handler_a)
    assert saved.filters == {"overdue": "on"} and saved.order == "due"  # no term, no bad value
    nav = client.get(reverse("dashboard:queue")).wsgi_request._staff_nav
    assert [(item["label"], item["count"]) for item in nav["saved"]] == [("我的超期", 1)]
    # Same name twice: refused with a message, nothing lost.
    client.post(reverse("dashboard:saved_create"), {"name": "我的超期", "status": "open"})
    assert SavedSearch.objects.filter(user=handler_a).count() == 1
    client.post(reverse("dashboard:saved_rename", args=[saved.pk]), {"name": "超期案件"})
    saved.refresh_from_db()
    assert saved.name == "超期案件"
    other = login(supervisor_a)
    assert other.post(reverse("dashboard:saved_delete", args=[saved.pk])).status_code == 404
    assert (
        other.post(reverse("dashboard:saved_rename", args=[saved.pk]), {"name": "x"}).status_code
        == 404
    )
    page = client.get(reverse("dashboard:saved_list")).content.decode()
    assert "超期案件" in page
    client.post(reverse("dashboard:saved_delete", args=[saved.pk]))
    assert not SavedSearch.objects.exists()


def test_staff_layout_has_no_public_chrome(login, handler_a, case_a):
    page = login(handler_a).get(reverse("dashboard:queue")).content.decode()
    assert 'id="staff-nav"' in page
    assert "site-search" not in page and "我要投诉/举报" not in page
    assert "知识产权维权热线" not in page and "tel:12330" not in page


def test_the_dashboard_switches_language_on_the_same_page(login, handler_a, case_a):
    client = login(handler_a)
    english = client.get("/en/dashboard/", {"status": "open"})
    assert english.status_code == 200
    page = english.content.decode()
    assert '<html lang="en">' in page
    assert 'href="/dashboard/?status=open" hreflang="zh-Hans"' in page
    assert 'id="nav-awaiting" href="/en/dashboard/?status=' in page  # navigation stays English
    assert "---------" not in page and "Select an option" not in page
    chinese = client.get("/dashboard/").content.decode()
    assert 'href="/en/dashboard/" hreflang="en"' in chinese
    case = client.get(f"/en/dashboard/cases/{case_a.pk}/")
    assert case.status_code == 200 and '<html lang="en">' in case.content.decode()


def test_other_areas_add_navigation_links_through_the_registry(login, handler_a, supervisor_a):
    added = navigation.register(
        navigation.NavLink(
            key="test-performance-copy",
            label="测试链接",
            url_name="dashboard:performance",
            visible=lambda user: user.username == "supervisor_a",
            section="reports",
        )
    )
    try:
        assert "测试链接" in login(supervisor_a).get(reverse("dashboard:queue")).content.decode()
        assert "测试链接" not in login(handler_a).get(reverse("dashboard:queue")).content.decode()
    finally:
        navigation.LINKS.remove(added)


def test_casework_links_come_before_figures_whatever_the_section_names(supervisor_a):
    from django.utils import translation

    with translation.override("en"):
        sections = list(navigation.links_for(supervisor_a, ""))
    # credit records and inspections (casework) sort before performance (figures, reports)
    assert sections == ["Casework", "Figures and reports"]


def test_navigation_counts_are_one_query_for_any_number_of_saved_searches(handler_a, case_a):
    for index in range(4):
        SavedSearch.objects.create(user=handler_a, name=f"s{index}", filters={"status": "open"})
    saved = counts.saved_searches(handler_a)
    permissions.bureau_ids(handler_a)  # the roles, read once per request anyway
    with CaptureQueriesContext(connection) as captured:
        numbers = counts.nav_counts(handler_a, saved)
    assert len(captured) == 1
    assert all(numbers[f"saved-{item.pk}"] == 1 for item in saved)


def test_a_chinese_interface_never_shows_an_untranslated_empty_choice(login, handler_a):
    with translation.override("zh-hans"):
        page = login(handler_a).get(reverse("dashboard:queue")).content.decode()
    assert "---------" not in page and "Select an option" not in page
