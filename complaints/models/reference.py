"""Reference data administrators edit: channels, districts, bureaus, categories, routing."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Kind, TimeUnit


class Channel(models.Model):
    """One of the three hotlines: 12330 patents, 12315 trademarks/markets, 12390 copyright."""

    code = models.CharField(_("热线号码"), max_length=10, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    name_en = models.CharField(_("英文名称"), max_length=100, blank=True)
    description = models.TextField(_("受理范围"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("热线渠道")
        verbose_name_plural = _("热线渠道")

    def __str__(self):
        return f"{self.code} {self.name}"


class District(models.Model):
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    name_en = models.CharField(_("英文名称"), max_length=80, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("行政区")
        verbose_name_plural = _("行政区")

    def __str__(self):
        return self.name


class BureauQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Bureau(models.Model):
    """A handling body: a city-level bureau or one of its district branches."""

    class Level(models.TextChoices):
        CITY = "city", _("市级")
        DISTRICT = "district", _("区级")

    code = models.SlugField(_("代码"), max_length=60, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    name_en = models.CharField(_("英文名称"), max_length=150, blank=True)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    district = models.ForeignKey(
        District, verbose_name=_("所在区"), null=True, blank=True, on_delete=models.PROTECT
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("上级部门"), null=True, blank=True, on_delete=models.PROTECT
    )
    channels = models.ManyToManyField(Channel, verbose_name=_("受理热线"), blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("电话"), max_length=40, blank=True)
    hotline = models.CharField(_("热线"), max_length=20, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    objects = BureauQuerySet.as_manager()

    class Meta:
        ordering = ["level", "code"]
        verbose_name = _("办理部门")
        verbose_name_plural = _("办理部门")

    def __str__(self):
        return self.name


class ClockProfile(models.Model):
    """Legal time limits for a group of categories; defaults from the domain brief."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    acceptance_limit = models.PositiveSmallIntegerField(_("受理期限"), default=7)
    acceptance_unit = models.CharField(
        _("受理期限单位"), max_length=10, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAYS
    )
    handling_limit = models.PositiveSmallIntegerField(_("办理期限"), default=45)
    handling_unit = models.CharField(
        _("办理期限单位"), max_length=10, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAYS
    )
    max_extension_months = models.PositiveSmallIntegerField(_("最长延期（月）"), default=0)
    restart_on_transfer = models.BooleanField(_("移送后重新计时"), default=True)

    class Meta:
        verbose_name = _("时限规则")
        verbose_name_plural = _("时限规则")

    def __str__(self):
        return self.name


def default_kinds():
    return [Kind.COMPLAINT, Kind.REPORT]


class Category(models.Model):
    code = models.SlugField(_("代码"), max_length=60, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    name_en = models.CharField(_("英文名称"), max_length=150, blank=True)
    description = models.TextField(_("通俗说明"), blank=True)
    keywords = models.CharField(_("关键词"), max_length=300, blank=True)
    channel = models.ForeignKey(Channel, verbose_name=_("热线渠道"), on_delete=models.PROTECT)
    allowed_kinds = models.JSONField(_("允许的类型"), default=default_kinds)
    clock_profile = models.ForeignKey(
        ClockProfile, verbose_name=_("时限规则"), on_delete=models.PROTECT
    )
    report_clock_profile = models.ForeignKey(
        ClockProfile,
        verbose_name=_("举报时限规则"),
        help_text=_("举报（而非投诉）适用的时限；为空时与投诉相同"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    retention_days = models.PositiveIntegerField(_("结案后保存天数"), default=3 * 365)
    requires_ip_right_number = models.BooleanField(_("须填写权利号"), default=False)
    respondent_days = models.PositiveSmallIntegerField(
        _("被投诉人答复期限（工作日）"),
        default=10,
        help_text=_("被投诉企业收到邀请后答复的工作日数；被投诉企业在其案件页面看到据此计算的期限"),
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("案件类别")
        verbose_name_plural = _("案件类别")

    def __str__(self):
        return self.name

    def clock_profile_for(self, kind: str) -> ClockProfile:
        if kind == Kind.REPORT and self.report_clock_profile_id:
            return self.report_clock_profile
        return self.clock_profile

    def keyword_list(self) -> list[str]:
        return [
            word.strip() for word in self.keywords.replace("，", ",").split(",") if word.strip()
        ]


class RoutingRule(models.Model):
    """Category × district (× scope) → bureau. The most specific active rule wins."""

    class Scope(models.TextChoices):
        ANY = "any", _("一般案件")
        ONLINE = "online", _("网络案件")
        CROSS_DISTRICT = "cross_district", _("跨区案件")

    category = models.ForeignKey(
        Category, verbose_name=_("类别"), null=True, blank=True, on_delete=models.CASCADE
    )
    district = models.ForeignKey(
        District, verbose_name=_("行政区"), null=True, blank=True, on_delete=models.CASCADE
    )
    scope = models.CharField(_("适用范围"), max_length=20, choices=Scope.choices, default="any")
    bureau = models.ForeignKey(Bureau, verbose_name=_("办理部门"), on_delete=models.PROTECT)
    priority = models.SmallIntegerField(_("优先级"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("分派规则")
        verbose_name_plural = _("分派规则")
        indexes = [models.Index(fields=["category", "district", "scope"])]

    def __str__(self):
        return f"{self.category or '*'} × {self.district or '*'} ({self.scope}) → {self.bureau}"


class WorkingDayOverride(models.Model):
    """A day the official calendar marks differently: entered from the State Council's notice."""

    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(_("是否工作日"))
    note = models.CharField(_("说明"), max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")

    def __str__(self):
        return f"{self.date} {'班' if self.is_working_day else '休'} {self.note}"
