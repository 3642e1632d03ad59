"""seed_demo refuses production settings (demo passwords, the shared code DEMO) unless told."""

import pytest
from django.core.management import CommandError, call_command

from complaints.models import Channel
from portal.management.commands import seed_demo
from tests.portal.test_settings import PRODUCTION_ENV, run_manage


class GotPastTheGuard(Exception):
    pass


def test_refuses_under_the_real_production_settings(tmp_path):
    result = run_manage(
        "seed_demo",
        "--complaints",
        "0",
        **PRODUCTION_ENV,
        DATABASE_URL=f"sqlite:///{tmp_path / 'scratch.sqlite3'}",  # never the worktree's
    )
    assert result.returncode != 0
    assert "refuses to run under production settings" in result.stderr
    assert "Demo data ready" not in result.stdout


@pytest.mark.django_db
def test_refuses_before_writing_anything(settings):
    settings.PRODUCTION_SETTINGS = True
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("seed_demo", "--complaints", "0")
    assert not Channel.objects.exists()


def test_allow_production_lets_it_run(settings, monkeypatch):
    settings.PRODUCTION_SETTINGS = True

    def first_step(**kwargs):
        raise GotPastTheGuard

    monkeypatch.setattr(seed_demo.complaints_demo, "seed_reference_data", first_step)
    with pytest.raises(GotPastTheGuard):
        call_command("seed_demo", "--allow-production", "--complaints", "0")
