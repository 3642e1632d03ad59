"""The site's ASGI application with the static files served beside it (calls.js, CSS), for
the operator-call benchmark: production serves /static/ from its proxy, the bench has none."""

from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

from portal.asgi import django_asgi_app

application = ASGIStaticFilesHandler(django_asgi_app)
