"""A draw (抽查计划): its parameters, its frozen pools, its commitment and its result."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.models import Bureau, District

from .choices import DrawStatus, RiskLevel
from .pools import InspectionItem, InspectionTarget, Inspector


class Draw(models.Model):
    bureau = models.ForeignKey(
        Bureau, verbose_name=_("实施部门"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(
        _("抽查任务名称"),
        max_length=200,
        help_text=_("公开显示，例如“2026年第四季度商标使用抽查”。"),
    )
    items = models.ManyToManyField(InspectionItem, verbose_name=_("抽查事项"))
    target_count = models.PositiveIntegerField(
        _("抽取对象数量"), help_text=_("从符合条件的检查对象中随机抽取的企业数。")
    )
    risk_levels = models.JSONField(
        _("风险等级"),
        default=list,
        blank=True,
        help_text=_("只从这些风险等级的企业中抽取；不选则不限。"),
    )
    districts = models.ManyToManyField(
        District,
        verbose_name=_("所在区"),
        blank=True,
        help_text=_("只从这些区的企业中抽取；不选则不限。"),
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=DrawStatus.choices, default=DrawStatus.DRAFT
    )
    algorithm = models.CharField(_("抽取算法"), max_length=60, blank=True)
    seed = models.CharField(_("随机种子"), max_length=64, blank=True)
    seed_hash = models.CharField(_("种子承诺值 SHA-256"), max_length=64, blank=True)
    pool_digest = models.CharField(_("名录摘要 SHA-256"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    committed_at = models.DateTimeField(_("承诺时间"), null=True, blank=True)
    drawn_at = models.DateTimeField(_("抽取时间"), null=True, blank=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("抽查任务")
        verbose_name_plural = _("抽查任务")
        indexes = [
            models.Index(fields=["bureau", "status"], name="insp_draw_bureau"),
            models.Index(fields=["status", "-committed_at"], name="insp_draw_public"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status != DrawStatus.DRAFT

    @property
    def public_seed(self) -> str:
        """The seed, only once the draw has been made."""
        return self.seed if self.status in (DrawStatus.DRAWN, DrawStatus.COMPLETED) else ""

    def risk_level_labels(self) -> list[str]:
        return [str(RiskLevel(level).label) for level in self.risk_levels]


class DrawTarget(models.Model):
    """One enterprise of the frozen, public target pool of a draw (sorted by key)."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="pool_targets")
    position = models.PositiveIntegerField()
    key = models.CharField(_("统一社会信用代码"), max_length=18)
    name = models.CharField(_("企业名称"), max_length=200)
    district = models.CharField(_("所在区"), max_length=50, blank=True)
    risk_level = models.CharField(_("风险等级"), max_length=10, choices=RiskLevel.choices)
    target = models.ForeignKey(
        InspectionTarget, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["draw", "position"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "position"], name="insp_pool_position"),
            models.UniqueConstraint(fields=["draw", "key"], name="insp_pool_key"),
        ]

    def __str__(self):
        return f"{self.key} {self.name}"


class DrawInspector(models.Model):
    """One inspector of the frozen inspector pool of a draw (public by code only)."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="pool_inspectors")
    code = models.CharField(_("公开编号"), max_length=32)
    inspector = models.ForeignKey(Inspector, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["draw", "code"]
        constraints = [models.UniqueConstraint(fields=["draw", "code"], name="insp_pool_inspector")]

    def __str__(self):
        return self.code


class DrawExclusion(models.Model):
    """A declared conflict frozen into the draw: this inspector is never drawn for this target."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="exclusions")
    inspector_code = models.CharField(max_length=32)
    target_key = models.CharField(max_length=18)

    class Meta:
        ordering = ["draw", "inspector_code", "target_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["draw", "inspector_code", "target_key"], name="insp_exclusion_unique"
            )
        ]

    def __str__(self):
        return f"{self.inspector_code} ↔ {self.target_key}"


class Inspection(models.Model):
    """A drawn target with its two drawn inspectors."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="inspections")
    order = models.PositiveIntegerField(_("抽取顺序"))
    pool_target = models.ForeignKey(DrawTarget, on_delete=models.PROTECT, related_name="+")
    inspector_1 = models.ForeignKey(DrawInspector, on_delete=models.PROTECT, related_name="+")
    inspector_2 = models.ForeignKey(DrawInspector, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["draw", "order"]
        verbose_name = _("检查任务")
        verbose_name_plural = _("检查任务")
        constraints = [
            models.UniqueConstraint(fields=["draw", "order"], name="insp_inspection_order"),
            models.CheckConstraint(
                condition=~models.Q(inspector_1=models.F("inspector_2")),
                name="insp_two_distinct_inspectors",
            ),
        ]

    def __str__(self):
        return f"{self.draw_id}#{self.order + 1} {self.pool_target.name}"
