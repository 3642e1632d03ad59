from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "投诉举报 Complaints"

    def ready(self):
        # Signal receivers and search registration live in their own modules.
        for module in (
            "complaints.receivers",
            "complaints.indexing",
            "complaints.notifications.receivers",
            "complaints.dashboard.receivers",
            "complaints.api.receivers",
        ):
            if find_spec(module):
                import_module(module)
