"""Demo content for seed_demo: idempotent, keyed on slugs."""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

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
    pass


def seed_pages(stdout=None):
    ensure_home_page()
