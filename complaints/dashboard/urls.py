from django.urls import path

from .views import auth, bulk, calls, case, exports, performance, queue, saved, topten

app_name = "dashboard"

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("login/", auth.StaffLoginView.as_view(), name="login"),
    path("logout/", auth.StaffLogoutView.as_view(), name="logout"),
    path("search/", queue.search, name="search"),
    path("saved/", saved.saved_list, name="saved_list"),
    path("saved/new/", saved.saved_create, name="saved_create"),
    path("saved/<int:pk>/rename/", saved.saved_rename, name="saved_rename"),
    path("saved/<int:pk>/delete/", saved.saved_delete, name="saved_delete"),
    path("cases/bulk/", bulk.bulk_actions, name="bulk_actions"),
    path("cases/<int:pk>/", case.detail, name="case"),
    path("cases/<int:pk>/evidence/<int:evidence_id>/", case.evidence, name="evidence"),
    path(
        "cases/<int:pk>/evidence/<int:evidence_id>/original/",
        case.evidence_original,
        name="evidence_original",
    ),
    path("cases/<int:pk>/top-ten/", topten.propose, name="propose_top_ten"),
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
