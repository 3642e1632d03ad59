from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "citizens"
    verbose_name = "市民账户 Citizen accounts"

    def ready(self):
        from complaints.notifications import services as notifications
        from complaints.views import intake

        from .services import notification_recipients, wizard_initial

        # The wizard asks registered providers for a step's initial data (complaints never
        # imports this app: arrows point down).
        if wizard_initial not in intake.INITIAL_PROVIDERS:
            intake.INITIAL_PROVIDERS.append(wizard_initial)
        if notification_recipients not in notifications.RECIPIENT_POLICIES:
            notifications.RECIPIENT_POLICIES.append(notification_recipients)
