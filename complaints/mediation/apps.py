from django.apps import AppConfig


class MediationConfig(AppConfig):
    """Mediation agreements: terms drafted by the handler, confirmed by both parties online,
    sealed by the bureau, exported for judicial confirmation (司法确认) at the court."""

    name = "complaints.mediation"
    label = "mediation"
    verbose_name = "调解协议 Mediation"
