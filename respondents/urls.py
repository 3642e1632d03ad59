"""Respondent portal URLs (inside i18n_patterns at /respondent/). Case ids only."""

from django.urls import path

from . import views

app_name = "respondents"

urlpatterns = [
    path("", views.cases, name="cases"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("invitation/", views.invitation, name="invitation"),
    path("invitation/accept/", views.accept, name="accept"),
    path("cases/<int:case_id>/", views.case, name="case"),
    path("cases/<int:case_id>/files/<int:evidence_id>/", views.own_file, name="own_file"),
    path("cases/<int:case_id>/agreement.pdf", views.agreement_pdf, name="agreement_pdf"),
    path(
        "cases/<int:case_id>/agreement/confirm/", views.agreement_confirm, name="agreement_confirm"
    ),
    path(
        "cases/<int:case_id>/agreement/decline/", views.agreement_decline, name="agreement_decline"
    ),
    path("colleagues/", views.colleagues, name="colleagues"),
]
