"""Suite-wide fixtures: browser launch on Debian's chromium, and the demo site skeleton."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
CHROMIUM = next((path for path in CHROMIUM_CANDIDATES if os.path.exists(path)), None) or (
    shutil.which("chromium")
)
BROWSERS_REQUIRED = os.environ.get("REQUIRE_BROWSER_TESTS") == "1"


def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        return
    reason = (
        "chromium is not installed (`make browsers` installs it with apt): browser tests cannot run"
    )
    if BROWSERS_REQUIRED:
        raise pytest.UsageError(f"REQUIRE_BROWSER_TESTS=1 but {reason}")
    print(f"\n*** SKIPPING BROWSER TESTS: {reason} ***\n")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not BROWSERS_REQUIRED:
        return
    skipped_browser = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if "browser" in getattr(report, "keywords", {})
        and "opt_in" not in getattr(report, "keywords", {})
    ]
    if skipped_browser:
        terminalreporter.write_line(
            f"REQUIRE_BROWSER_TESTS=1 and {len(skipped_browser)} browser test(s) were skipped",
            red=True,
        )
        terminalreporter._session.exitstatus = 1


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe-core is injected as an inline script, which the site's CSP rightly forbids.
    return {**browser_context_args, "bypass_csp": True, "locale": "zh-CN"}


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in Chinese: a request to /en/… activates English for the thread."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home_page(db):
    """The public site's root page, as seed_demo makes it."""
    from cms.demo import ensure_home_page

    return ensure_home_page()
