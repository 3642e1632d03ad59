from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = "双随机一公开 Inspections"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from complaints import permissions
        from complaints.dashboard.navigation import NavLink, register

        register(
            NavLink(
                key="inspections",
                label=_("双随机一公开"),
                url_name="inspections_staff:draws",
                visible=permissions.is_staff_member,
                section="work",
                order=70,
                current_for=(
                    "inspections_staff:draw_new",
                    "inspections_staff:draw",
                    "inspections_staff:result",
                    "inspections_staff:import",
                    "inspections_staff:conflicts",
                ),
            )
        )
