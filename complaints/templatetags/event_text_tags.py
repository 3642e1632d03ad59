"""An event's system text in the reader's language (complaints.services.event_texts)."""

from django import template

from complaints.services import event_texts

register = template.Library()


@register.filter
def system_text(event) -> str:
    return event_texts.system_text(event)


@register.filter
def has_public_text(event) -> bool:
    return event_texts.has_public_text(event)
