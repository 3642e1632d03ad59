from django.urls import path

from .views import staff

app_name = "inspections_staff"

urlpatterns = [
    path("", staff.draw_list, name="draws"),
    path("new/", staff.draw_new, name="draw_new"),
    path("<int:pk>/", staff.draw_detail, name="draw"),
    path("<int:pk>/commit/", staff.draw_commit, name="commit"),
    path("<int:pk>/draw/", staff.draw_run, name="run"),
    path("inspections/<int:pk>/result/", staff.result_edit, name="result"),
    path("targets/import/", staff.target_import, name="import"),
    path("conflicts/", staff.conflicts, name="conflicts"),
]
