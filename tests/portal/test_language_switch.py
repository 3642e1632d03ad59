"""Issue 17: the language switch keeps the reader on the same page, in the other language.

Each URL is fetched in one language; the switch link (the ``hreflang`` link of the header's
language navigation) must point at the same view in the other language, query string kept.
"""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import resolve
from django.utils import translation

from complaints.models import Role
from tests.complaints.conftest import frozen_today, reference_data  # noqa: F401 (fixtures)
from tests.factories.complaints import file_complaint, hotline_operator, staff_member

SWITCH = re.compile(
    r'<nav[^>]*class="language-switch[^"]*"[^>]*>.*?<a href="([^"]+)" hreflang="([^"]+)"', re.S
)


def switch_link(response) -> tuple[str, str]:
    html = response.content.decode()
    match = SWITCH.search(html)
    assert match, "no language switch link on the page"
    return match.group(1).replace("&amp;", "&"), match.group(2)


def other(path: str) -> str:
    """The same path in the other language: /en/x ↔ /x."""
    return path[3:] if path.startswith("/en/") else "/en" + path


def view_of(url: str):
    path = urlsplit(url).path
    with translation.override("en" if path.startswith("/en/") else settings.LANGUAGE_CODE):
        return resolve(path)


def same_view(a: str, b: str) -> bool:
    ra, rb = view_of(a), view_of(b)
    return (ra.view_name, ra.args, ra.kwargs) == (rb.view_name, rb.args, rb.kwargs)


def assert_switch_keeps_the_page(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    href, hreflang = switch_link(response)
    expected = other(url)
    assert hreflang == ("zh-Hans" if url.startswith("/en/") else "en"), (url, hreflang)
    assert href == expected, f"{url}: the switch goes to {href}, not {expected}"
    landed = client.get(href)
    assert landed.status_code == 200, (href, landed.status_code)
    assert same_view(url, href)


def test_the_switch_pattern_reads_the_header_link():
    html = (
        '<nav aria-label="Language" class="language-switch"><ul><li><span>English</span></li>'
        '<li><a href="/dashboard/?q=1&amp;s=2" hreflang="zh-Hans" lang="zh-Hans">中文</a>'
        "</li></ul></nav>"
    )

    class Response:
        content = html.encode()

    assert switch_link(Response()) == ("/dashboard/?q=1&s=2", "zh-Hans")
    assert other("/en/dashboard/") == "/dashboard/" and other("/stats/") == "/en/stats/"


@pytest.fixture
def case(reference_data, frozen_today):  # noqa: F811 (fixtures)
    frozen_today(datetime.date(2026, 3, 2))
    return file_complaint()


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_switch_keeps_the_dashboard_page(case, prefix):
    supervisor = staff_member(case.complaint.bureau, Role.SUPERVISOR, username="sup_switch")
    staff = Client()
    staff.force_login(supervisor)
    for path in (
        "/dashboard/",
        "/dashboard/?status=received&q=%E5%95%86%E6%A0%87&sort=-created_at",
        f"/dashboard/cases/{case.complaint.pk}/",
        "/dashboard/performance/",
        "/dashboard/saved/",
    ):
        assert_switch_keeps_the_page(staff, prefix + path)
    operator = Client()
    operator.force_login(hotline_operator(username="op_switch"))
    assert_switch_keeps_the_page(operator, prefix + "/dashboard/calls/new/")


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_switch_keeps_public_pages(case, prefix, client):
    for path in (
        "/search/?q=%E4%B8%93%E5%88%A9&page=1",
        "/stats/",
        "/complaints/new/what/",
        "/complaints/track/",
        "/credit/",
        "/inspections/",
        "/complaints/database/",
        "/account/",
    ):
        assert_switch_keeps_the_page(client, prefix + path)


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_switch_keeps_a_tracked_case(case, prefix, client):
    """A case opened by a POSTed lookup: the switch lands on the same case (the session
    grants it); after ending the session, on the lookup form."""
    found = client.post(
        f"{prefix}/complaints/track/",
        {"tracking_number": case.complaint.tracking_number, "access_code": case.access_code},
    )
    assert found.status_code == 302
    assert_switch_keeps_the_page(client, f"{prefix}/complaints/track/case/")
    landed = client.get(other(f"{prefix}/complaints/track/case/"))
    assert case.complaint.tracking_number in landed.content.decode()
    # Without a session that grants a case, the same link lands on the lookup form.
    stranger = Client().get(other(f"{prefix}/complaints/track/case/"))
    assert stranger.status_code == 302
    assert stranger["Location"] == other(f"{prefix}/complaints/track/"), stranger["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_switch_keeps_the_citizen_account(case, prefix, client):
    from tests.factories.citizens import sign_in

    sign_in(client)
    for path in ("/account/", "/account/data/"):
        assert_switch_keeps_the_page(client, prefix + path)


@pytest.fixture
def public_site(reference_data):  # noqa: F811 (fixture)
    from cms.demo import seed_editorial_groups, seed_pages

    seed_editorial_groups()
    seed_pages()


@pytest.mark.django_db
def test_the_switch_on_cms_pages_goes_to_the_translation_or_the_chinese_page(client, public_site):
    """From each Chinese page to its English translation when one is live, else to the same
    page under /en/ with the "Chinese only" notice; and back from English to Chinese."""
    from wagtail.models import Locale, Page

    english = Locale.objects.get(language_code="en")
    pages = Page.objects.live().filter(depth__gt=1, locale__language_code="zh-hans").specific()
    translated = untranslated = 0
    for page in pages:
        url = page.get_url(None)
        href, hreflang = switch_link(client.get(url))
        assert hreflang == "en", url
        assert href == page.language_urls(None)["en"], (url, href)
        landed = client.get(href)
        assert landed.status_code == 200, href
        notice = "untranslated-notice" in landed.content.decode()
        translation = page.get_translation_or_none(english)
        if translation is None or not translation.live:
            untranslated += 1
            assert href == "/en" + url, (url, href)
            # (the home page is all interface text and lists, read in English either way)
            assert notice or page.depth == 2, f"{href}: no 'Chinese only' notice"
        else:
            translated += 1
            assert href == translation.get_url(None) and not notice, (url, href)
        back, back_lang = switch_link(landed)
        assert (back, back_lang) == (url, "zh-Hans"), (href, back)
    assert translated and untranslated, (translated, untranslated)
