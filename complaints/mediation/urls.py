"""Mediation URLs (inside i18n_patterns): staff ones under /dashboard/mediation/, the
complainant's under /complaints/track/case/mediation/ (the session grant: never a tracking
number or access code in a URL)."""

from django.urls import path

from . import views

app_name = "mediation"

urlpatterns = [
    path("dashboard/mediation/<int:pk>/draft/", views.draft, name="draft"),
    path(
        "dashboard/mediation/<int:pk>/confirm/", views.confirm_in_person, name="confirm_in_person"
    ),
    path("dashboard/mediation/<int:pk>/seal/", views.seal, name="seal"),
    path("dashboard/mediation/<int:pk>/agreement.pdf", views.download, name="download"),
    path("dashboard/mediation/<int:pk>/packet.zip", views.packet, name="packet"),
    path(
        "complaints/track/case/mediation/agreement.pdf",
        views.citizen_download,
        name="citizen_download",
    ),
    path("complaints/track/case/mediation/confirm/", views.citizen_confirm, name="citizen_confirm"),
    path("complaints/track/case/mediation/decline/", views.citizen_decline, name="citizen_decline"),
]
