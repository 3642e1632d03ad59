"""The site's URLs plus the benchmark ceiling: a trivial view behind the same middleware."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import (  # noqa: F401 (the error handlers are looked up on the URLconf)
    handler400,
    handler403,
    handler404,
    handler500,
)
from portal.urls import urlpatterns as site_urlpatterns

CEILING_PATH = "/bench/ceiling"


def ceiling(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path(CEILING_PATH.lstrip("/"), ceiling), *site_urlpatterns]
