from django.urls import path

from .views import public

app_name = "inspections"

urlpatterns = [
    path("", public.draw_list, name="list"),
    path("<int:pk>/", public.draw_detail, name="detail"),
    path("<int:pk>/draw.json", public.draw_json, name="json"),
]
