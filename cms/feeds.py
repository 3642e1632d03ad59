"""RSS and Atom feeds of news and notices, in the active language."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms.models import NewsPage
from cms.models.base import localize_pages

FEED_SIZE = 20


class NewsFeed(Feed):
    title = _("武汉知识产权公共服务平台 · 新闻动态与通知公告")
    description = _("武汉市知识产权新闻动态与通知公告")

    def link(self):
        language = get_language() or settings.LANGUAGE_CODE
        return "/news/" if language == settings.LANGUAGE_CODE else f"/{language}/news/"

    def items(self):
        news = (
            NewsPage.objects.live()
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .order_by("-date", "-pk")[:FEED_SIZE]
        )
        return localize_pages(news)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
