"""Record what an inspection found; a finding of a violation is announced by a signal."""

from django.db import transaction

from inspections.models import DrawStatus, Inspection, InspectionResult
from inspections.signals import violation_found


@transaction.atomic
def record_result(inspection: Inspection, data: dict, actor) -> InspectionResult:
    """Create or correct the result of `inspection`; `data` is a cleaned ResultForm."""
    result = InspectionResult.objects.select_for_update().filter(inspection=inspection).first()
    was_violation = bool(result and result.violation_found)
    if result is None:
        result = InspectionResult(inspection=inspection)
    for name in ("inspected_on", "outcome", "violation_found", "public_note", "internal_note"):
        setattr(result, name, data[name])
    result.entered_by = actor
    result.save()
    result.checked_items.set(data["checked_items"])
    draw = inspection.draw
    if (
        draw.status == DrawStatus.DRAWN
        and not draw.inspections.filter(result__isnull=True).exists()
    ):
        draw.status = DrawStatus.COMPLETED
        draw.save(update_fields=["status"])
    if result.violation_found and not was_violation:
        violation_found.send(sender=InspectionResult, result=result, actor=actor)
    return result
