"""The review step's summary: what the citizen entered, grouped by step, in their language."""

from django.utils.translation import gettext as _

from complaints.forms.intake import FORMS, localized


def _display(form, name, value):
    field = form.fields[name]
    if name == "publication_consent":  # a choice either way: "not agreed" is shown too
        return _("同意") if value else _("不同意")
    if value in (None, "", [], False):
        return None
    if value is True:
        return _("是")
    if hasattr(value, "name"):
        return localized(value)
    choices = dict(getattr(field, "choices", []) or [])
    return str(choices.get(value, value))


SECTIONS = [
    ("what", ["kind", "category", "district", "is_online", "is_cross_district"]),
    (
        "who",
        [
            "is_anonymous",
            "complainant_name",
            "complainant_phone",
            "complainant_email",
            "complainant_id_type",
            "complainant_id_number",
            "complainant_address",
            "is_agent_filing",
            "agent_name",
        ],
    ),
    (
        "respondent",
        [
            "respondent_name",
            "respondent_type",
            "respondent_credit_code",
            "respondent_address",
            "respondent_shop_name",
            "respondent_url",
            "respondent_platform",
        ],
    ),
    ("details", ["ip_right_type", "ip_right_number", "facts", "request", "publication_consent"]),
]


def review_sections(cleaned: dict, state) -> list[dict]:
    sections = []
    for step, names in SECTIONS:
        form = FORMS[step](context={"kind": cleaned.get("kind")})
        rows = []
        for name in names:
            if name not in form.fields:
                continue
            shown = _display(form, name, cleaned.get(name))
            if shown is not None:
                rows.append({"label": form.fields[name].label, "value": shown})
        if step == "who" and state.files("poa"):
            rows.append(
                {
                    "label": _("授权委托书"),
                    "value": ", ".join(meta["name"] for meta in state.files("poa")),
                }
            )
        if step == "details":
            names_ = [meta["name"] for meta in state.files("evidence")]
            rows.append({"label": _("证据材料"), "value": ", ".join(names_) or _("未上传")})
        sections.append({"step": step, "title": form.title, "rows": rows})
    return sections
