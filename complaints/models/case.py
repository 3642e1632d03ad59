"""A complaint, report or assistance request (a case), its events and its evidence."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .choices import (
    OPEN_STATUSES,
    ClockStep,
    IdType,
    IpRightType,
    Kind,
    Outcome,
    RefusalReason,
    RespondentType,
    Source,
    Status,
)
from .querysets import CaseEventQuerySet, ComplaintQuerySet
from .reference import Bureau, Category, Channel, District
from .storage import evidence_path, evidence_storage, original_path, sealed_storage


def mask_name(name: str) -> str:
    """张三丰 → 张**; keeps the family name so staff can still tell cases apart."""
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1)


def mask_phone(phone: str) -> str:
    """13812345678 → 138****5678."""
    digits = phone.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def _choice_label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:  # not one of the choices: shown as stored, as Django does
        return str(value)


class Complaint(models.Model):
    tracking_number = models.CharField(_("受理编号"), max_length=20, unique=True)
    access_code_hash = models.CharField(max_length=128, editable=False)
    idempotency_key = models.CharField(max_length=80, unique=True, null=True, blank=True)
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default="web")
    # The language the case was filed in: its SMS and e-mail go out in it (system texts of
    # the timeline are rendered in each reader's language, see services.event_texts).
    language = models.CharField(
        _("提交语言"), max_length=8, choices=settings.LANGUAGES, default="zh-hans"
    )

    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    channel = models.ForeignKey(Channel, verbose_name=_("热线渠道"), on_delete=models.PROTECT)
    category = models.ForeignKey(Category, verbose_name=_("类别"), on_delete=models.PROTECT)
    bureau = models.ForeignKey(
        Bureau, verbose_name=_("办理部门"), on_delete=models.PROTECT, related_name="cases"
    )
    district = models.ForeignKey(
        District, verbose_name=_("行政区"), null=True, blank=True, on_delete=models.PROTECT
    )
    is_online = models.BooleanField(_("网络案件"), default=False)
    is_cross_district = models.BooleanField(_("跨区案件"), default=False)

    is_anonymous = models.BooleanField(_("匿名"), default=False)
    complainant_name = models.CharField(_("姓名/名称"), max_length=100, blank=True)
    complainant_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    complainant_email = models.EmailField(_("电子邮箱"), blank=True)
    complainant_id_type = models.CharField(
        _("证件类型"), max_length=20, choices=IdType.choices, blank=True
    )
    complainant_id_number = models.CharField(_("证件号码"), max_length=40, blank=True)
    complainant_address = models.CharField(_("联系地址"), max_length=200, blank=True)
    is_agent_filing = models.BooleanField(_("委托代理"), default=False)
    agent_name = models.CharField(_("代理人"), max_length=100, blank=True)

    respondent_name = models.CharField(_("被投诉人"), max_length=200, blank=True)
    respondent_type = models.CharField(
        _("被投诉对象类型"),
        max_length=12,
        choices=RespondentType.choices,
        blank=True,
        help_text=_("投诉人所述；为空表示不清楚。公开投诉数据库从不公开个人的姓名。"),
    )
    respondent_credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    respondent_address = models.CharField(_("被投诉人地址"), max_length=200, blank=True)
    respondent_shop_name = models.CharField(_("网店名称"), max_length=200, blank=True)
    respondent_url = models.URLField(_("网址"), max_length=500, blank=True)
    respondent_platform = models.CharField(_("电商平台"), max_length=100, blank=True)

    ip_right_type = models.CharField(
        _("权利类型"), max_length=12, choices=IpRightType.choices, blank=True
    )
    ip_right_number = models.CharField(_("权利号"), max_length=40, blank=True)
    facts = models.TextField(_("事实与理由"))
    request = models.TextField(_("请求事项"), blank=True)
    # Asked at filing, separately from the consent to process personal data; default off.
    publication_consent = models.BooleanField(
        _("同意公开事实陈述"),
        default=False,
        help_text=_(
            "投诉人同意在结案后，将其“事实与理由”去除个人信息后在公开投诉数据库中向公众公开。"
        ),
    )
    publication_consent_at = models.DateTimeField(_("同意公开时间"), null=True, blank=True)

    status = models.CharField(
        _("状态"), max_length=24, choices=Status.choices, default=Status.SUBMITTED
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    outcome = models.CharField(_("办理结果"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_detail = models.CharField(_("结果说明"), max_length=300, blank=True)
    refusal_reason = models.CharField(
        _("不予受理理由"), max_length=30, choices=RefusalReason.choices, blank=True
    )

    step = models.CharField(
        _("当前环节"), max_length=12, choices=ClockStep.choices, default=ClockStep.ACCEPTANCE
    )
    step_started_on = models.DateField(_("环节起算日"), null=True, blank=True)
    due_on = models.DateField(_("法定期限"), null=True, blank=True)
    paused_since = models.DateTimeField(_("暂停计时于"), null=True, blank=True)
    extension_months = models.PositiveSmallIntegerField(_("已延期（月）"), default=0)
    is_overdue = models.BooleanField(_("已超期"), default=False)
    # Never cleared: a later step (or an extension) does not undo a limit already missed.
    ever_breached = models.BooleanField(_("曾超期"), default=False)

    submitted_at = models.DateTimeField(_("提交时间"))
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结案时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    satisfaction = models.PositiveSmallIntegerField(_("满意度"), null=True, blank=True)
    satisfaction_comment = models.TextField(_("评价意见"), blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    # Set when retention removed the personal data; the case stays for the statistics.
    purged_at = models.DateTimeField(_("个人信息清除时间"), null=True, blank=True, editable=False)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("投诉举报案件")
        verbose_name_plural = _("投诉举报案件")
        indexes = [
            models.Index(fields=["bureau", "status", "due_on"], name="case_bureau_status_due"),
            models.Index(fields=["bureau", "-submitted_at", "-id"], name="case_bureau_submitted"),
            models.Index(fields=["status", "due_on"], name="case_status_due"),
            models.Index(fields=["-submitted_at", "-id"], name="case_submitted"),
            models.Index(fields=["respondent_credit_code"], name="case_respondent_code"),
            models.Index(fields=["respondent_name"], name="case_respondent_name"),
            models.Index(fields=["complainant_phone"], name="case_complainant_phone"),
            models.Index(fields=["closed_at"], name="case_closed_at"),
            # The staff queue at a million cases (benchmarks/bench_lookup_queue.py): each filter
            # and sort walks an index in page order and stops at the page size, instead of
            # sorting every match. One status, newest first:
            models.Index(fields=["status", "-submitted_at", "-id"], name="case_status_newest"),
            models.Index(
                fields=["bureau", "status", "-submitted_at", "-id"],
                name="case_bureau_status_newest",
            ),
            # A bureau's cases of one channel, category or district, newest first: without these
            # a filter value the bureau rarely sees (another hotline's channel) walked every case
            # of the bureau (2 s at 236k cases) before finding the page was empty.
            models.Index(
                fields=["bureau", "channel", "-submitted_at", "-id"],
                name="case_bureau_channel_newest",
            ),
            models.Index(
                fields=["bureau", "category", "-submitted_at", "-id"],
                name="case_bureau_category_newest",
            ),
            models.Index(
                fields=["bureau", "district", "-submitted_at", "-id"],
                name="case_bureau_district_newest",
            ),
            # Least time left first (sort=due), with or without the open-status filter:
            models.Index(fields=["due_on", "id"], name="case_due"),
            models.Index(fields=["bureau", "due_on", "id"], name="case_bureau_due"),
            models.Index(
                fields=["due_on", "id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="case_open_due",
            ),
            models.Index(
                fields=["bureau", "due_on", "id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="case_bureau_open_due",
            ),
            # Overdue / due within N days, newest first: due_on is a key column so the date test
            # runs on index entries, without fetching the many open cases that are not due.
            models.Index(
                fields=["-submitted_at", "-id", "due_on"],
                condition=models.Q(status__in=OPEN_STATUSES, paused_since__isnull=True),
                name="case_open_newest",
            ),
            models.Index(
                fields=["bureau", "-submitted_at", "-id", "due_on"],
                condition=models.Q(status__in=OPEN_STATUSES, paused_since__isnull=True),
                name="case_bureau_open_newest",
            ),
            # One category's open cases, least time first (the typical saved search): without it
            # a category the bureau has few open cases of walked all its open cases by due date.
            models.Index(
                fields=["bureau", "category", "due_on", "id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="case_bureau_category_open_due",
            ),
            # Counting the overdue / due-soon cases (navigation, facet): an index-only range
            # scan. Without it PostgreSQL, expecting many matches, read the table from the start
            # (0.3 s for every case at a million, most of them closed).
            models.Index(
                fields=["due_on", "id"],
                condition=models.Q(status__in=OPEN_STATUSES, paused_since__isnull=True),
                name="case_running_due",
            ),
            # The queue's source filter and facet (web, Open311, recorded by staff):
            models.Index(
                fields=["bureau", "source", "-submitted_at", "-id"],
                name="case_bureau_source_newest",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True)
                | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="case_satisfaction_1_to_5",
            )
        ]

    def __str__(self):
        return self.tracking_number

    # Django's generated get_FOO_display() hashes every lazy choice label on each call (one
    # catalogue lookup per label); the queue calls these twice per row. Same result, one lookup.
    def get_status_display(self) -> str:
        return _choice_label(Status, self.status)

    def get_kind_display(self) -> str:
        return _choice_label(Kind, self.kind)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def masked_complainant_name(self) -> str:
        return _("匿名") if self.is_anonymous else mask_name(self.complainant_name)

    @property
    def masked_complainant_phone(self) -> str:
        return mask_phone(self.complainant_phone)


class CaseEvent(models.Model):
    """One change to a case: who, when, what, and its notes, each for its own audience.

    `note_code` + `note_params` is the system's text and `public_note` the text staff wrote, both
    for the complainant and the public: the tracking page, SMS/e-mail and Open311 show them
    (services.event_texts.public_text). `complainant_note` is what the complainant
    wrote (a withdrawal reason, supplied information, a rating): only they, on their tracking
    page, and the case's staff see it. `internal_note` is for the case's staff only.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(_("操作人"), max_length=100, blank=True)
    action = models.CharField(_("操作"), max_length=40)
    from_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    from_bureau = models.ForeignKey(
        Bureau, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_bureau = models.ForeignKey(
        Bureau, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A system text is stored as a code and its parameters, rendered in the reader's language
    # (services.event_texts); `public_note` holds only what people wrote, shown after it.
    note_code = models.CharField(_("系统说明代码"), max_length=40, blank=True)
    note_params = models.JSONField(_("系统说明参数"), default=dict, blank=True)
    public_note = models.TextField(_("公开说明"), blank=True)
    complainant_note = models.TextField(_("投诉人留言"), blank=True)
    internal_note = models.TextField(_("内部备注"), blank=True)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        indexes = [
            # The staff navigation's "transferred in" count and filter (complaints.dashboard):
            # transfers are few among the events, which each case's filing also routes.
            models.Index(
                fields=["to_bureau", "complaint"],
                condition=models.Q(action="transferred"),
                name="event_transferred_in",
            ),
        ]

    def __str__(self):
        return f"{self.complaint_id} {self.action}"


class ClockRecord(models.Model):
    """One finished clock step (acceptance review or handling): when it was due and finished.

    Written by the lifecycle service when the step ends and never changed afterwards, so a
    late step stays late whatever the case does next.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="clock_records")
    step = models.CharField(_("环节"), max_length=12, choices=ClockStep.choices)
    started_on = models.DateField(_("环节起算日"), null=True, blank=True)
    due_on = models.DateField(_("法定期限"))
    finished_on = models.DateField(_("完成日"))
    late_working_days = models.PositiveSmallIntegerField(_("逾期工作日"), default=0)
    ended_by = models.CharField(_("结束方式"), max_length=40)
    event = models.OneToOneField(
        CaseEvent,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clock_record",
    )

    class Meta:
        ordering = ["finished_on", "id"]
        verbose_name = _("环节期限记录")
        verbose_name_plural = _("环节期限记录")
        indexes = [
            models.Index(fields=["due_on", "step"], name="clock_record_due_step"),
        ]

    def __str__(self):
        return f"{self.complaint_id} {self.step} {self.late_working_days}"

    @property
    def late_text(self) -> str:
        """What the timeline says about a late step ("" when the step kept its limit)."""
        if not self.late_working_days:
            return ""
        n = self.late_working_days
        if self.ended_by == "accepted":
            text = ngettext("逾期 %(n)d 个工作日受理", "逾期 %(n)d 个工作日受理", n)
        elif self.ended_by == "resolved":
            text = ngettext("逾期 %(n)d 个工作日办结", "逾期 %(n)d 个工作日办结", n)
        elif self.step == ClockStep.ACCEPTANCE:
            text = ngettext("受理审查逾期 %(n)d 个工作日", "受理审查逾期 %(n)d 个工作日", n)
        else:
            text = ngettext("办理逾期 %(n)d 个工作日", "办理逾期 %(n)d 个工作日", n)
        return text % {"n": n}


class Evidence(models.Model):
    """An uploaded file, outside any public URL under random names: the original sealed as
    received (hashed on arrival) and the cleaned copy staff see (images without metadata).
    Rows from before originals were kept have no original (blank `original_sha256`)."""

    class Uploader(models.TextChoices):
        COMPLAINANT = "complainant", _("投诉人")
        STAFF = "staff", _("工作人员")
        OPEN311 = "open311", _("开放接口")
        RESPONDENT = "respondent", _("被投诉人")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(storage=evidence_storage, upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小"))
    sha256 = models.CharField(_("SHA-256（整理后副本）"), max_length=64)
    original = models.FileField(
        _("原件"), storage=sealed_storage, upload_to=original_path, max_length=200, blank=True
    )
    original_size = models.PositiveBigIntegerField(_("原件大小"), null=True, blank=True)
    original_sha256 = models.CharField(_("SHA-256（原件，收到时）"), max_length=64, blank=True)

    class Audience(models.TextChoices):
        STAFF = "staff", _("仅办案工作人员")
        COMPLAINANT = "complainant", _("投诉人也可查看")

    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    uploaded_by = models.CharField(max_length=12, choices=Uploader.choices)
    # The staff member who attached it (staff attachments only).
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Who may see it besides the case's staff: staff attachments start internal.
    audience = models.CharField(
        _("可见范围"), max_length=12, choices=Audience.choices, default=Audience.STAFF
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("证据材料")
        verbose_name_plural = _("证据材料")

    def __str__(self):
        return self.original_name

    @property
    def has_original(self) -> bool:
        return bool(self.original_sha256)

    @property
    def is_image(self) -> bool:
        return self.content_type in ("image/jpeg", "image/png")

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"
