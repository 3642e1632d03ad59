from django.urls import path

from .views import staff

app_name = "credit_staff"

urlpatterns = [
    path("", staff.record_list, name="list"),
    path("new/", staff.record_create, name="create"),
    path("export.csv", staff.export_csv, name="export_csv"),
    path("<int:pk>/", staff.record_detail, name="detail"),
    path("<int:pk>/edit/", staff.record_edit, name="edit"),
    path("<int:pk>/repair/", staff.record_repair, name="repair"),
]
