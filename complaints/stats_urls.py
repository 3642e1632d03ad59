from django.urls import path

from complaints.stats.views import public_stats

urlpatterns = [path("", public_stats, name="public_stats")]
