"""Checks behind /healthz: each returns (ok, detail) and never raises."""

import asyncio
import time
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connection

from search.api import backend_health


def check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True, connection.vendor
    except Exception as exc:
        return False, type(exc).__name__


def check_cache() -> tuple[bool, str]:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", 5)
        ok = cache.get(key) == "ok"
        cache.delete(key)
        return ok, "read back" if ok else "value not read back"
    except Exception as exc:
        return False, type(exc).__name__


async def _round_trip(layer) -> bool:
    channel = await layer.new_channel()
    await layer.send(channel, {"type": "healthz.ping"})
    message = await asyncio.wait_for(layer.receive(channel), timeout=2)
    return message.get("type") == "healthz.ping"


def check_channel_layer() -> tuple[bool, str]:
    layer = get_channel_layer()
    if layer is None:
        return False, "not configured"
    try:
        ok = async_to_sync(_round_trip)(layer)
        return ok, type(layer).__name__
    except Exception as exc:
        return False, type(exc).__name__


def check_search() -> tuple[bool, str]:
    try:
        return backend_health()
    except Exception as exc:
        return False, type(exc).__name__


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "channel_layer": check_channel_layer,
    "search": check_search,
}


def run_checks() -> dict:
    results = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        ok, detail = check()
        results[name] = {
            "ok": ok,
            "detail": detail,
            "ms": round((time.perf_counter() - started) * 1000, 1),
        }
    return results
