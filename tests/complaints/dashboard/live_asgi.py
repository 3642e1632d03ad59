"""The project's ASGI application with static files served, for the live-server tests."""

from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

from portal.asgi import application as project_application

application = ASGIStaticFilesHandler(project_application)
