from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "内容 Content"

    def ready(self):
        # The search app's registration of these pages lives in its own module.
        if find_spec("cms.indexing"):
            import_module("cms.indexing")
