"""How long a 双随机一公开 draw takes with a large target pool: import, commit, draw, verify.

Not a bench_* module (run_all skips it). Needs DATABASE_URL (a database you can fill; the
targets stay in its inspection target list, with codes 9142010B…):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ipportal_bench \\
        .venv/bin/python -m benchmarks.draw_timing --targets 100000 --draw 200
"""

import argparse
import os
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--targets", type=int, default=100_000)
    parser.add_argument("--draw", type=int, default=200)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("draw_timing needs DATABASE_URL: it fills that database.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from benchmarks.common import load_average, report
    from complaints.models import Bureau, Role, StaffMembership
    from complaints.services.validators import uscc_check_char
    from inspections.models import Draw, InspectionItem, Inspector
    from inspections.services import algorithm, draws
    from inspections.services.importing import import_targets
    from tests.factories.complaints import UserFactory

    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

    def code(n: int) -> str:
        digits = ""
        for _ in range(8):
            n, r = divmod(n, 31)
            digits = alphabet[r] + digits
        body = "9142010B" + digits + "0"
        return body + uscc_check_char(body)

    figures = {"targets": args.targets, "drawn": args.draw, "load_before": load_average()}
    keys = [code(n) for n in range(args.targets)]
    started = time.perf_counter()
    algorithm.run_draw("a" * 64, keys, args.draw, [f"I-{n}" for n in range(40)])
    figures["algorithm_only_s"] = round(time.perf_counter() - started, 3)

    rows = ["企业名称,统一社会信用代码,风险等级"]
    rows += [f"基准企业{n},{k},中" for n, k in enumerate(keys)]
    started = time.perf_counter()
    report_ = import_targets("\n".join(rows).encode())
    figures["import_s"] = round(time.perf_counter() - started, 2)
    assert report_.ok, report_.errors[:3]

    bureau, _ = Bureau.objects.get_or_create(
        code="bench-inspections", defaults={"name": "基准测试局", "level": Bureau.Level.CITY}
    )
    item, _ = InspectionItem.objects.get_or_create(
        code="bench-item",
        defaults={"bureau": bureau, "name": "基准", "content": "-", "legal_basis": "-"},
    )
    for _ in range(40 - Inspector.objects.filter(membership__bureau=bureau).count()):
        membership = StaffMembership.objects.create(
            user=UserFactory(), bureau=bureau, role=Role.HANDLER
        )
        Inspector.objects.create(membership=membership, code=f"BENCH-{membership.pk}")
    draw = Draw.objects.create(
        bureau=bureau, title="基准抽取", target_count=args.draw, risk_levels=["medium"]
    )
    draw.items.set([item])
    started = time.perf_counter()
    draw = draws.commit(draw, None)
    figures["commit_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    draw = draws.run(draw, None)
    figures["draw_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    result = draws.verify(draws.Published.of(draw), draws.recorded(draw))
    figures["verify_s"] = round(time.perf_counter() - started, 2)
    figures["verified"] = result.ok
    figures["pool_size"] = draw.pool_targets.count()
    figures["load_after"] = load_average()
    report("draw_timing", figures)


if __name__ == "__main__":
    main()
