"""Service directory: the bureaus complaints are routed to, edited once in the complaints app
and reaching this page through the source portal registers in cms.directory."""

from django.utils.translation import gettext_lazy as _

from cms import directory
from cms.models.base import IndexPage


class DirectoryPage(IndexPage):
    subpage_types = []
    template = "cms/directory_page.html"

    class Meta:
        verbose_name = _("服务机构名录")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        bureaus = directory.bureaus()
        channel = request.GET.get("channel", "")
        if channel:
            bureaus = [bureau for bureau in bureaus if channel in bureau["channels"]]
        context["bureaus"] = bureaus
        context["channel"] = channel
        context["channels"] = ("12330", "12315", "12390")
        return context
