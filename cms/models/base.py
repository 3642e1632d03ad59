"""What every public page shares: translations, fallback routing, breadcrumbs, social metadata."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.search import index

from cms.slugs import needs_pinyin, page_slug, pinyin_slug, unique_slug

PAGE_SIZE = 10


def default_locale() -> Locale:
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


def localize_pages(pages, language_code: str | None = None) -> list:
    """Swap each page for its live translation in the active language, when there is one."""
    pages = list(pages)
    language_code = language_code or get_language() or settings.LANGUAGE_CODE
    if not pages or language_code == settings.LANGUAGE_CODE:
        return pages
    model = type(pages[0])
    translations = {
        page.translation_key: page
        for page in model.objects.live().filter(
            locale__language_code=language_code,
            translation_key__in=[page.translation_key for page in pages],
        )
    }
    localized = []
    for page in pages:
        translation = translations.get(page.translation_key)
        if translation is None:
            # Marks Chinese text inside an English page for screen readers (lang attribute).
            page.fallback_lang = settings.LANGUAGE_CODE
        localized.append(translation or page)
    return localized


class PortalPageForm(WagtailAdminPageForm):
    """The slug may be left empty: a Chinese title then gets a readable pinyin slug."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        title = self.cleaned_data.get("title") or ""
        slug = self.cleaned_data.get("slug") or ""
        # A new page also replaces what the admin's ASCII-only slugify kept of a Chinese title.
        replace = needs_pinyin(slug, title) if self.instance.pk is None else not slug.isascii()
        if title and "slug" in self.fields and (replace or not slug):
            self.cleaned_data["slug"] = self._pinyin_slug(title)
        return super().clean()

    def _pinyin_slug(self, title):
        base = pinyin_slug(title) or "page"
        siblings = self.parent_page.get_children().exclude(pk=self.instance.pk)
        # A sibling with the same title and slug is most likely this very page saved a moment
        # ago (autosave racing a save button): keep the slug so the usual "slug in use" error
        # stops a duplicate; the editor types a slug to add a second page of that title.
        if siblings.filter(slug=base, title=title).exists():
            return base
        return unique_slug(base, self.parent_page, self.instance)


class PortalPage(Page):
    """Abstract base: a summary for listings and Open Graph, and bilingual behaviour."""

    summary = models.TextField(_("摘要"), blank=True, help_text=_("列表和社交分享中显示的一两句话"))

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    promote_panels = [*Page.promote_panels, FieldPanel("summary")]

    base_form_class = PortalPageForm

    class Meta:
        abstract = True

    def _set_core_field_defaults(self):
        # Pages made in code (demo, imports) get the same pinyin slug as pages made in the admin.
        if self.title and (not self.slug or not self.slug.isascii() or "%" in self.slug):
            parent = getattr(self, "_cached_parent_obj", None) or (
                self.get_parent() if self.path else None
            )
            if parent is not None:
                self.slug = page_slug(self.title, parent, self)
        super()._set_core_field_defaults()

    def route(self, request, path_components):
        # An English path whose page is not translated yet is served from the Chinese tree.
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components or self.locale.language_code == settings.LANGUAGE_CODE:
                raise
            source = self.get_translation_or_none(default_locale())
            if source is None:
                raise
            return source.specific.route(request, path_components)

    def source_page(self):
        """This page in the default language (itself when it is the original)."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        return self.get_translation_or_none(default_locale()) or self

    def language_urls(self, request) -> dict:
        """Where the language switch goes: the real translation, or the fallback path."""
        source = self.source_page()
        source_url = source.get_url(request) or "/"
        urls = {}
        for code, _name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                urls[code] = source_url
                continue
            locale = Locale.objects.filter(language_code=code).first()
            translation = self.get_translation_or_none(locale) if locale else None
            if translation is not None and translation.live:
                urls[code] = translation.get_url(request)
            else:
                urls[code] = f"/{code}{source_url}"
        return urls

    def breadcrumbs(self):
        # In English, ancestors link to their translations where they exist.
        return [page.localized for page in self.get_ancestors().specific() if page.depth > 1]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = get_language() or settings.LANGUAGE_CODE
        context["language_urls"] = self.language_urls(request)
        context["untranslated"] = self.locale.language_code != language
        context["content_lang"] = self.locale.language_code
        context["breadcrumbs"] = self.breadcrumbs()
        context["canonical_url"] = self.get_full_url(request)
        return context


class IndexPage(PortalPage):
    """Abstract listing page: children in the default language, shown in the active one."""

    intro = RichTextField(_("导语"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*PortalPage.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    max_count_per_parent = 1
    child_model = None

    class Meta:
        abstract = True

    def entries(self):
        """Live children of the Chinese index (the source of truth for listings)."""
        return self.child_model.objects.live().child_of(self.source_page())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        params = request.GET.copy()
        params.pop("page", None)
        context["filter_query"] = f"{params.urlencode()}&" if params else ""
        return context

    def paginate(self, request, queryset):
        page_obj = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
        page_obj.object_list = localize_pages(page_obj.object_list)
        return page_obj
