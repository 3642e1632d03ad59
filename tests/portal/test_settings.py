import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


# What a production start needs besides the database: every test that runs production settings.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DJANGO_SECRET_KEY": "k3y-" + "q8Zr!vT2#pLm9@xW" * 4,
    "DJANGO_ALLOWED_HOSTS": "ipportal.example.cn",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.cn:587",
}


def test_production_refuses_to_start_without_secret_key():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_ALLOWED_HOSTS="ipportal.example.cn",
        EMAIL_URL="smtp+tls://mailer:secret@smtp.example.cn:587",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="x" * 60,
        EMAIL_URL="smtp+tls://mailer:secret@smtp.example.cn:587",
    )
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_passes_check_deploy_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="k3y-" + "q8Zr!vT2#pLm9@xW" * 4,
        DJANGO_ALLOWED_HOSTS="ipportal.example.cn",
        EMAIL_URL="smtp+tls://mailer:secret@smtp.example.cn:587",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_mailer():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="ipportal.example.cn",
    )
    assert result.returncode != 0
    assert "EMAIL_URL" in result.stderr


def test_collectstatic_builds_the_production_manifest(tmp_path):
    """Every vendored file's source-map reference must resolve, or the manifest is never written
    and every page answers 500 under production settings."""
    result = run_manage(
        "collectstatic",
        "--noinput",
        "-v",
        "0",
        **PRODUCTION_ENV,
        STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "vendor/chartjs/chart.umd.min.js" in manifest
    assert "css/portal.css" in manifest
