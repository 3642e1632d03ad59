from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "投诉举报 Complaints"

    def ready(self):
        # This app's signal receivers and its search registration. The sub-apps (Open311 API,
        # notifications, dashboard) connect their own receivers in their own AppConfig.
        from complaints import indexing, receivers  # noqa: F401
