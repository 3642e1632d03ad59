"""The public columns, shared by the JSON API and the CSV export (documented in
docs/records.md). Rows come from values_list, labels from small dicts: no model instance, so
an export of any size streams in constant memory."""

from complaints.dashboard.views.exports import safe_cell
from complaints.models import Category, Channel, District, Kind, Outcome
from records.labels import localized

VALUE_FIELDS = (
    "id",
    "received_on",
    "closed_on",
    "channel_id",
    "category_id",
    "district_id",
    "kind",
    "outcome",
    "respondent_name",
    "respondent_credit_code",
    "acceptance_on_time",
    "handling_on_time",
    "all_limits_met",
    "respondent_answered",
    "respondent_answered_in_time",
    "narrative",
)
COLUMNS = (
    "id",
    "date_received",
    "date_closed",
    "hotline",
    "category",
    "category_code",
    "district",
    "kind",
    "outcome",
    "respondent",
    "respondent_credit_code",
    "acceptance_on_time",
    "handling_on_time",
    "all_legal_limits_met",
    "respondent_answered",
    "respondent_answered_in_time",
    "narrative",
)


class Labels:
    """Reference names by id, loaded once per response (three small queries)."""

    def __init__(self):
        self.channels = {c.pk: c.code for c in Channel.objects.only("pk", "code")}
        self.categories = {c.pk: (c.code, localized(c)) for c in Category.objects.all()}
        self.districts = {d.pk: localized(d) for d in District.objects.all()}
        self.kinds = {value: str(label) for value, label in Kind.choices}
        self.outcomes = {value: str(label) for value, label in Outcome.choices}

    def row(self, values: tuple) -> dict:
        data = dict(zip(VALUE_FIELDS, values, strict=True))
        category_code, category = self.categories.get(data["category_id"], ("", ""))
        return {
            "id": data["id"],
            "date_received": data["received_on"].isoformat(),
            "date_closed": data["closed_on"].isoformat(),
            "hotline": self.channels.get(data["channel_id"], ""),
            "category": category,
            "category_code": category_code,
            "district": self.districts.get(data["district_id"], ""),
            "kind": self.kinds.get(data["kind"], data["kind"]),
            "outcome": self.outcomes.get(data["outcome"], data["outcome"]),
            "respondent": data["respondent_name"],
            "respondent_credit_code": data["respondent_credit_code"],
            "acceptance_on_time": data["acceptance_on_time"],
            "handling_on_time": data["handling_on_time"],
            "all_legal_limits_met": data["all_limits_met"],
            # No respondent answer channel yet: None means "not available", not "no".
            "respondent_answered": data["respondent_answered"],
            "respondent_answered_in_time": data["respondent_answered_in_time"],
            "narrative": data["narrative"],
        }


def csv_value(value) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if value is None:
        return ""
    return safe_cell(str(value))  # no spreadsheet formulas (CSV injection)
