"""Demo content for seed_demo: idempotent, keyed on slugs."""

from datetime import date

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms import models as cms_models
from cms.demo import content
from cms.demo.city_plan import plan_blocks
from cms.demo.editorial import seed_editorial
from cms.demo.pages import ensure_translation, homes, upsert_child
from cms.models import HomePage


@transaction.atomic
def ensure_home_page() -> HomePage:
    """Make a HomePage the default site's root, replacing Wagtail's welcome page."""
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    Locale.objects.get_or_create(language_code="en")
    home = HomePage.objects.filter(depth=2, locale=locale).first()
    if home is None:
        # Wagtail makes the tree root in a migration; a flushed test database has none.
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=locale)
        )
        home = root.add_child(
            instance=HomePage(
                title="武汉知识产权公共服务平台", slug="home-zh", locale=locale, live=True
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    elif site.root_page_id != home.id:
        old_root = site.root_page
        site.root_page = home
        site.save()
        if not isinstance(old_root.specific, HomePage) and not old_root.get_children().exists():
            old_root.delete()
    return home


def seed_editorial_groups(stdout=None):
    """Groups 编辑 Editors / 审核 Reviewers, demo users editor / reviewer, review workflow."""
    ensure_home_page()
    seed_editorial(homes(), stdout=stdout)


@transaction.atomic
def seed_pages(stdout=None):
    """The demo site: index pages, the city plan and other content; safe to run again."""
    home = ensure_home_page()
    if not home.intro:
        home.intro = "<p>政策法规、培训指南、典型案例与投诉举报一站式服务。</p>"
        home.save_revision().publish()
    home_en = ensure_translation(
        home,
        "Wuhan IP Public Service Portal",
        intro="<p>IP policies, training guides, typical cases, complaints and reports.</p>",
    )
    indexes = {}
    for slug, model_name, title, english_title, english_intro, intro in content.INDEXES:
        model = getattr(cms_models, model_name)
        indexes[slug] = upsert_child(home, model, slug, title=title, intro=f"<p>{intro}</p>")
        ensure_translation(indexes[slug], english_title, intro=f"<p>{english_intro}</p>")
    _seed_policies(indexes["policies"])
    _seed_guides(indexes["guides"])
    _seed_top_ten(indexes["top-ten"])
    _seed_white_paper(indexes["white-papers"])
    _seed_news(indexes["news"])
    _seed_overseas(indexes["overseas"])
    seed_editorial([home, home_en])
    if stdout:
        stdout.write(f"  {home.get_descendants().count()} pages under the home page")


def _seed_policies(index):
    plan = dict(content.CITY_PLAN)
    english_title = plan.pop("english_title")
    tags = plan.pop("tags")
    slug = plan.pop("slug")
    page = upsert_child(index, cms_models.PolicyPage, slug, body=plan_blocks(), **plan)
    _tag(page, tags)
    ensure_translation(page, english_title, **content.CITY_PLAN_ENGLISH)
    pages = {}
    for row in content.POLICIES:
        slug, title, number, issuer, issued, effective, level, validity, tags, summary = row
        pages[slug] = upsert_child(
            index,
            cms_models.PolicyPage,
            slug,
            title=title,
            document_number=number,
            issuer=issuer,
            issue_date=issued,
            effective_date=effective,
            level=level,
            validity=validity,
            summary=summary,
            featured=slug in content.FEATURED,
            body=content.para(summary),
        )
        _tag(pages[slug], tags)
        if slug in content.ENGLISH_POLICIES:
            ensure_translation(pages[slug], **content.ENGLISH_POLICIES[slug])
    for old, new in content.REPLACEMENTS.items():
        if pages[old].replaced_by_id != pages[new].id:
            pages[old].replaced_by = pages[new]
            pages[old].save_revision().publish()
    upsert_child(
        page,
        cms_models.PolicyInterpretationPage,
        "interpretation",
        title="《武汉市推进国家知识产权强市创建工作方案》政策解读",
        date=date(2017, 11, 10),
        author="市科技局（市知识产权局）",
        summary="方案的目标、五大工程和投诉维权网络建设要点解读。",
        body=content.heading("一、出台背景")
        + content.para("为落实国务院和省政府关于知识产权强国、强省建设的部署，制定本方案。")
        + content.heading("二、主要内容")
        + content.para(
            "方案提出知识产权管理创新、保护强化、运用促进、创造提升和环境优化五大工程。",
            "依托12330、12315、12390投诉服务平台，构建举报投诉与维权服务网络体系。",
        ),
    )


def _tag(page, names):
    if set(page.tags.names()) != set(names):
        page.tags.set(names)
        page.save_revision().publish()


def _seed_guides(index):
    for (
        slug,
        title,
        audience,
        fmt,
        when,
        place,
        register,
        video,
        contact,
        summary,
    ) in content.GUIDES:
        page = upsert_child(
            index,
            cms_models.GuidePage,
            slug,
            title=title,
            audience=audience,
            format=fmt,
            date=when,
            location=place,
            registration_url=register,
            video_url=video,
            contact=contact,
            summary=summary,
            body=content.para(summary),
        )
        if slug in content.ENGLISH_GUIDES:
            ensure_translation(page, **content.ENGLISH_GUIDES[slug])


def _seed_top_ten(index):
    year = 2025
    collection = upsert_child(
        index,
        cms_models.TopTenCollectionPage,
        str(year),
        title=f"{year}年武汉地区知识产权十大案件",
        year=year,
        summary="涵盖专利、商标、著作权、不正当竞争、商业秘密和植物新品种等领域的典型案件。",
        intro="<p>以下案件为演示数据，当事人名称已隐去。</p>",
    )
    ensure_translation(collection, f"Top ten IP cases in Wuhan, {year}", **content.TOP_TEN_ENGLISH)
    for rank, (
        (title, authority, number),
        case_type,
        (english_title, english_authority),
    ) in enumerate(zip(content.CASES, content.CASE_TYPES, content.ENGLISH_CASES, strict=True), 1):
        case = upsert_child(
            collection,
            cms_models.TopTenCasePage,
            f"case-{rank}",
            title=title,
            rank=rank,
            case_type=case_type,
            authority=authority,
            case_number=number,
            case_summary=f"<p>{title}中，权利人请求依法制止侵权行为并赔偿损失。</p>",
            significance="<p>该案明确了同类案件的裁判和执法标准，对营造良好营商环境具有示范意义。</p>",
        )
        kind = content.CASE_TYPE_NAMES[case_type]
        ensure_translation(
            case,
            english_title,
            authority=english_authority,
            case_summary=f"<p>In this {kind} case the right holder asked for the infringement "
            "to be stopped and for compensation.</p>",
            significance="<p>The case sets the standard for deciding and enforcing similar "
            "cases and helps make the business environment fair.</p>",
        )


def _seed_white_paper(index):
    figures = [
        cms_models.KeyFigure(
            label=label, value=value, previous_value=previous, unit=unit, in_chart=in_chart
        )
        for label, value, previous, unit, in_chart in content.WHITE_PAPER_FIGURES
    ]
    paper = upsert_child(
        index,
        cms_models.WhitePaperPage,
        "2025",
        title="2025年武汉知识产权发展状况",
        year=2025,
        summary="全市知识产权创造、运用、保护、管理和服务的年度状况（演示数据）。",
        body=content.heading("一、知识产权创造")
        + content.para("发明专利授权量和PCT国际专利申请量保持增长。")
        + content.heading("二、知识产权保护")
        + content.para("侵权纠纷案件按期结案率达到98%以上，保护社会满意度持续提高。"),
        _relations={"figures": figures},
    )
    english = content.WHITE_PAPER_ENGLISH

    def english_figures(translation):
        figures = list(translation.figures.all())
        for figure in figures:
            figure.label = english["labels"].get(figure.label, figure.label)
            figure.unit = english["units"].get(figure.unit, figure.unit)
        translation.figures = figures

    ensure_translation(
        paper,
        "Wuhan IP development report 2025",
        prepare=english_figures,
        summary=english["summary"],
        body=content.para(english["summary"]),
    )


def _seed_news(index):
    for slug, kind, title, when, source, summary in content.NEWS:
        page = upsert_child(
            index,
            cms_models.NewsPage,
            slug,
            title=title,
            kind=kind,
            date=when,
            source=source,
            summary=summary,
            body=content.para(summary),
        )
        if slug in content.ENGLISH_NEWS:
            english_title, english_summary = content.ENGLISH_NEWS[slug]
            ensure_translation(
                page, english_title, summary=english_summary, body=content.para(english_summary)
            )


def _seed_overseas(index):
    for slug, title, country, region, summary, points in content.OVERSEAS:
        upsert_child(
            index,
            cms_models.OverseasInfoPage,
            slug,
            title=title,
            country=country,
            region=region,
            updated=date(2026, 10, 1),
            summary=summary,
            body=content.para(summary) + content.heading("要点") + content.para(*points),
        )
