"""Citizen account URLs (inside i18n_patterns at /account/). Case ids only, never a phone."""

from django.urls import path

from . import views

app_name = "citizens"

urlpatterns = [
    path("", views.index, name="index"),
    path("code/", views.code, name="code"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("cases/<int:case_id>/open/", views.open_case, name="open_case"),
    path("cases/<int:case_id>/reset-code/", views.reset_code, name="reset_code"),
    path("data/", views.my_data, name="data"),
    path("data/export/", views.export, name="export"),
    path("data/delete/", views.delete, name="delete"),
]
