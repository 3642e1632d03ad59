"""Signals other parts listen to; sent on transaction commit, never for a rolled-back change."""

from django.dispatch import Signal

# complaint: Complaint, event: CaseEvent, created: bool (True for a newly filed case)
case_changed = Signal()
