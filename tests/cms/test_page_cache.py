"""The anonymous page cache (portal/page_cache.py): what is cached, what never is, invalidation
on publishing and directory edits, CSP nonces, languages, and a failing cache backend."""

import re

import pytest
from django.middleware.csrf import get_token

from cms import models
from portal import page_cache
from tests.factories.cms import PolicyPageFactory, add_page
from tests.factories.complaints import BureauFactory, DistrictFactory, UserFactory

pytestmark = pytest.mark.django_db

HIT = page_cache.HIT_HEADER


@pytest.fixture(autouse=True)
def fresh_page_cache(settings):
    """Cache on, breaker closed, and a new generation: nothing cached by an earlier test counts
    (the generation is replaced instead of clearing a Redis database other runs may share)."""
    settings.PAGE_CACHE_SECONDS = 300
    page_cache.breaker.reset()
    page_cache._write_generation()
    yield
    page_cache.breaker.reset()


@pytest.fixture
def policy(policy_index):
    return PolicyPageFactory(parent=policy_index, title="页面缓存测试政策", slug="cached-policy")


@pytest.fixture
def stores(monkeypatch):
    """Every cache key the middleware stores a page under."""
    keys = []
    original = page_cache.PageCacheMiddleware._store

    def spy(self, request, response, key, *args):
        keys.append(request.get_full_path())
        return original(self, request, response, key, *args)

    monkeypatch.setattr(page_cache.PageCacheMiddleware, "_store", spy)
    return keys


def nonces(response):
    header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    in_page = set(re.findall(r'nonce="([^"]+)"', response.content.decode()))
    return (header.group(1) if header else None), in_page


def test_second_anonymous_request_is_served_from_cache(client, policy, django_assert_num_queries):
    first = client.get(policy.url)
    assert first.status_code == 200 and first[HIT] == "miss"
    with django_assert_num_queries(0):
        second = client.get(policy.url)
    assert second.status_code == 200 and second[HIT] == "hit"
    assert "页面缓存测试政策" in second.content.decode()
    # Nothing per visitor in the cached copy: no CSRF token (the header search is a GET form),
    # no cookie, no Vary: Cookie.
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert not first.cookies and not second.cookies
    assert "cookie" not in second.get("Vary", "").lower()
    assert second["Content-Type"] == first["Content-Type"]
    # The outer middleware still runs on a hit: language, security and CSP headers are fresh.
    assert second["Content-Language"] == "zh-hans"
    assert "Content-Security-Policy" in second and "X-Frame-Options" in second


def test_home_and_listings_are_cached_too(client, policy, django_assert_num_queries):
    for url in ("/", "/policies/", "/policies/?page=1"):
        assert client.get(url)[HIT] == "miss"
        with django_assert_num_queries(0):
            assert client.get(url)[HIT] == "hit"


def test_head_is_served_from_the_cached_get(client, policy, django_assert_num_queries):
    client.get(policy.url)
    with django_assert_num_queries(0):
        response = client.head(policy.url)
    assert response.status_code == 200 and response[HIT] == "hit"


def test_every_hit_gets_its_own_csp_nonce_matching_the_header(client, policy):
    responses = [client.get(policy.url) for _ in range(3)]
    assert [response[HIT] for response in responses] == ["miss", "hit", "hit"]
    seen = set()
    for response in responses:
        header_nonce, page_nonces = nonces(response)
        assert header_nonce and page_nonces == {header_nonce}
        assert page_cache.NONCE_PLACEHOLDER.decode() not in response.content.decode()
        seen.add(header_nonce)
    assert len(seen) == 3


def test_english_and_chinese_are_cached_separately(client, policy, django_assert_num_queries):
    assert client.get("/")[HIT] == "miss"
    assert client.get("/en/")[HIT] == "miss"
    with django_assert_num_queries(0):
        chinese = client.get("/")
        english = client.get("/en/")
    assert chinese[HIT] == english[HIT] == "hit"
    assert '<html lang="zh-Hans">' in chinese.content.decode()
    assert '<html lang="en">' in english.content.decode()
    assert chinese["Content-Language"] == "zh-hans" and english["Content-Language"] == "en"
    # The language switch of each cached copy points at the other language.
    assert 'href="/en/"' in chinese.content.decode()
    assert 'hreflang="zh-Hans"' in english.content.decode()


def test_the_language_comes_from_the_path_not_the_browser(client, policy):
    client.get("/")
    response = client.get("/", headers={"accept-language": "en"})
    assert response[HIT] == "hit" and '<html lang="zh-Hans">' in response.content.decode()


def test_publishing_a_change_shows_the_new_content_immediately(client, policy):
    client.get(policy.url)
    assert client.get(policy.url)[HIT] == "hit"
    policy.title = "修订后的政策标题"
    policy.save_revision().publish()
    response = client.get(policy.url)
    assert response[HIT] == "miss"
    assert "修订后的政策标题" in response.content.decode()


def test_a_new_page_appears_in_the_cached_listing_and_home(client, policy, policy_index):
    for url in ("/", "/policies/"):
        client.get(url)
        assert client.get(url)[HIT] == "hit"
    PolicyPageFactory(parent=policy_index, title="新发布的政策", issue_date=policy.issue_date)
    for url in ("/", "/policies/"):
        assert "新发布的政策" in client.get(url).content.decode()


def test_unpublishing_moving_and_deleting_invalidate(client, policy, policy_index, home_page):
    other = PolicyPageFactory(parent=policy_index, title="另一项政策", slug="other-policy")
    client.get("/policies/")
    client.get(policy.url)
    client.get(other.url)
    assert client.get(policy.url)[HIT] == "hit"

    policy.unpublish()
    assert client.get(policy.url).status_code == 404
    assert "页面缓存测试政策" not in client.get("/policies/").content.decode()

    old_url = other.url
    news = add_page(home_page, models.NewsIndexPage(title="新闻动态", slug="news"))
    client.get(old_url)
    other.move(news, pos="last-child")
    moved = client.get(old_url)  # Wagtail's automatic redirect, not the cached page
    assert moved.status_code == 301 and HIT not in moved

    assert "另一项政策" in client.get("/").content.decode()  # featured on the home page
    assert client.get("/")[HIT] == "hit"
    news.get_children().delete()
    news.delete()
    assert "另一项政策" not in client.get("/").content.decode()


def test_editing_a_bureau_updates_the_cached_directory(client, home_page):
    bureau = BureauFactory(name="旧名称知识产权局", phone="027-11111111")
    add_page(home_page, models.DirectoryPage(title="服务机构名录", slug="directory"))
    assert "旧名称知识产权局" in client.get("/directory/").content.decode()
    assert client.get("/directory/")[HIT] == "hit"
    bureau.name = "新名称知识产权局"
    bureau.save()
    response = client.get("/directory/")
    assert response[HIT] == "miss"
    assert "新名称知识产权局" in response.content.decode()


def test_a_page_made_private_is_no_longer_served_from_cache(client, policy, stores):
    from wagtail.models import PageViewRestriction

    client.get(policy.url)
    assert client.get(policy.url)[HIT] == "hit"
    stores.clear()
    PageViewRestriction.objects.create(
        page=policy, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    for _ in range(2):
        response = client.get(policy.url)
        assert HIT not in response and 'name="password"' in response.content.decode()
    assert stores == []


def test_drafts_and_previews_never_reach_anonymous_visitors(client, policy, stores):
    client.get(policy.url)
    policy.title = "尚未发布的草稿"
    policy.save_revision()  # saved, not published
    editor = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(editor)
    preview = client.get(f"/admin/pages/{policy.pk}/view_draft/")
    assert preview.status_code == 200 and "尚未发布的草稿" in preview.content.decode()
    client.logout()
    response = client.get(policy.url)
    assert "尚未发布的草稿" not in response.content.decode()
    assert "页面缓存测试政策" in response.content.decode()
    assert [path for path in stores if path.startswith("/admin/")] == []


def test_renaming_a_district_updates_the_cached_directory(client, home_page):
    district = DistrictFactory(name="旧区名")
    BureauFactory(name="区知识产权局", level="district", district=district)
    add_page(home_page, models.DirectoryPage(title="服务机构名录", slug="directory"))
    assert "旧区名" in client.get("/directory/").content.decode()
    district.name = "新区名"
    district.save()
    assert "新区名" in client.get("/directory/").content.decode()


def test_signed_in_users_are_never_served_or_stored(client, policy, stores):
    client.get(policy.url)
    assert client.get(policy.url)[HIT] == "hit"
    stores.clear()
    client.force_login(UserFactory())
    for _ in range(2):
        response = client.get(policy.url)
        assert response.status_code == 200 and HIT not in response
    assert stores == []


def test_anonymous_visitor_with_a_session_cookie_still_gets_the_cached_page(client, policy):
    client.get(policy.url)
    session = client.session
    session["tracking"] = "x"
    session.save()
    client.cookies["sessionid"] = session.session_key
    assert client.get(policy.url)[HIT] == "hit"


def test_a_pending_message_bypasses_the_cache(client, policy):
    client.get(policy.url)
    client.cookies["messages"] = "anything"
    assert HIT not in client.get(policy.url)


@pytest.mark.parametrize(
    "url",
    [
        "/complaints/new/",
        "/complaints/track/",
        "/en/complaints/track/",
        "/en/complaints/new/",
        "/search/?q=专利",
        "/stats/",
        "/open311/v2/services.json",
        "/dashboard/",
        "/admin/login/",
        "/healthz",
    ],
)
def test_intake_tracking_and_other_non_page_views_are_never_cached(client, home_page, stores, url):
    for _ in range(2):
        assert HIT not in client.get(url)
    assert stores == []


def test_posts_and_errors_are_not_cached(client, policy, stores):
    for _ in range(2):
        assert HIT not in client.post(policy.url)
        response = client.get("/policies/no-such-page/")
        assert response.status_code == 404 and HIT not in response
    assert stores == []


@pytest.mark.parametrize("touch", ["cookie", "session", "csrf", "vary", "never_cache"])
def test_pages_that_set_cookies_or_depend_on_the_visitor_are_not_cached(
    client, policy, stores, monkeypatch, touch
):
    from django.utils.cache import add_never_cache_headers, patch_vary_headers

    original = models.PolicyPage.serve

    def serve(self, request, *args, **kwargs):
        if touch == "session":
            request.session["visited"] = True
        if touch == "csrf":
            get_token(request)  # what {% csrf_token %} in a form does
        response = original(self, request, *args, **kwargs)
        if touch == "cookie":
            response.set_cookie("tracking", "1")
        if touch == "vary":
            patch_vary_headers(response, ["Cookie"])
        if touch == "never_cache":
            add_never_cache_headers(response)
        return response

    monkeypatch.setattr(models.PolicyPage, "serve", serve)
    for _ in range(2):
        response = client.get(policy.url)
        assert response.status_code == 200 and HIT not in response
    assert stores == []


def test_disabled_with_zero_seconds(client, policy, settings, stores):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        assert HIT not in client.get(policy.url)
    assert stores == []


class BrokenCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache is down")

        return fail


def test_a_failing_cache_backend_serves_pages_uncached(client, policy, monkeypatch):
    client.get(policy.url)
    monkeypatch.setattr(page_cache, "_cache", BrokenCache)
    for _ in range(2):
        response = client.get(policy.url)
        assert response.status_code == 200 and HIT not in response
        assert "页面缓存测试政策" in response.content.decode()
    # Publishing while the cache is down works, and the invalidation is retried afterwards.
    policy.title = "缓存故障期间发布"
    policy.save_revision().publish()
    assert page_cache.breaker.bump_pending
    monkeypatch.undo()
    page_cache.breaker.open_until = 0
    response = client.get(policy.url)
    assert response[HIT] == "miss" and "缓存故障期间发布" in response.content.decode()
    assert not page_cache.breaker.bump_pending


def test_an_unreachable_redis_serves_pages_uncached(client, policy, settings):
    settings.CACHES = {
        **settings.CACHES,
        "unreachable": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    settings.PAGE_CACHE_ALIAS = "unreachable"
    for _ in range(2):
        response = client.get(policy.url)
        assert response.status_code == 200 and HIT not in response
