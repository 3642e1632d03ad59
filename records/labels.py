"""Labels of reference data in the reader's language (names edited by administrators)."""

from django.utils.translation import get_language


def localized(obj) -> str:
    if obj is None:
        return ""
    if (get_language() or "").startswith("en") and getattr(obj, "name_en", ""):
        return obj.name_en
    return obj.name
