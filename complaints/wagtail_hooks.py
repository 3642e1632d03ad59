"""Editors see top-ten proposals in the Wagtail admin (read-only; cms never imports complaints).

The viewset registers the model's permissions with Wagtail's group editor: an administrator
gives editors "view" on 十大案件推荐 (the demo does it for the 编辑 and 审核 groups).
"""

from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from complaints.models import TopTenProposal

RELATED = ("case__category", "case__bureau", "proposed_by")


class ProposalIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related(*RELATED)


class ProposalInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        queryset = TopTenProposal.objects.select_related(*RELATED)
        return get_object_or_404(queryset, pk=unquote(str(self.pk)))


class TopTenProposalViewSet(ModelViewSet):
    model = TopTenProposal
    icon = "pick"
    menu_label = _("十大案件推荐")
    menu_order = 350
    add_to_admin_menu = True
    index_view_class = ProposalIndexView
    inspect_view_class = ProposalInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["year"]
    ordering = ["-year", "-created_at"]
    list_display = [
        Column("year", label=_("评选年度")),
        # Editors only have "view": the tracking number links to the read-only inspect page.
        TitleColumn("tracking_number", label=_("受理编号"), url_name="top_ten_proposals:inspect"),
        Column("category_name", label=_("类别")),
        Column("bureau_name", label=_("办理部门")),
        Column("outcome_label", label=_("办理结果")),
        Column("reason", label=_("推荐理由")),
        Column("proposer_name", label=_("推荐人")),
        DateColumn("created_at", label=_("推荐时间")),
    ]
    inspect_view_fields = [
        "year",
        "tracking_number",
        "category_name",
        "bureau_name",
        "outcome_label",
        "reason",
        "proposer_name",
        "created_at",
    ]
    form_fields = ["reason"]


@hooks.register("register_admin_viewset")
def register_top_ten_proposals():
    return TopTenProposalViewSet("top_ten_proposals")
