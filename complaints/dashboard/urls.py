from django.urls import path

from .views import auth, calls, case, exports, performance, queue

app_name = "dashboard"

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("login/", auth.StaffLoginView.as_view(), name="login"),
    path("logout/", auth.StaffLogoutView.as_view(), name="logout"),
    path("bulk/", queue.bulk, name="bulk"),
    path("cases/<int:pk>/", case.detail, name="case"),
    path("cases/<int:pk>/evidence/<int:evidence_id>/", case.evidence, name="evidence"),
    path(
        "cases/<int:pk>/evidence/<int:evidence_id>/original/",
        case.evidence_original,
        name="evidence_original",
    ),
    path("cases/<int:pk>/<slug:action>/", case.act, name="act"),
    path("calls/new/", calls.new, name="call_new"),
    path("calls/new/preview/", calls.preview, name="call_preview"),
    path("calls/done/", calls.done, name="call_done"),
    path("performance/", performance.performance, name="performance"),
    path("export/cases.csv", exports.queue_csv, name="export_queue_csv"),
    path("export/cases.xlsx", exports.queue_xlsx, name="export_queue_xlsx"),
    path("export/statistics.csv", exports.stats_csv, name="export_stats_csv"),
    path("export/statistics.xlsx", exports.stats_xlsx, name="export_stats_xlsx"),
]
