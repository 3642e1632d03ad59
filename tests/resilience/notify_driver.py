"""Staff actions for the worker-crash test, in their own process (the worker's database):
`python -m tests.resilience.notify_driver file-and-accept`, then `… resolve <tracking number>`.
Prints JSON on the last line."""

import json
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.resilience.server_settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from complaints.models import Complaint, Outcome
    from complaints.services import lifecycle
    from tests.factories.complaints import file_complaint

    action = sys.argv[1]
    staff = get_user_model().objects.get(username="handler")
    if action == "file-and-accept":
        case = file_complaint(complainant_email="").complaint
        case = lifecycle.accept(case, actor=staff, public_note="已受理，请保持电话畅通。")
    else:
        case = Complaint.objects.get(tracking_number=sys.argv[2])
        case = lifecycle.resolve(
            case, actor=staff, outcome=Outcome.NO_VIOLATION, public_note="经调查未发现违法行为。"
        )
    print(json.dumps({"tracking_number": case.tracking_number, "status": case.status}))


if __name__ == "__main__":
    main()
