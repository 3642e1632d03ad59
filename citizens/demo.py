"""Demo citizen: one mobile number that filed several demo cases, one in each state.

Sign in at /account/ with DEMO_PHONE; the console SMS backend prints the one-time code.
"""

from complaints.models import Complaint, Status

DEMO_PHONE = "13900139000"

# One case in each state a citizen should be able to try from "my cases".
DEMO_STATES = (
    Status.SUBMITTED,
    Status.IN_PROGRESS,
    Status.AWAITING_COMPLAINANT,
    Status.RESOLVED,
    Status.CLOSED,
)


def seed(stdout=None) -> int:
    """Give DEMO_PHONE to the oldest named demo case of each state (idempotent)."""
    owned = set(
        Complaint.objects.filter(complainant_phone=DEMO_PHONE).values_list("status", flat=True)
    )
    given = 0
    for status in DEMO_STATES:
        if status in owned:
            continue
        case = (
            Complaint.objects.filter(status=status, is_anonymous=False)
            .exclude(complainant_phone="")
            .order_by("id")
            .first()
        )
        if case is None:
            continue
        case.complainant_phone = DEMO_PHONE
        # save() (not update()) so the search index and any listeners see the new number.
        case.save(update_fields=["complainant_phone"])
        given += 1
    if stdout is not None:
        count = Complaint.objects.filter(complainant_phone=DEMO_PHONE).count()
        stdout.write(
            f"  Demo citizen: sign in at /account/ with {DEMO_PHONE} "
            f"({count} cases; the console prints the SMS code)"
        )
    return given
