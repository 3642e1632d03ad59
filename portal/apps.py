from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "门户 Portal"

    def ready(self):
        from cms import directory
        from complaints.public import bureau_directory
        from portal import page_cache

        page_cache.connect_signals()
        # portal wires the apps together: the CMS directory page lists the complaints bureaus.
        directory.register_bureau_source(bureau_directory)
