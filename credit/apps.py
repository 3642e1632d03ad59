from django.apps import AppConfig


class CreditConfig(AppConfig):
    name = "credit"
    verbose_name = "信用记录 Credit records"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from complaints import permissions
        from complaints.dashboard.navigation import NavLink, register

        register(
            NavLink(
                key="credit",
                label=_("信用记录"),
                url_name="credit_staff:list",
                visible=permissions.is_supervisor,
                section="work",
                order=60,
                current_for=(
                    "credit_staff:create",
                    "credit_staff:detail",
                    "credit_staff:edit",
                    "credit_staff:repair",
                ),
            )
        )
