"""Commit a draw (freeze the pools, publish SHA-256 of a secret seed), run it, verify it."""

import itertools
import secrets
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections.models import (
    ConflictOfInterest,
    Draw,
    DrawExclusion,
    DrawInspector,
    DrawStatus,
    DrawTarget,
    Inspection,
    InspectionTarget,
    Inspector,
)

from . import algorithm

BATCH = 2000


class DrawError(Exception):
    """A draw cannot be committed or run; the message is for staff."""


def eligible_targets(draw: Draw):
    qs = InspectionTarget.objects.filter(is_active=True)
    if draw.risk_levels:
        qs = qs.filter(risk_level__in=draw.risk_levels)
    district_ids = list(draw.districts.values_list("pk", flat=True))
    if district_ids:
        qs = qs.filter(district_id__in=district_ids)
    return qs


def inspector_pool(draw: Draw):
    return Inspector.objects.filter(is_active=True, membership__bureau_id=draw.bureau_id)


@transaction.atomic
def commit(draw: Draw, actor) -> Draw:
    """Freeze the pools into the draw, check the draw is possible, commit to a fresh seed."""
    draw = Draw.objects.select_for_update().get(pk=draw.pk)
    if draw.status != DrawStatus.DRAFT:
        raise DrawError(_("只有草稿状态的抽查任务可以公示承诺值。"))
    # Positions follow the byte order of the keys, sorted here rather than by the database's
    # collation, so that they are the same in every re-implementation of the algorithm.
    targets = sorted(
        eligible_targets(draw)
        .values_list("pk", "uscc", "name", "district__name", "risk_level")
        .iterator(chunk_size=BATCH),
        key=lambda row: row[1].encode("ascii"),
    )
    keys = [row[1] for row in targets]
    inspectors = list(inspector_pool(draw).order_by("code"))
    codes = [inspector.code for inspector in inspectors]
    conflicts = ConflictOfInterest.objects.filter(
        inspector__in=inspectors, target__in=eligible_targets(draw)
    ).values_list("inspector__code", "target__uscc")
    exclusions = sorted(set(conflicts))
    try:
        blocked = algorithm.check_feasible(keys, draw.target_count, codes, exclusions)
    except algorithm.DrawImpossible:
        raise DrawError(
            _(
                "无法抽取：符合条件的检查对象 %(targets)s 家，需抽取 %(count)s 家；"
                "本部门在库检查人员 %(inspectors)s 名，至少需要 2 名。"
            )
            % {"targets": len(keys), "count": draw.target_count, "inspectors": len(codes)}
        ) from None
    if blocked:
        raise DrawError(
            _("以下检查对象因回避不足两名检查人员，请调整名录或回避申报后再试：%(keys)s")
            % {"keys": "、".join(blocked[:20])}
        )
    for batch in itertools.batched(enumerate(targets), BATCH):
        DrawTarget.objects.bulk_create(
            DrawTarget(
                draw=draw,
                position=position,
                key=key,
                name=name,
                district=district or "",
                risk_level=risk,
                target_id=pk,
            )
            for position, (pk, key, name, district, risk) in batch
        )
    DrawInspector.objects.bulk_create(
        [DrawInspector(draw=draw, code=i.code, inspector=i) for i in inspectors]
    )
    DrawExclusion.objects.bulk_create(
        [DrawExclusion(draw=draw, inspector_code=c, target_key=k) for c, k in exclusions],
        batch_size=BATCH,
    )
    draw.seed = secrets.token_hex(32)
    draw.seed_hash = algorithm.commitment(draw.seed)
    draw.algorithm = algorithm.ALGORITHM
    draw.pool_digest = algorithm.pool_digest(draw.pk, draw.target_count, keys, codes, exclusions)
    draw.status = DrawStatus.COMMITTED
    draw.committed_at = timezone.now()
    draw.save()
    return draw


@dataclass
class Published:
    """Everything the public page publishes about a draw's inputs."""

    draw_id: int
    count: int
    seed: str
    seed_hash: str
    pool_digest: str
    target_keys: list[str]
    inspector_codes: list[str]
    exclusions: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def of(cls, draw: Draw, *, reveal: bool = True) -> "Published":
        return cls(
            draw_id=draw.pk,
            count=draw.target_count,
            seed=draw.seed if reveal else draw.public_seed,
            seed_hash=draw.seed_hash,
            pool_digest=draw.pool_digest,
            target_keys=list(draw.pool_targets.order_by("position").values_list("key", flat=True)),
            inspector_codes=list(draw.pool_inspectors.values_list("code", flat=True)),
            exclusions=list(draw.exclusions.values_list("inspector_code", "target_key")),
        )

    def digest(self) -> str:
        return algorithm.pool_digest(
            self.draw_id, self.count, self.target_keys, self.inspector_codes, self.exclusions
        )

    def run(self) -> list[algorithm.Assignment]:
        return algorithm.run_draw(
            self.seed, self.target_keys, self.count, self.inspector_codes, self.exclusions
        )


@transaction.atomic
def run(draw: Draw, actor) -> Draw:
    """Make the draw from the committed seed and frozen pools, then publish the seed."""
    draw = Draw.objects.select_for_update().get(pk=draw.pk)
    if draw.status != DrawStatus.COMMITTED:
        raise DrawError(_("只有已公示承诺值的抽查任务可以抽取。"))
    assignments = Published.of(draw).run()
    positions = [a.target_position for a in assignments]
    by_position = {t.position: t for t in draw.pool_targets.filter(position__in=positions)}
    by_code = {i.code: i for i in draw.pool_inspectors.all()}
    Inspection.objects.bulk_create(
        [
            Inspection(
                draw=draw,
                order=a.order,
                pool_target=by_position[a.target_position],
                inspector_1=by_code[a.inspectors[0]],
                inspector_2=by_code[a.inspectors[1]],
            )
            for a in assignments
        ]
    )
    draw.status = DrawStatus.DRAWN
    draw.drawn_at = timezone.now()
    draw.drawn_by = actor
    draw.save(update_fields=["status", "drawn_at", "drawn_by"])
    return draw


def recorded(draw: Draw) -> list[tuple[str, str, str]]:
    """The stored result as (target key, inspector 1, inspector 2), in drawn order."""
    return list(
        draw.inspections.order_by("order").values_list(
            "pool_target__key", "inspector_1__code", "inspector_2__code"
        )
    )


@dataclass
class Verification:
    ok: bool
    problems: list[str]


def verify(published: Published, recorded_rows: list[tuple[str, str, str]]) -> Verification:
    """Re-run a draw from its published data and compare it with the recorded result."""
    problems = []
    if algorithm.commitment(published.seed) != published.seed_hash:
        problems.append("SHA-256(seed) does not match the published commitment")
    if published.digest() != published.pool_digest:
        problems.append("the published pools do not match the published pool digest")
    if published.target_keys != sorted(published.target_keys):
        problems.append("the target pool is not in key order")
    try:
        rerun = [(a.target_key, *a.inspectors) for a in published.run()]
    except algorithm.DrawImpossible as error:
        return Verification(False, [*problems, f"the draw cannot be re-run: {error}"])
    if len(rerun) != len(recorded_rows):
        problems.append(f"{len(recorded_rows)} recorded inspections, the re-run gives {len(rerun)}")
    for order, (expected, got) in enumerate(zip(rerun, recorded_rows, strict=False), start=1):
        if tuple(expected) != tuple(got):
            problems.append(f"#{order}: re-run gives {expected}, recorded {tuple(got)}")
    return Verification(not problems, problems)
