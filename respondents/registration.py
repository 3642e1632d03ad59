"""Plugging the respondent portal into complaints (which never imports this app): its rules
into services.actions, its handlers into services.casework, its forms into the dashboard's
case page and the tracking page, and its panels onto both pages."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from complaints.dashboard import forms as dashboard_forms
    from complaints.dashboard.views import case as dashboard_case
    from complaints.dashboard.views import performance
    from complaints.services import actions, casework
    from complaints.views import track

    from . import forms, panels, services

    actions.STAFF_RULES.setdefault(
        "invite_respondent",
        actions.Rule(
            _("邀请被投诉人在线答复"),
            services.invitable,
            _("只有已受理、未办结、有被投诉人且尚未答复的投诉可以邀请被投诉人答复。"),
        ),
    )
    actions.COMPLAINANT_RULES.setdefault(
        "settlement_decision",
        actions.Rule(
            _("对和解方案表态"),
            services.settlement_pending,
            _("没有等待您表态的和解方案。"),
        ),
    )
    actions.RESPONDENT_RULES.setdefault(
        "answer",
        actions.Rule(_("答复"), services.answerable, _("本案已答复或已办结，不能再答复。")),
    )
    casework.STAFF_HANDLERS.setdefault(
        "invite_respondent",
        lambda case, actor, data: services.invite_case(
            case,
            actor,
            phone=data.get("phone", ""),
            email=data.get("email", ""),
            facts=data["facts"],
            request_text=data["request_text"],
        ),
    )
    casework.COMPLAINANT_HANDLERS.setdefault(
        "settlement_decision", lambda case, data: services.decide_settlement(case, data)
    )
    casework.RESPONDENT_HANDLERS.setdefault(
        "answer", lambda case, actor, data: services.answer(case, actor, data)
    )
    dashboard_forms.ACTION_FORMS.setdefault("invite_respondent", forms.InviteForm)
    track.ACTIONS.setdefault(
        "settlement_decision",
        (forms.SettlementDecisionForm, _("已记录您对和解方案的意见。"), "track_settlement"),
    )
    if panels.staff_panel not in dashboard_case.CASE_PANELS:
        dashboard_case.CASE_PANELS.append(panels.staff_panel)
    if panels.track_panel not in track.CASE_PANELS:
        track.CASE_PANELS.append(panels.track_panel)
    if panels.performance_panel not in performance.PERFORMANCE_PANELS:
        performance.PERFORMANCE_PANELS.append(panels.performance_panel)
