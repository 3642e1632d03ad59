"""Commit, draw and verify against the database; verify_draw detects tampering."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from inspections.models import (
    Draw,
    DrawInspector,
    DrawStatus,
    Inspection,
    InspectionTarget,
)
from inspections.services import algorithm, draws, public
from tests.factories.inspections import (
    ConflictFactory,
    InspectionTargetFactory,
    InspectorFactory,
    drawn,
)

pytestmark = pytest.mark.django_db


def test_commit_freezes_the_pools_and_publishes_only_the_hash(setup, supervisor):
    draw, targets, _inspectors = setup
    draw = draws.commit(draw, supervisor)
    assert draw.status == DrawStatus.COMMITTED
    assert draw.seed_hash == algorithm.commitment(draw.seed)
    assert draw.public_seed == ""
    assert list(draw.pool_targets.values_list("key", flat=True)) == sorted(t.uscc for t in targets)
    assert draw.pool_inspectors.count() == 4
    assert draws.Published.of(draw).digest() == draw.pool_digest


def test_pool_filters_risk_level(bureau, supervisor, setup):
    draw, _targets, _ = setup
    high = InspectionTargetFactory.create_batch(3, risk_level="high")
    draw.risk_levels = ["high"]
    draw.save()
    draw = draws.commit(draw, supervisor)
    assert set(draw.pool_targets.values_list("key", flat=True)) == {t.uscc for t in high}


def test_draw_assigns_two_distinct_unconflicted_inspectors_and_reveals_the_seed(setup, supervisor):
    draw, targets, inspectors = setup
    for target in targets:
        ConflictFactory(inspector=inspectors[0], target=target)
    draw = drawn(draw, supervisor)
    assert draw.status == DrawStatus.DRAWN and draw.public_seed == draw.seed
    assert draw.exclusions.count() == 10
    rows = draws.recorded(draw)
    assert len(rows) == 3
    for key, first, second in rows:
        assert first != second
        assert inspectors[0].code not in (first, second)


def test_conflict_leaving_fewer_than_two_inspectors_blocks_the_commit(setup, supervisor):
    draw, targets, inspectors = setup
    for inspector in inspectors[:3]:
        ConflictFactory(inspector=inspector, target=targets[4])
    with pytest.raises(draws.DrawError, match=targets[4].uscc):
        draws.commit(draw, supervisor)
    draw.refresh_from_db()
    assert draw.status == DrawStatus.DRAFT and not draw.seed_hash
    assert not draw.pool_targets.exists()


def test_too_few_inspectors_or_targets_fail_clearly(bureau, supervisor):
    from tests.factories.inspections import inspection_setup

    draw, _, _ = inspection_setup(bureau, targets=2, inspectors=1, target_count=3)
    with pytest.raises(draws.DrawError, match="至少需要 2 名"):
        draws.commit(draw, supervisor)


def test_a_draw_runs_once_and_only_after_its_commitment(setup, supervisor):
    draw, _, _ = setup
    with pytest.raises(draws.DrawError):
        draws.run(draw, supervisor)
    drawn(draw, supervisor)
    with pytest.raises(draws.DrawError):
        draws.run(draw, supervisor)
    assert Inspection.objects.filter(draw=draw).count() == 3


def test_later_pool_changes_do_not_break_verification(setup, supervisor):
    draw, _targets, inspectors = setup
    draw = drawn(draw, supervisor)
    InspectionTarget.objects.all().delete()
    InspectorFactory(bureau=draw.bureau)
    inspectors[1].delete()
    ConflictFactory(inspector=inspectors[2])
    result = draws.verify(draws.Published.of(draw), draws.recorded(draw))
    assert result.ok, result.problems


def test_verify_draw_command_reports_a_match(setup, supervisor, capsys):
    draw = drawn(setup[0], supervisor)
    call_command("verify_draw", str(draw.pk))
    assert "MATCH" in capsys.readouterr().out


def test_verify_draw_detects_a_swapped_inspector(setup, supervisor):
    draw = drawn(setup[0], supervisor)
    inspection = draw.inspections.order_by("order").first()
    used = {inspection.inspector_1_id, inspection.inspector_2_id}
    spare = DrawInspector.objects.filter(draw=draw).exclude(pk__in=used).first()
    Inspection.objects.filter(pk=inspection.pk).update(inspector_1=spare)
    with pytest.raises(CommandError, match="MISMATCH"):
        call_command("verify_draw", str(draw.pk))


def test_verify_draw_detects_a_changed_seed_or_pool(setup, supervisor):
    draw = drawn(setup[0], supervisor)
    Draw.objects.filter(pk=draw.pk).update(seed="f" * 64)
    with pytest.raises(CommandError, match="MISMATCH"):
        call_command("verify_draw", str(draw.pk))
    problems = draws.verify(draws.Published.of(Draw.objects.get(pk=draw.pk)), []).problems
    assert any("commitment" in p for p in problems)

    Draw.objects.filter(pk=draw.pk).update(seed=draw.seed)
    drawn_ids = draw.inspections.values("pool_target")
    draw.pool_targets.exclude(pk__in=drawn_ids).order_by("-position").first().delete()
    result = draws.verify(draws.Published.of(draw), draws.recorded(draw))
    assert not result.ok and any("pool digest" in p for p in result.problems)


def test_verify_draw_refuses_an_undrawn_draw(setup, supervisor):
    draw = draws.commit(setup[0], supervisor)
    with pytest.raises(CommandError, match="not been drawn"):
        call_command("verify_draw", str(draw.pk))


def test_verify_draw_from_the_public_json_file(setup, supervisor, tmp_path, capsys):
    draw = drawn(setup[0], supervisor)
    path = tmp_path / "draw.json"
    data = public.as_json(draw)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    call_command("verify_draw", "--json", str(path))
    assert "MATCH" in capsys.readouterr().out

    data["result"][0]["inspectors"].reverse()
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="MISMATCH"):
        call_command("verify_draw", "--json", str(path))


@pytest.mark.skipif(not shutil.which("node"), reason="node is not installed")
def test_the_javascript_reimplementation_verifies_the_public_json(setup, supervisor, tmp_path):
    """docs/verify-draw.mjs re-runs the draw outside Python from the published data alone."""
    draw = drawn(setup[0], supervisor)
    ConflictFactory()  # a later conflict changes nothing
    path = tmp_path / "draw.json"
    data = public.as_json(draw)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    script = Path(settings.BASE_DIR) / "docs" / "verify-draw.mjs"
    run = subprocess.run(["node", str(script), str(path)], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.startswith("MATCH"), run.stdout + run.stderr

    data["seed"] = "0" * 64
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(["node", str(script), str(path)], capture_output=True, text=True)
    assert run.returncode == 1 and "MISMATCH" in run.stdout
