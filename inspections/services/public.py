"""What the public results page publishes ("一公开"), as data.

Public: the draw's parameters, SHA-256 commitment of the seed and digest of the frozen pools (from
the commitment on), the frozen pools (enterprises by name and code; inspectors by public code;
declared conflicts as code pairs without their reasons), the seed once drawn, and for each drawn
target its inspectors' codes, outcome and public note. Never: inspectors' names, conflict reasons,
internal notes.
"""

from django.db.models import Prefetch

from inspections.models import Draw, DrawStatus, Inspection, InspectionItem

from . import draws


def public_draws():
    return (
        Draw.objects.exclude(status=DrawStatus.DRAFT)
        .select_related("bureau")
        .order_by("-committed_at")
    )


def inspections_with_results(draw: Draw):
    return (
        Inspection.objects.filter(draw=draw)
        .select_related("pool_target", "inspector_1", "inspector_2", "result")
        .prefetch_related(
            Prefetch(
                "result__checked_items",
                queryset=InspectionItem.objects.only("pk", "name"),
            )
        )
        .order_by("order")
    )


def as_json(draw: Draw) -> dict:
    seed = draw.public_seed
    data = {
        "draw": draw.pk,
        "title": draw.title,
        "bureau": draw.bureau.name,
        "status": draw.status,
        "algorithm": draw.algorithm,
        "count": draw.target_count,
        "seed_hash": draw.seed_hash,
        "pool_digest": draw.pool_digest,
        "seed": seed or None,
        "committed_at": draw.committed_at.isoformat() if draw.committed_at else None,
        "drawn_at": draw.drawn_at.isoformat() if draw.drawn_at else None,
        "items": [{"name": i.name, "legal_basis": i.legal_basis} for i in draw.items.all()],
        "targets": [
            {"position": p, "key": k, "name": n, "district": d, "risk_level": r}
            for p, k, n, d, r in draw.pool_targets.order_by("position").values_list(
                "position", "key", "name", "district", "risk_level"
            )
        ],
        "inspectors": list(draw.pool_inspectors.values_list("code", flat=True)),
        "exclusions": [
            list(pair) for pair in draw.exclusions.values_list("inspector_code", "target_key")
        ],
        "result": [],
    }
    if seed:
        for inspection in inspections_with_results(draw):
            result = getattr(inspection, "result", None)
            data["result"].append(
                {
                    "order": inspection.order + 1,
                    "target_key": inspection.pool_target.key,
                    "target_name": inspection.pool_target.name,
                    "inspectors": [inspection.inspector_1.code, inspection.inspector_2.code],
                    "outcome": result.outcome if result else None,
                    "violation_found": result.violation_found if result else None,
                    "public_note": result.public_note if result else "",
                }
            )
    return data


def published_from_json(data: dict) -> tuple[draws.Published, list[tuple[str, str, str]]]:
    """Read back a file saved from the public JSON (for verify_draw --json)."""
    published = draws.Published(
        draw_id=int(data["draw"]),
        count=int(data["count"]),
        seed=data.get("seed") or "",
        seed_hash=data["seed_hash"],
        pool_digest=data["pool_digest"],
        target_keys=[t["key"] for t in sorted(data["targets"], key=lambda t: t["position"])],
        inspector_codes=list(data["inspectors"]),
        exclusions=[tuple(pair) for pair in data["exclusions"]],
    )
    rows = [
        (row["target_key"], *row["inspectors"])
        for row in sorted(data["result"], key=lambda r: r["order"])
    ]
    return published, rows
