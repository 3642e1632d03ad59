from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "门户 Portal"

    def ready(self):
        from portal import page_cache

        page_cache.connect_signals()
