from django import template

register = template.Library()


@register.filter
def percent(value, digits=1):
    """0.9812 → "98.1%"; None → "—"."""
    if value is None:
        return "—"
    return f"{value * 100:.{int(digits)}f}%"
