"""Rewrite non-ASCII (percent-encoded in URLs) page slugs as pinyin; the old URLs redirect.

    manage.py pinyin_slugs [--dry-run]

Pages are saved one by one in tree order; wagtail.contrib.redirects creates a permanent
redirect from each old path (and its descendants') to the page when the slug changes.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page

from cms.slugs import needs_pinyin, page_slug


class Command(BaseCommand):
    help = "Give pages with non-ASCII slugs a pinyin slug, with redirects from the old URLs."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the changes only.")

    def handle(self, *args, dry_run=False, **options):
        changed = 0
        for page in Page.objects.filter(depth__gt=2).order_by("path").specific():
            if page.slug.isascii() and "%" not in page.slug:
                continue
            if not needs_pinyin(page.slug, page.title):
                continue
            old_url = page.url_path
            new_slug = page_slug(page.title, page.get_parent(), page)
            self.stdout.write(f"{old_url} → {new_slug}")
            changed += 1
            if dry_run:
                continue
            with transaction.atomic():
                page.slug = new_slug
                page.save(clean=False)
        self.stdout.write(f"{changed} page(s) {'would change' if dry_run else 'changed'}")
