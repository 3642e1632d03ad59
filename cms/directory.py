"""Where the service directory page gets its bureaus from: a source registered by `portal`.

cms and complaints stand side by side, so cms never imports complaints. The project (portal's
AppConfig.ready) registers complaints.public.bureau_directory here; any callable returning the
same plain dicts would do.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

BureauSource = Callable[[], list[dict]]

_source: list[BureauSource] = []


def register_bureau_source(source: BureauSource) -> None:
    """Set the one function that lists the bureaus (a second registration replaces the first)."""
    _source[:] = [source]


def bureaus() -> list[dict]:
    if not _source:
        raise ImproperlyConfigured(
            "No bureau source registered for the directory page: call "
            "cms.directory.register_bureau_source() in an AppConfig.ready (portal does)."
        )
    return _source[0]()
