import pytest

pytestmark = pytest.mark.django_db


def test_home_page_is_chinese_by_default(client, home_page):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in html
    assert "武汉知识产权公共服务平台" in html
    for hotline in ("12330", "12315", "12390"):
        assert f'href="tel:{hotline}"' in html
    assert 'href="/complaints/new/"' in html
    assert 'href="/complaints/track/"' in html
    assert 'class="visually-hidden-focusable skip-link" href="#main"' in html
    assert 'href="/en/"' in html


def test_english_switch_serves_english_chrome(client, home_page):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert 'href="/en/complaints/new/"' in html
    assert "File a complaint" in html


def test_assets_are_local_and_scripts_carry_the_csp_nonce(client, home_page):
    response = client.get("/")
    html = response.content.decode()
    assert "cdn" not in html.lower()
    assert "/static/vendor/bootstrap/bootstrap.min.css" in html
    policy = response.headers["Content-Security-Policy"]
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in html


@pytest.mark.parametrize(("path", "zh", "en"), [("/no-such-page/", "页面未找到", "Page not found")])
def test_404_in_both_languages(client, home_page, path, zh, en):
    zh_response = client.get(path)
    assert zh_response.status_code == 404
    assert zh in zh_response.content.decode()
    en_response = client.get(f"/en{path}")
    assert en_response.status_code == 404
    assert en in en_response.content.decode()


def test_error_handlers_render_403_and_500(rf, home_page):
    from django.utils import translation

    from portal import views

    request = rf.get("/")
    assert views.permission_denied(request).status_code == 403
    with translation.override("zh-hans"):
        response = views.server_error(request)
    assert response.status_code == 500
    assert "服务器" in response.content.decode()
