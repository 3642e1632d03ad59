from django.apps import AppConfig


class Open311Config(AppConfig):
    """Open311 GeoReport v2 API: its own models (API keys) and migrations."""

    name = "complaints.api"
    label = "open311"
    verbose_name = "开放接口 Open311"
