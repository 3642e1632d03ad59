"""Test settings: same services as the environment says, fast hashing, immediate tasks."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import CACHES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
SMS_BACKEND = "complaints.notifications.sms.LocmemSMSBackend"

_scratch = Path(tempfile.mkdtemp(prefix="ipportal-test-"))
MEDIA_ROOT = _scratch / "media"
PRIVATE_MEDIA_ROOT = _scratch / "private"

if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # Separate keys per run so parallel runs and dev data never collide.
    CACHES["default"]["KEY_PREFIX"] = f"ipportal-test-{os.getpid()}"
