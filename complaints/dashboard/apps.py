from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """Staff dashboard: queue, case pages, exports and the live feed (its models stay in the
    complaints app); connects its own signal receivers."""

    name = "complaints.dashboard"
    label = "dashboard"
    verbose_name = "工作台 Dashboard"

    def ready(self):
        from complaints.dashboard import receivers  # noqa: F401
