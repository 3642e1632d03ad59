"""Whole-page cache for anonymous visitors of the public Wagtail pages.

Only Wagtail's page view (``wagtail.views.serve``) is ever cached: home, listings, policy pages…
Everything else (admin, dashboard, complaint intake and tracking, Open311, search, stats) is
rendered as usual. A page is served from the cache only to an anonymous GET/HEAD request without
a messages cookie; it is stored only when rendering it touched nothing per-visitor: no session
read, no CSRF token, no message, no cookie, no ``Vary: Cookie``, no private/no-cache header, a
plain 200.

The entry is keyed by the full URL (scheme, host, path, query) and the active language. Every
entry carries the generation it was rendered under; publishing, unpublishing, moving, saving or
deleting a page, and editing other data pages show (bureau directory, images, sites…), replaces
the generation, so the old entries are never served again (one ``get_many`` per request reads the
generation and the entry together).

CSP nonces: the middleware sits inside Django's CSP middleware. The nonce rendered into the page
is replaced by a placeholder when stored and by the current request's own nonce when served, so
the ``Content-Security-Policy`` header and the page always agree.

A failing cache (Redis down) degrades to rendering: errors are logged, the cache is left alone for
``PAGE_CACHE_RETRY_SECONDS``, and a generation change that could not be written is retried.
``PAGE_CACHE_SECONDS = 0`` turns the cache off.

With the local-memory cache each process has its own cache and generation, which is right for the
embedded one-process server; several processes need a shared cache (Redis via ``REDIS_URL``).
"""

import hashlib
import logging
import time
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import models, transaction
from django.http import HttpResponse
from django.utils.cache import get_max_age
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

KEY_PREFIX = "pagecache:v1"
GENERATION_KEY = f"{KEY_PREFIX}:generation"
NONCE_PLACEHOLDER = b"__page-cache-csp-nonce__"
HIT_HEADER = "X-Page-Cache"
# Never cached, whatever view answers them (the language-prefixed forms are added below).
EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/dashboard/",
    "/complaints/",
    "/open311/",
    "/search/",
    "/stats/",
    "/documents/",
)
# Data other than pages that public pages show: changing it invalidates every cached page.
INVALIDATING_MODELS = frozenset(
    {
        "wagtailcore.site",
        "wagtailcore.locale",
        "wagtailcore.pageviewrestriction",
        "wagtailcore.collectionviewrestriction",
        "wagtailimages.image",
        "wagtaildocs.document",
        "taggit.tag",
        "complaints.bureau",
        "complaints.district",
        "complaints.channel",
    }
)
INVALIDATING_APPS = frozenset({"cms"})  # every cms model: pages, orderables, tags, snippets
DIRECTORY_MODELS = frozenset({"complaints.bureau", "complaints.district", "complaints.channel"})


def cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


class _Breaker:
    """After a cache error, leave the cache alone for a few seconds (no timeout per request)."""

    def __init__(self):
        self.open_until = 0.0
        self.bump_pending = False

    def ok(self) -> bool:
        return time.monotonic() >= self.open_until

    def trip(self, action: str, exc: Exception) -> None:
        retry = float(getattr(settings, "PAGE_CACHE_RETRY_SECONDS", 5))
        if self.ok():
            logger.warning("page cache %s failed, serving uncached for %ss: %r", action, retry, exc)
        self.open_until = time.monotonic() + retry

    def reset(self) -> None:
        self.open_until = 0.0
        self.bump_pending = False


breaker = _Breaker()


def _new_generation() -> str:
    return uuid.uuid4().hex[:16]


def _write_generation() -> bool:
    if not breaker.ok():  # the cache just failed: do not wait on it again, retry later
        breaker.bump_pending = True
        return False
    try:
        _cache().set(GENERATION_KEY, _new_generation(), None)
    except Exception as exc:
        breaker.bump_pending = True
        breaker.trip("invalidation", exc)
        return False
    breaker.bump_pending = False
    return True


def invalidate() -> None:
    """Make every cached page stale: now, and again once the current transaction commits (a
    request rendering between the two would otherwise store the not yet committed state)."""
    _write_generation()
    transaction.on_commit(_write_generation, robust=True)


def excluded_prefixes() -> tuple[str, ...]:
    prefixes = tuple(getattr(settings, "PAGE_CACHE_EXCLUDED_PREFIXES", EXCLUDED_PREFIXES))
    languages = [code for code, _name in settings.LANGUAGES]
    return prefixes + tuple(f"/{code}{prefix}" for code in languages for prefix in prefixes)


def _is_wagtail_page_view(view_func) -> bool:
    from wagtail import views

    return view_func is views.serve


def cache_key(request) -> str:
    language = get_language() or settings.LANGUAGE_CODE
    digest = hashlib.sha256(f"{language}|{request.build_absolute_uri()}".encode()).hexdigest()
    return f"{KEY_PREFIX}:page:{digest[:40]}"


def _visitor_sees_own_page(request) -> bool:
    """Whether this request may see something only it sees: signed in, or messages waiting."""
    if CookieStorage.cookie_name in request.COOKIES:
        return True
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    return session is not None and "_messages" in session


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    vary = {value.strip().lower() for value in response.get("Vary", "").split(",")}
    if "cookie" in vary or "*" in vary:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    if get_max_age(response) == 0:
        return False
    # What the outer middleware would add on the way out: a session read or written (Vary:
    # Cookie, Set-Cookie), a CSRF token in the page (its cookie), a message to store.
    session = getattr(request, "session", None)
    if session is not None and (session.accessed or session.modified):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    messages = getattr(request, "_messages", None)
    if messages is None:
        return True
    # A message added by the view, or one shown on the page (it would be stored again).
    return not (messages.added_new or getattr(messages, "_loaded_data", None))


class PageCacheMiddleware:
    """Serves and stores anonymous Wagtail pages; goes last in MIDDLEWARE (innermost)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        pending = getattr(request, "_page_cache_pending", None)
        if pending is not None and request.method == "GET" and _storable(request, response):
            self._store(request, response, *pending)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        seconds = cache_seconds()
        if (
            seconds <= 0
            or request.method not in ("GET", "HEAD")
            or not _is_wagtail_page_view(view_func)
            or request.path_info.startswith(excluded_prefixes())
            or _visitor_sees_own_page(request)
            or not breaker.ok()
        ):
            return None
        key = cache_key(request)
        try:
            cache = _cache()
            if breaker.bump_pending and not _write_generation():
                return None
            values = cache.get_many([GENERATION_KEY, key])
            generation = values.get(GENERATION_KEY)
            if generation is None:
                cache.add(GENERATION_KEY, _new_generation(), None)
                generation = cache.get(GENERATION_KEY)
        except Exception as exc:
            breaker.trip("read", exc)
            return None
        entry = values.get(key)
        if entry is not None and generation is not None and entry[0] == generation:
            response = self._response(request, entry)
            if response is not None:
                return response
        if generation is not None:
            request._page_cache_pending = (key, generation, seconds)
        return None

    def _response(self, request, entry):
        _generation, content, headers, has_nonce = entry
        if has_nonce:
            nonce = getattr(request, "_csp_nonce", None)
            if nonce is None:
                return None  # no CSP middleware on this request: render instead
            content = content.replace(NONCE_PLACEHOLDER, str(nonce).encode("ascii"))
        response = HttpResponse(content, status=200)
        for name, value in headers:
            response.headers[name] = value
        response.headers[HIT_HEADER] = "hit"
        return response

    def _store(self, request, response, key, generation, seconds):
        content = response.content
        nonce = getattr(request, "_csp_nonce", None)
        has_nonce = bool(nonce)  # LazyNonce is true once the page used it
        if has_nonce:
            content = content.replace(str(nonce).encode("ascii"), NONCE_PLACEHOLDER)
        headers = [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in ("content-length", "set-cookie", HIT_HEADER.lower())
        ]
        try:
            _cache().set(key, (generation, content, headers, has_nonce), seconds)
        except Exception as exc:
            breaker.trip("write", exc)
            return
        response.headers[HIT_HEADER] = "miss"


# Signals: every change that can alter a public page replaces the generation.


def _label(model) -> str:
    return model._meta.label_lower if hasattr(model, "_meta") else ""


def _affects_pages(model) -> bool:
    from wagtail.models import Page

    if not isinstance(model, type) or not issubclass(model, models.Model):
        return False
    if issubclass(model, Page):
        return True
    return _label(model) in INVALIDATING_MODELS or model._meta.app_label in INVALIDATING_APPS


def _forget_directory(model) -> None:
    # The bureau directory has its own short cache; districts and channels shown in it too.
    if _label(model) in DIRECTORY_MODELS:
        from complaints.public import DIRECTORY_CACHE_KEY

        try:
            caches["default"].delete(DIRECTORY_CACHE_KEY)
        except Exception as exc:
            logger.warning("could not clear the bureau directory cache: %r", exc)


def page_changed(sender=None, **kwargs):
    invalidate()


def model_changed(sender, **kwargs):
    if _affects_pages(sender):
        _forget_directory(sender)
        invalidate()


def relation_changed(sender, instance=None, model=None, action="", **kwargs):
    if not action.startswith("post_"):
        return
    for candidate in (type(instance), model, sender):
        if candidate is not None and _affects_pages(candidate):
            _forget_directory(type(instance))
            _forget_directory(model)
            invalidate()
            return


def connect_signals() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(page_changed, dispatch_uid=f"page_cache.{id(signal)}")
    post_save.connect(model_changed, dispatch_uid="page_cache.post_save")
    post_delete.connect(model_changed, dispatch_uid="page_cache.post_delete")
    m2m_changed.connect(relation_changed, dispatch_uid="page_cache.m2m_changed")
