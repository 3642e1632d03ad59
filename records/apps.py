from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = "公开投诉数据库 Public complaint database"

    def ready(self):
        from . import indexing, receivers  # noqa: F401  (signal receivers, search source)
