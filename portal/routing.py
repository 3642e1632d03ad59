"""Websocket routes of every app, wired in one place."""

from complaints.routing import websocket_urlpatterns as complaint_routes

websocket_urlpatterns = [*complaint_routes]
