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
        from wagtail.signals import copy_for_translation_done, page_published

        from cms import translation_status

        page_published.connect(translation_status.on_page_published)
        copy_for_translation_done.connect(translation_status.on_copy_for_translation_done)
