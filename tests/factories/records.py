"""Factories for the public complaint database. Records stand on real filed cases."""

import datetime

from records.models import PublicRecord

from .complaints import file_complaint


def public_record(*, case=None, closed_on=None, **fields) -> PublicRecord:
    """A published record of a (newly filed) case, as publish_records would write it."""
    case = case or file_complaint().complaint
    closed_on = closed_on or datetime.date(2025, 6, 30)
    received_on = fields.pop("received_on", closed_on - datetime.timedelta(days=40))
    values = {
        "complaint": case,
        "received_on": received_on,
        "received_month": received_on.replace(day=1),
        "closed_on": closed_on,
        "channel_id": case.channel_id,
        "category_id": case.category_id,
        "district_id": case.district_id,
        "kind": case.kind,
        "outcome": "no_violation",
        **fields,
    }
    return PublicRecord.objects.create(**values)
