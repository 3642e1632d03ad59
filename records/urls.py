"""/complaints/database/ (inside i18n_patterns): HTML, JSON, CSV and Atom."""

from django.urls import path

from .feeds import NewRecordsFeed
from .views import api, browse

app_name = "records"

urlpatterns = [
    path("", browse.browse, name="browse"),
    path("<int:pk>/", browse.detail, name="detail"),
    path("trends/", browse.trends, name="trends"),
    path("respondent/<str:credit_code>/", browse.respondent, name="respondent"),
    path("records.json", api.records_json, name="api_records"),
    path("<int:pk>.json", api.record_json, name="api_record"),
    path("records.csv", api.records_csv, name="export_csv"),
    path("feed.atom", NewRecordsFeed(), name="feed"),
]
