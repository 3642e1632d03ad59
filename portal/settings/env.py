"""Read configuration from the environment: the only way settings change between machines."""

import json
import os
from typing import overload

from django.core.exceptions import ImproperlyConfigured


@overload
def env_str(name: str, default: str) -> str: ...
@overload
def env_str(name: str, default: None = None) -> str | None: ...
def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or default


def env_bool(name: str, default: bool = False) -> bool:
    value = env_str(name)
    if value is None:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = env_str(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_required(name: str) -> str:
    """A secret or setting production cannot start without."""
    value = env_str(name)
    if not value:
        raise ImproperlyConfigured(
            f"Environment variable {name} is required in production and is not set."
        )
    return value


def env_json_object(name: str) -> dict:
    """A JSON object from the environment ({} when unset); anything else refuses to start."""
    value = env_str(name)
    if value is None:
        return {}
    try:
        parsed = json.loads(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"Environment variable {name} is not valid JSON.") from exc
    if not isinstance(parsed, dict):
        raise ImproperlyConfigured(f"Environment variable {name} must be a JSON object.")
    return parsed
