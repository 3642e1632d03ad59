"""Print, as JSON, the state the resilience tests check in a server's database: every case with
its routing, clock, events and evidence, the evidence files on disk, the notification outbox.
Run as `python -m tests.resilience.inspect_server` with the server's environment."""

import json
import os
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.resilience.server_settings")
    import django

    django.setup()
    from django.conf import settings

    from complaints.models import Complaint
    from complaints.notifications.models import Notification
    from search.models import PendingIndexOperation

    cases = [
        {
            "id": case.pk,
            "tracking_number": case.tracking_number,
            "idempotency_key": case.idempotency_key,
            "source": case.source,
            "bureau": case.bureau_id,
            "step": case.step,
            "step_started_on": str(case.step_started_on or ""),
            "due_on": str(case.due_on or ""),
            "events": [event.action for event in case.events.all()],
            "evidence": [evidence.file.name for evidence in case.evidence.all()],
            # Every file a row keeps: the cleaned copy and, when sealed, the original.
            "stored": sorted(
                name
                for evidence in case.evidence.all()
                for name in (evidence.file.name, evidence.original.name)
                if name
            ),
        }
        for case in Complaint.objects.order_by("pk").prefetch_related("events", "evidence")
    ]
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    files = (
        sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())
        if root.exists()
        else []
    )
    notifications = list(
        Notification.objects.order_by("pk").values(
            "id", "event_id", "purpose", "channel", "status", "attempts"
        )
    )
    pending_index = PendingIndexOperation.objects.count()
    print(
        json.dumps(
            {
                "cases": cases,
                "files": files,
                "notifications": notifications,
                "pending_index": pending_index,
            }
        )
    )


if __name__ == "__main__":
    main()
