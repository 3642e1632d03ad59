"""Atom feed of newly published records (the newest 50)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from records.labels import localized
from records.models import PublicRecord


class NewRecordsFeed(Feed):
    feed_type = Atom1Feed
    title = _("武汉知识产权公开投诉数据库：新公开的记录")
    subtitle = _("已结案并经公示期后公开的投诉举报记录，不含个人信息。")
    link = reverse_lazy("records:browse")

    def items(self):
        return (
            PublicRecord.objects.public()
            .select_related("category", "channel", "district")
            .order_by("-published_at", "-id")[:50]
        )

    def item_title(self, item):
        parts = [localized(item.category), item.respondent_name, str(item.closed_on)]
        return " · ".join(part for part in parts if part)

    def item_description(self, item):
        outcome = item.get_outcome_display() if item.outcome else ""
        lines = [f"{item.channel.code} · {localized(item.district)}".strip(" ·"), str(outcome)]
        if item.narrative:
            lines.append(item.narrative)
        return "\n".join(line for line in lines if line)

    def item_link(self, item):
        return reverse("records:detail", kwargs={"pk": item.pk})

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
