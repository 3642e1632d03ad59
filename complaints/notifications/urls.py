from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("sms/receipts/<str:token>/", views.sms_receipts, name="sms_receipts"),
]
