"""Signals other apps may connect to (the credit app, at merge).

``violation_found(sender=InspectionResult, result=<InspectionResult>, actor=<user>)`` is sent
inside the saving transaction when a result is saved with ``violation_found=True`` and it was
not so before (first entry or a correction that adds the finding); a receiver that raises rolls
the result back.
"""

from django.dispatch import Signal

violation_found = Signal()
