from django.urls import path

from .views import public

app_name = "credit"

urlpatterns = [
    path("", public.index, name="index"),
    path("<int:pk>/", public.detail, name="detail"),
]
