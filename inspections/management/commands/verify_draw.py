"""Re-run a draw from its published data and compare it with the recorded result."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspections.models import Draw
from inspections.services import draws
from inspections.services.public import published_from_json


class Command(BaseCommand):
    help = (
        "Re-run draw <id> from its frozen pools and published seed and report match/mismatch. "
        "With --json, verify a downloaded public JSON file instead of the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("draw_id", type=int, nargs="?")
        parser.add_argument("--json", help="a file saved from /inspections/<id>/draw.json")

    def handle(self, *args, draw_id=None, **options):
        json_path = options.get("json")
        if json_path:
            data = _load(json_path)
            published, rows = published_from_json(data)
            label = f"draw {published.draw_id} ({json_path})"
        else:
            if draw_id is None:
                raise CommandError("give a draw id or --json FILE")
            draw = Draw.objects.filter(pk=draw_id).first()
            if draw is None:
                raise CommandError(f"draw {draw_id} does not exist")
            if not draw.public_seed:
                raise CommandError(
                    f"draw {draw_id} has not been drawn yet (status {draw.status}): "
                    "its seed is not published"
                )
            published, rows = draws.Published.of(draw), draws.recorded(draw)
            label = f"draw {draw_id} «{draw.title}»"
        self.stdout.write(
            f"{label}: {len(published.target_keys)} targets, "
            f"{len(published.inspector_codes)} inspectors, {len(published.exclusions)} "
            f"exclusions, {published.count} drawn"
        )
        result = draws.verify(published, rows)
        if result.ok:
            self.stdout.write(self.style.SUCCESS(f"MATCH: {label} re-runs to the recorded result."))
            return
        for problem in result.problems:
            self.stderr.write(f"  {problem}")
        raise CommandError(f"MISMATCH: {label} does not re-run to the recorded result.")


def _load(path: str) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"{path}: {error}") from None
