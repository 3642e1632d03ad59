"""Public complaint URLs (inside i18n_patterns at /complaints/). No personal data in paths."""

from django.urls import path

from .views import intake, track

app_name = "complaints"

urlpatterns = [
    path("new/", intake.start, name="new"),
    path("new/done/", intake.done, name="done"),
    path("new/restart/", intake.restart, name="restart"),
    path("new/<slug:step>/", intake.step_view, name="step"),
    path("track/", track.lookup, name="track"),
    path("track/case/", track.case, name="track_case"),
    path("track/case/supply/", track.supply, name="track_supply"),
    path("track/case/withdraw/", track.withdraw, name="track_withdraw"),
    path("track/case/rate/", track.rate, name="track_rate"),
    path("track/case/reopen/", track.reopen, name="track_reopen"),
    path("track/case/evidence/", track.add_evidence, name="track_add_evidence"),
    path("track/case/files/<int:evidence_id>/", track.shared_file, name="track_file"),
    path("track/case/act/<slug:action>/", track.act_named, name="track_act"),
    path("track/end/", track.end, name="track_end"),
]
