from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("open311/v2/", include("complaints.api.urls")),
    # Machine-to-machine: the SMS gateway's delivery receipts (no language prefix).
    path("notifications/", include("complaints.notifications.urls")),
]

urlpatterns += i18n_patterns(
    # Staff read the dashboard in either language too: /en/dashboard/… (issue 12).
    path("", include("complaints.mediation.urls")),
    path("dashboard/inspections/", include("inspections.staff_urls")),
    path("dashboard/credit/", include("credit.staff_urls")),
    path("dashboard/", include("complaints.dashboard.urls")),
    path("complaints/database/", include("records.urls")),
    path("complaints/", include("complaints.urls")),
    path("stats/", include("complaints.stats_urls")),
    path("search/", include("search.urls")),
    path("credit/", include("credit.urls")),
    path("inspections/", include("inspections.urls")),
    path("account/", include("citizens.urls")),
    path("respondent/", include("respondents.urls")),
    path("", include("cms.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
