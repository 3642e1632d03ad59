"""Issue 17, strings: the English catalogue is complete and English pages carry no Chinese UI text.

"Outside user content" is defined by markup: text inside an element whose ``lang`` is Chinese
(``zh``, ``zh-Hans``…) is what citizens, staff or editors wrote (case facts, names, the body of
a page that has no English version) and is skipped. Templates must mark such fragments with
``lang="zh-Hans"``, which screen readers need anyway. Everything else — text nodes and the
attributes a reader or assistive technology sees — must be free of Chinese characters and
full-width punctuation (：，、（）). The pages read the compiled catalogue: run `make messages`.
"""

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import Page

from complaints.models import Role
from complaints.services import lifecycle
from tests.complaints.conftest import frozen_today, reference_data  # noqa: F401 (fixtures)
from tests.complaints.intake.conftest import answers  # noqa: F401 (fixture)
from tests.factories.complaints import file_complaint, resolve_case, staff_member

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
HAN = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
# <title> cannot hold a lang-marked fragment (its page title is checked where the page shows
# it); a <textarea>'s text is what the user typed.
SKIPPED = {"script", "style", "template", "title", "textarea"}
VISIBLE_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description", "label"}


def untranslated(path: Path) -> list[str]:
    """Msgids of a catalogue whose translation is empty (any plural form) or fuzzy."""
    return [
        entry.msgid
        for entry in polib.pofile(str(path))
        if entry.msgid and not entry.obsolete and ("fuzzy" in entry.flags or not entry.translated())
    ]


def test_the_english_catalogue_has_no_empty_or_fuzzy_translation():
    bad = untranslated(CATALOGUE)
    assert not bad, f"{len(bad)} untranslated or fuzzy (run make messages): {bad[:20]}"


def test_the_catalogue_check_finds_empty_fuzzy_and_half_plural_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "已译"\nmsgstr "Done"\n\n'
        'msgid "空"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "模糊"\nmsgstr "Fuzzy"\n\n'
        'msgid "共 %(counter)s 件"\nmsgid_plural "共 %(counter)s 件"\n'
        'msgstr[0] "%(counter)s item"\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    assert untranslated(po) == ["空", "模糊", "共 %(counter)s 件"]


class ChineseOutsideUserContent(HTMLParser):
    """Collects Chinese text found outside elements whose lang is Chinese."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, inside Chinese or skipped content)
        self.leaks: list[str] = []

    def excluded(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        lang = (values.get("lang") or "").lower()
        excluded = lang.startswith("zh") if lang else self.excluded()
        excluded = excluded or tag in SKIPPED
        if not excluded:
            for name in VISIBLE_ATTRIBUTES:
                if values.get(name) and HAN.search(values[name]):
                    self.leaks.append(f"<{tag} {name}={values[name]!r}>")
            button = tag == "input" and values.get("type") in {"submit", "button"}
            if button and HAN.search(values.get("value") or ""):
                self.leaks.append(f"<input value={values['value']!r}>")
        if tag not in VOID:
            self.stack.append((tag, excluded))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if not self.excluded() and HAN.search(data):
            tag = self.stack[-1][0] if self.stack else ""
            self.leaks.append(f"<{tag}> " + " ".join(data.split())[:120])


def chinese_leaks(html: str) -> list[str]:
    parser = ChineseOutsideUserContent()
    parser.feed(html)
    parser.close()
    return parser.leaks


def test_the_scanner_skips_chinese_lang_fragments_only():
    html = (
        '<html lang="en"><body><p>Filed <span lang="zh-Hans">张三<b>丰</b></span> ok</p>'
        '<img alt="图"><p lang="zh">事实<br>更多</p><script>"脚本"</script>'
        '<div lang="en">Why：</div><input type="submit" value="提交"></body></html>'
    )
    assert chinese_leaks(html) == ["<img alt='图'>", "<div> Why：", "<input value='提交'>"]


class EnglishPages:
    """Checks pages one by one and reports every leak of every page at the end."""

    def __init__(self):
        self.leaks: dict[str, list[str]] = {}
        self.known: set[str] = set()

    def check(self, response, where: str):
        assert response.status_code == 200, (where, response.status_code)
        html = response.content.decode()
        assert '<html lang="en"' in html, where
        if leaks := [leak for leak in chinese_leaks(html) if leak not in self.known]:
            self.leaks[where] = leaks

    def assert_clean(self):
        report = "\n".join(f"{where}: {leaks}" for where, leaks in self.leaks.items())
        assert not self.leaks, f"Chinese outside lang=zh-Hans fragments:\n{report}"


@pytest.fixture
def english():
    return EnglishPages()


@pytest.fixture
def public_site(reference_data):  # noqa: F811 (fixture)
    """The demo site's pages (seed_pages, as tests/cms' seeded_site) and the bureaus the
    directory page lists."""
    from cms.demo import seed_editorial_groups, seed_pages

    seed_editorial_groups()
    seed_pages()


@pytest.mark.django_db
def test_public_pages_in_english_show_no_chinese_outside_user_content(client, public_site, english):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    urls = sorted({page.language_urls(None)["en"] for page in pages})
    assert len(urls) > 30 and "/en/" in urls
    for url in [*urls, "/en/search/?q=patent", "/en/search/?q=专利"]:
        english.check(client.get(url), url)
    english.assert_clean()


@pytest.mark.django_db
def test_open311_docs_in_english(client, english):
    response = client.get("/open311/v2/", HTTP_ACCEPT_LANGUAGE="en")
    english.check(response, "/open311/v2/")
    english.assert_clean()


@pytest.mark.django_db
def test_complaint_wizard_in_english(client, answers, english):  # noqa: F811 (fixture)
    client.get("/en/complaints/new/")
    for step in ("what", "who", "respondent", "details"):
        english.check(client.get(f"/en/complaints/new/{step}/"), step)
        # A step with errors first: messages and field labels in English too.
        english.check(client.post(f"/en/complaints/new/{step}/", {}), f"{step} with errors")
        response = client.post(f"/en/complaints/new/{step}/", answers[step])
        assert response.status_code == 302, (step, response.content.decode()[:2000])
    english.check(client.get("/en/complaints/new/review/"), "review")
    review = client.get("/en/complaints/new/review/")
    token = review.context["form"].initial["form_token"]
    done = client.post(
        "/en/complaints/new/review/",
        {"consent": "on", "form_token": token, "nav": "submit"},
    )
    assert done.status_code == 302
    english.check(client.get(done["Location"]), "receipt")
    english.assert_clean()


@pytest.mark.django_db
def test_tracking_in_english(client, reference_data, frozen_today, english):  # noqa: F811
    frozen_today(datetime.date(2026, 3, 2))
    filed = file_complaint()
    english.check(client.get("/en/complaints/track/"), "lookup")
    wrong = client.post(
        "/en/complaints/track/",
        {"tracking_number": filed.complaint.tracking_number, "access_code": "AAAAA-BBBBB"},
    )
    english.check(wrong, "lookup with a wrong code")
    found = client.post(
        "/en/complaints/track/",
        {"tracking_number": filed.complaint.tracking_number, "access_code": filed.access_code},
    )
    assert found.status_code == 302
    english.check(client.get("/en/complaints/track/case/"), "case page")
    # Resolved: the outcome, the rating and reopening forms.
    handler = staff_member(filed.complaint.bureau, Role.HANDLER, username="handler_en")
    lifecycle.accept(filed.complaint, actor=handler)
    resolve_case(filed.complaint, handler, public_note="已依法处理。")
    english.check(client.get("/en/complaints/track/case/"), "resolved case page")
    english.assert_clean()


@pytest.mark.django_db
def test_staff_dashboard_in_english(reference_data, frozen_today, english):  # noqa: F811
    frozen_today(datetime.date(2026, 3, 2))
    case = file_complaint().complaint
    supervisor = staff_member(case.bureau, Role.SUPERVISOR, username="sup_en")
    staff = Client()
    staff.force_login(supervisor)
    english.check(staff.get("/en/dashboard/"), "queue")
    english.check(staff.get(f"/en/dashboard/cases/{case.pk}/"), "case")
    lifecycle.accept(case, actor=supervisor)
    resolve_case(case, supervisor, public_note="已依法处理。")
    english.check(staff.get(f"/en/dashboard/cases/{case.pk}/"), "resolved case")
    english.assert_clean()


@pytest.mark.django_db
def test_records_credit_inspections_and_statistics_in_english(
    client,
    reference_data,  # noqa: F811 (fixture)
    frozen_today,  # noqa: F811 (fixture)
    english,
):
    """The public pages the CMS walk does not reach, each holding Chinese data: a published
    complaint record, a credit record, a drawn inspection campaign with a result."""
    from complaints.models import Bureau
    from inspections.models import Outcome
    from inspections.services import results
    from tests.factories.credit import CreditRecordFactory
    from tests.factories.inspections import drawn, inspection_setup
    from tests.factories.records import public_record

    frozen_today(datetime.date(2026, 3, 2))
    bureau = Bureau.objects.get(code="jiangan-amr")
    supervisor = staff_member(bureau, Role.SUPERVISOR, username="sup_public_en")
    record = public_record(respondent_name="武汉某某贸易有限公司")
    credit = CreditRecordFactory(bureau=bureau)
    draw = drawn(inspection_setup(bureau, targets=6)[0], supervisor)
    results.record_result(
        draw.inspections.order_by("order").first(),
        {
            "inspected_on": datetime.date(2026, 3, 1),
            "checked_items": list(draw.items.all()),
            "outcome": Outcome.RECTIFY,
            "violation_found": True,
            "public_note": "专利标识不规范，已责令改正。",
            "internal_note": "",
        },
        supervisor,
    )
    for url in (
        "/en/complaints/database/",
        f"/en/complaints/database/{record.pk}/",
        "/en/complaints/database/trends/",
        "/en/credit/",
        "/en/credit/?q=%E6%AD%A6%E6%B1%89",
        f"/en/credit/{credit.pk}/",
        "/en/inspections/",
        f"/en/inspections/{draw.pk}/",
        "/en/stats/",
        "/en/account/",
    ):
        english.check(client.get(url), url)
    english.assert_clean()


@pytest.mark.django_db
def test_dashboard_calls_performance_and_bulk_in_english(
    reference_data,  # noqa: F811 (fixture)
    frozen_today,  # noqa: F811 (fixture)
    english,
):
    from tests.factories.complaints import hotline_operator

    frozen_today(datetime.date(2026, 3, 2))
    case = file_complaint().complaint
    supervisor = staff_member(case.bureau, Role.SUPERVISOR, username="sup_more_en")
    supervisor.first_name, supervisor.last_name = "芳", "李"
    supervisor.save()
    staff = Client()
    staff.force_login(supervisor)
    english.check(staff.get("/en/dashboard/performance/"), "performance")
    english.check(staff.get("/en/dashboard/saved/"), "saved searches")
    bulk = staff.post(
        "/en/dashboard/cases/bulk/", {"cases": [case.pk], "bulk-bulk_action": "accept"}
    )
    english.check(bulk, "bulk result")
    operator = Client()
    operator.force_login(hotline_operator(username="operator_en"))
    english.check(operator.get("/en/dashboard/calls/new/"), "calls")
    english.assert_clean()
