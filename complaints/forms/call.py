"""The hotline operator's one-page intake ("record a call").

It is the web wizard's step forms (complaints/forms/intake.py: the same fields, validators and
cross-field rules), bound together to one POST, plus the call's own questions: which hotline
took the call and whether the caller agreed to the personal-information notice read to them.
Fields a caller cannot give over the phone (files, agent filing) are left out; the caller sends
documents later from the tracking page.
"""

import copy
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.models import Channel, Kind
from complaints.services.intake import IntakeData

from .intake import DetailsForm, RespondentForm, WhatForm, WhoForm, localized

PHONE_EXCLUDED = ("description", "is_agent_filing", "agent_name", "power_of_attorney", "evidence")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")

CONSENT_NOTICE = _(
    "为办理您反映的问题，我们将记录您的姓名、联系电话、地址和证件号码等个人信息（证件号码属于"
    "敏感个人信息），只用于办理本案，由办理部门的工作人员查看，结案后按规定期限保存后删除。"
    "受理编号和访问码将以短信发送到您留的电话。请问您同意吗？"
)

# Who reads each answer: shown under every field, so the operator can tell the caller.
STAFF_ONLY = _("办理部门工作人员可见，不公开；队列中脱敏显示。")
AUDIENCE = {
    "hotline": _("用于统计各热线的来电量；办理部门工作人员可见。"),
    "consent": _("与宣读的说明原文一起记入案件（办理部门工作人员可见）。"),
    "kind": _("决定办理方式和法定期限；来电人凭访问码可查看。"),
    "category": _("决定办理部门和法定期限；来电人可查看，计入不含个人信息的公开统计。"),
    "district": _("决定办理部门；计入不含个人信息的公开统计。"),
    "is_online": _("决定办理部门；办理部门工作人员可见。"),
    "is_cross_district": _("决定办理部门；办理部门工作人员可见。"),
    "is_anonymous": _("匿名时不记录来电人信息，也不发送短信。"),
    "complainant_name": STAFF_ONLY,
    "complainant_phone": _("办理部门工作人员可见，不公开；受理编号和访问码将以短信发送到此号码。"),
    "complainant_email": _("办理部门工作人员可见，不公开；受理编号和访问码也发送到此邮箱。"),
    "complainant_id_type": _("仅办理部门工作人员可见，不公开。"),
    "complainant_id_number": _("仅办理部门工作人员可见，不公开（敏感个人信息）。"),
    "complainant_address": _("仅办理部门工作人员可见，不公开。"),
    "respondent_name": _("办理部门工作人员可见；用于核查和关联同一对象的案件。"),
    "respondent_credit_code": _("办理部门工作人员可见；用于核查和关联同一对象的案件。"),
    "respondent_address": _("办理部门工作人员可见。"),
    "respondent_shop_name": _("办理部门工作人员可见。"),
    "respondent_url": _("办理部门工作人员可见。"),
    "respondent_platform": _("办理部门工作人员可见。"),
    "facts": _("来电人（凭访问码）和办理部门工作人员可见，不公开。请勿记录与本案无关的个人信息。"),
    "request": _("来电人（凭访问码）和办理部门工作人员可见，不公开。"),
    "ip_right_type": _("办理部门工作人员可见。"),
    "ip_right_number": _("办理部门工作人员可见；用于核查权利状态。"),
}

# (id, heading, access key, fields in tab order)
SECTIONS = [
    ("call", _("来电"), ["hotline", "kind"]),
    ("consent", _("个人信息处理告知"), ["consent"]),
    (
        "caller",
        _("来电人"),
        [
            "is_anonymous",
            "complainant_name",
            "complainant_phone",
            "complainant_address",
            "complainant_id_type",
            "complainant_id_number",
            "complainant_email",
        ],
    ),
    ("routing", _("类别与办理部门"), ["category", "district", "is_online", "is_cross_district"]),
    (
        "respondent",
        _("被投诉（举报）对象"),
        [
            "respondent_name",
            "respondent_credit_code",
            "respondent_address",
            "respondent_shop_name",
            "respondent_url",
            "respondent_platform",
        ],
    ),
    ("facts", _("事实与请求"), ["facts", "request", "ip_right_type", "ip_right_number"]),
]
# Access keys on the first field of a section (browser modifier + key; documented on the page).
ACCESS_KEYS = {
    "hotline": "l",
    "consent": "y",
    "complainant_name": "n",
    "category": "c",
    "respondent_name": "r",
    "facts": "w",
}


# Fields that take a whole row at 1366 px; the others share a row two by two.
WIDE = {"kind", "consent", "is_anonymous", "complainant_address", "facts", "request"}


class HotlineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {localized(obj)}"


class CallForm(forms.Form):
    """The questions only a call has. Consent has no default: only the caller answers it."""

    hotline = HotlineChoiceField(
        label=_("接听热线"),
        queryset=Channel.objects.all(),
        empty_label=_("请选择"),
        error_messages={"required": _("请选择来电人拨打的热线。")},
    )
    consent = forms.ChoiceField(
        label=_("来电人是否同意上述个人信息处理说明"),
        choices=[("yes", _("同意")), ("no", _("不同意"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("请向来电人宣读个人信息处理说明，并记录其答复。")},
    )
    form_token = forms.CharField(widget=forms.HiddenInput)

    def clean_consent(self):
        if self.cleaned_data["consent"] != "yes":
            raise forms.ValidationError(
                _(
                    "来电人不同意处理其个人信息，本次来电不能登记为案件：请告知其可以网上提交或到窗口办理。"
                )
            )
        return "yes"

    def clean_form_token(self):
        token = self.cleaned_data["form_token"]
        if not TOKEN.match(token):
            raise forms.ValidationError(_("表单已过期，请刷新页面后重试。"))
        return token


def intake_context(what: WhatForm) -> dict:
    """What the later steps depend on (as the wizard's `_context`), from the bound or initial
    answers of the first step, even when some of its fields are invalid."""
    if what.is_bound:
        what.is_valid()
        values = what.cleaned_data
    else:
        values = {name: what.get_initial_for_field(what.fields[name], name) for name in what.fields}
    return {
        "kind": values.get("kind"),
        "category": values.get("category"),
        "is_online": bool(values.get("is_online")),
        "has_poa": False,
        "evidence_count": 0,
        "evidence_bytes": 0,
    }


def _tune(form: forms.Form) -> None:
    """Widgets for fast keyboard work; rules untouched. Required markers come from the forms'
    context and change as the operator types (calls.js), so the static `required` attribute
    (and the browser's own bubbles) are left out: errors come from the server, in two languages."""
    form.use_required_attribute = False
    for name in PHONE_EXCLUDED:
        form.fields.pop(name, None)
    for name, field in form.fields.items():
        if name.startswith("complainant_"):
            # The operator's browser must not offer the operator's own details.
            field.widget.attrs["autocomplete"] = "off"
        if name in ACCESS_KEYS and not isinstance(field.widget, forms.RadioSelect):
            # (a group of radios carries it on its fieldset: one element per key)
            field.widget.attrs["accesskey"] = ACCESS_KEYS[name]
    if "category" in form.fields:
        category = form.fields["category"]
        category.widget = forms.Select()
        category.widget.choices = category.choices
        category.empty_label = _("请选择")
        category.label_from_instance = lambda obj: (
            _("%(category)s（%(hotline)s）")
            % {
                "category": localized(obj),
                "hotline": obj.channel.code,
            }
        )
        category.widget.attrs["accesskey"] = ACCESS_KEYS["category"]
        category.error_messages["required"] = _("请选择案件类别。")
    if "facts" in form.fields:
        form.fields["facts"].widget.attrs["rows"] = 4
    if "request" in form.fields:
        form.fields["request"].widget.attrs["rows"] = 2


def _describe(bound: forms.BoundField, required: bool) -> None:
    """Bootstrap classes and the ids of the help, audience and error texts the field reads."""
    widget = bound.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    if bound.errors:
        css += " is-invalid"
    widget.attrs["class"] = css
    ids = [f"{bound.auto_id}_help"] if bound.help_text else []
    ids.append(f"{bound.auto_id}_audience")
    if bound.errors:
        ids.append(f"{bound.auto_id}_error")
    if not isinstance(widget, forms.RadioSelect):
        widget.attrs["aria-describedby"] = " ".join(ids)
        if required:
            widget.attrs["aria-required"] = "true"
        else:
            widget.attrs.pop("aria-required", None)


class CallIntake:
    """The page's five forms over one POST; valid when every one of them is."""

    def __init__(self, data=None, *, initial=None, context=None):
        """`context` (the later steps' dependencies) is read from the first step unless given:
        an unbound page that redisplays typed answers passes the context of their bound twin."""
        initial = initial or {}
        self.call = CallForm(data, initial=initial)
        self.what = WhatForm(data, initial=initial, context={})
        self.context = context if context is not None else intake_context(self.what)
        self.who = WhoForm(data, initial=initial, context=self.context)
        self.respondent = RespondentForm(data, initial=initial, context=self.context)
        self.details = DetailsForm(data, initial=initial, context=self.context)
        self.forms = [self.call, self.what, self.who, self.respondent, self.details]
        for form in self.forms:
            _tune(form)
        self.anonymous_allowed = "is_anonymous" in self.who.fields
        if not self.anonymous_allowed:
            # Always on the page (the operator may still switch to a report); WhoForm decides
            # whether it applies, and says so through this error when it does not.
            self.call.fields["is_anonymous"] = copy.deepcopy(WhoForm.base_fields["is_anonymous"])
            self.call.clean_is_anonymous = self._refuse_anonymous

    def _refuse_anonymous(self):
        if self.call.cleaned_data.get("is_anonymous"):
            raise forms.ValidationError(
                _("只有举报可以匿名：请把类型改为“举报”，或记录来电人的姓名和电话。")
            )
        return False

    @property
    def is_bound(self) -> bool:
        return self.call.is_bound

    def is_valid(self) -> bool:
        results = [form.is_valid() for form in self.forms]  # every form: every error shown
        return all(results)

    def __getitem__(self, name: str) -> forms.BoundField:
        for form in self.forms:
            if name in form.fields:
                return form[name]
        raise KeyError(name)

    def required(self) -> list[str]:
        """Fields that must be answered in the current context (the forms' own markers)."""
        return [
            name
            for form in self.forms
            for name, field in form.fields.items()
            if name not in ("form_token", "is_anonymous")
            and (
                (field.required and not isinstance(field, forms.BooleanField))
                or getattr(field, "marked_required", False)
            )
        ]

    def sections(self):
        required = set(self.required())
        for key, title, names in SECTIONS:
            fields = []
            for name in names:
                bound = self[name]
                _describe(bound, name in required)
                fields.append(
                    {
                        "field": bound,
                        "audience": AUDIENCE.get(name, ""),
                        "required": name in required,
                        "accesskey": ACCESS_KEYS.get(name, ""),
                        "width": "col-12" if name in WIDE else "col-md-6",
                    }
                )
            yield {"id": key, "title": title, "fields": fields}

    def errors(self) -> list[dict]:
        """Every error on the page, in page order, for the summary at the top."""
        found = []
        order = [name for _key, _title, names in SECTIONS for name in names]
        for name in order:
            bound = self[name]
            target = bound.id_for_label or f"{bound.auto_id}_0"  # radios: the first choice
            for error in bound.errors:
                found.append({"id": target, "label": bound.label, "error": error})
        for form in self.forms:
            for error in form.non_field_errors():
                found.append({"id": "", "label": "", "error": error})
            for name in form.errors:
                if name not in order and name != "__all__":
                    for error in form.errors[name]:
                        found.append({"id": "", "label": form.fields[name].label, "error": error})
        return found

    @property
    def cleaned_data(self) -> dict:
        merged = {}
        for form in self.forms:
            merged.update(form.cleaned_data)
        return merged

    def intake_data(self) -> IntakeData:
        cleaned = self.cleaned_data
        names = set(IntakeData.__dataclass_fields__) - {"extra"}
        values = {name: cleaned[name] for name in names if name in cleaned}
        for name, value in list(values.items()):
            if value is None and name not in ("district", "category"):
                values[name] = ""
        values["is_anonymous"] = bool(values.get("is_anonymous")) and self.anonymous_allowed
        return IntakeData(**values)


def context_for_preview(params) -> tuple[dict, "CallIntake"]:
    """The routing-relevant answers only (kind, category, district, flags): what the live
    preview sends. No personal data travels in its query string."""
    keys = ("kind", "category", "district", "is_online", "is_cross_district")
    data = {key: params.get(key, "") for key in keys if params.get(key, "")}
    intake = CallIntake(data or None, initial={"kind": Kind.COMPLAINT})
    what = intake.what
    cleaned = what.cleaned_data if what.is_bound else {}
    return {
        "kind": intake.context.get("kind") or params.get("kind") or Kind.COMPLAINT,
        "category": cleaned.get("category"),
        "district": cleaned.get("district"),
        "is_online": bool(cleaned.get("is_online")),
        "is_cross_district": bool(cleaned.get("is_cross_district")),
    }, intake
