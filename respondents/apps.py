from django.apps import AppConfig


class RespondentsConfig(AppConfig):
    name = "respondents"
    verbose_name = "被投诉企业 Respondents"

    def ready(self):
        from . import registration

        registration.register()
