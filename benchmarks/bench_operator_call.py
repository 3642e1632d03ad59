"""How long a hotline operator's form work takes for a typical call, keyboard only.

A real browser (Debian's chromium through Playwright) signs in as a hotline operator on the
production server (uvicorn with workers), opens /dashboard/calls/new/ and types a typical
trademark complaint at a fixed human speed, moving only with Tab, arrow keys, Space and
Ctrl+Enter. The clock runs from the moment the page is ready (focus on the first field) until
the receipt with the tracking number and access code is on screen. Target: under 90 seconds.

Human speed (documented, fixed): one keystroke every KEYSTROKE_MS = 200 ms (60 words per minute
at 5 keystrokes a word, an ordinary trained typist), and a Chinese character costs
HANZI_KEYSTROKES = 3 keystrokes (pinyin with the input method's phrase completion: about 2.5
letters and a selection per character). Tab, arrows and Space count as one keystroke each. No
thinking time is added: the figure is the form work only, listening to the caller is not in it.

    .venv/bin/python -m benchmarks.bench_operator_call [--keystroke-ms 200] [--headed]

Uses DATABASE_URL / REDIS_URL when set (SQLite and local memory otherwise); it migrates nothing:
run `manage.py migrate` first. It makes sure the reference data and a bench operator exist.
"""

import argparse
import os
import shutil
import time

from benchmarks.common import load_average, production_server, report

KEYSTROKE_MS = 200
HANZI_KEYSTROKES = 3
OPERATOR = ("bench_operator", "bench-operator-2026")
SETTINGS = "benchmarks.settings"

# A typical call to 12315: a shop in 武昌区 sells shoes with the caller's registered trademark.
CALL = {
    "hotline": "12315",
    "complainant_name": "张三丰",
    "complainant_phone": "13812345678",
    "complainant_address": "武汉市武昌区中北路1号",
    "category": "trademark-infringement",
    "district": "wuchang",
    "respondent_name": "武汉某某体育用品商行",
    "respondent_address": "武汉市武昌区解放路200号",
    "facts": "该商行在店内销售标有我公司注册商标的运动鞋，我公司从未授权，鞋底做工明显不同，"
    "我上周六已购买一双并保留了发票。",
    "request": "请求查处并责令停止销售。",
    "ip_right_type": "trademark",
    "ip_right_number": "12345678",
}


def _strokes(char: str) -> int:
    """A Chinese character through pinyin: HANZI_KEYSTROKES; anything else (letters, digits,
    full-width punctuation, one key each on a Chinese keyboard layout): 1."""
    return HANZI_KEYSTROKES if "\u3400" <= char <= "\u9fff" else 1


class Typist:
    """Keyboard only, at a fixed speed; counts keystrokes."""

    def __init__(self, page, keystroke_ms: int):
        self.page, self.delay, self.keystrokes = page, keystroke_ms, 0

    def _wait(self, strokes: int) -> None:
        self.keystrokes += strokes
        if self.delay:
            self.page.wait_for_timeout(strokes * self.delay)

    def press(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            self.page.keyboard.press(key)
            self._wait(1)

    def type(self, text: str) -> None:
        for char in text:
            self.page.keyboard.type(char)
            self._wait(_strokes(char))

    def choose(self, select_id: str, value: str) -> None:
        """A closed <select>: ArrowDown to the option, as an operator who knows the list."""
        index = self.page.eval_on_selector(
            f"#{select_id}",
            "(el, v) => Array.from(el.options).findIndex(o => o.value === v)",
            value,
        )
        current = self.page.eval_on_selector(f"#{select_id}", "el => el.selectedIndex")
        self.press("ArrowDown" if index >= current else "ArrowUp", abs(index - current))


def type_call(page, keystroke_ms: int = KEYSTROKE_MS, call: dict | None = None) -> Typist:
    """Fill and save the call page from its first field, keyboard only. `call` must give the
    option values of the category and district (`category_value`, `district_value`: database
    keys, see prepare())."""
    call = {**CALL, **(call or {})}
    typist = Typist(page, keystroke_ms)
    typist.type(call["hotline"])  # the select's type-ahead: "12315 …"
    typist.press("Tab")  # kind: 投诉 is preselected
    typist.press("Tab")  # consent: no default; the first choice is 同意
    typist.press("Space")
    typist.press("Tab")  # the anonymous box is disabled for a complaint: on to the name
    typist.type(call["complainant_name"])
    typist.press("Tab")
    typist.type(call["complainant_phone"])
    typist.press("Tab")
    typist.type(call["complainant_address"])
    typist.press("Tab", 4)  # ID type, ID number, e-mail: not given; on to the category
    typist.choose("id_category", call["category_value"])
    typist.press("Tab")
    typist.choose("id_district", call["district_value"])
    typist.press("Tab", 3)  # online, cross-district: no; on to the respondent
    typist.type(call["respondent_name"])
    typist.press("Tab", 2)  # credit code unknown
    typist.type(call["respondent_address"])
    typist.press("Tab", 4)  # shop name, URL, platform: not an online case
    typist.type(call["facts"])
    typist.press("Tab")
    typist.type(call["request"])
    typist.press("Tab")
    typist.choose("id_ip_right_type", call["ip_right_type"])
    typist.press("Tab")
    typist.type(call["ip_right_number"])
    typist.press("Control+Enter")
    return typist


def prepare(username: str, password: str) -> dict:
    """Reference data and the bench operator (idempotent); the select values of the call."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from complaints.demo import seed_reference_data
    from complaints.models import Category, District
    from complaints.services.phone_intake import ensure_operator_group

    seed_reference_data()
    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": "压测接线员"}
    )
    user.set_password(password)
    user.save()
    user.groups.add(ensure_operator_group())
    return {
        "category_value": str(Category.objects.get(code=CALL["category"]).pk),
        "district_value": str(District.objects.get(code=CALL["district"]).pk),
    }


def sign_in(page, base: str, username: str, password: str, next_path: str) -> None:
    page.goto(f"{base}/dashboard/login/?next={next_path}")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"**{next_path}")


def server(settings: str):
    """The production server with the static files (benchmarks/operator_call_asgi.py)."""
    return production_server(settings, timeout=60, app="benchmarks.operator_call_asgi:application")


def chromium() -> str:
    for path in ("/usr/lib/chromium/chromium", "/usr/bin/chromium"):
        if os.path.exists(path):
            return path
    found = shutil.which("chromium")
    if not found:
        raise SystemExit("chromium is not installed (apt-get install chromium fonts-wqy-microhei)")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keystroke-ms", type=int, default=KEYSTROKE_MS)
    parser.add_argument("--headed", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    values = prepare(*OPERATOR)

    from playwright.sync_api import sync_playwright

    with server(SETTINGS) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium(),
            headless=not args.headed,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_context(
            locale="zh-CN", viewport={"width": 1366, "height": 900}
        ).new_page()
        sign_in(page, base, *OPERATOR, "/dashboard/calls/new/")
        page.wait_for_function(
            "document.activeElement && document.activeElement.id === 'id_hotline'"
        )
        page.wait_for_function("document.getElementById('id_is_anonymous').disabled")
        started = time.perf_counter()
        typist = type_call(page, args.keystroke_ms, values)
        page.get_by_test_id("access-code").wait_for(timeout=60_000)
        seconds = time.perf_counter() - started
        tracking = page.get_by_test_id("tracking-number").inner_text()
        browser.close()
    typing = typist.keystrokes * args.keystroke_ms / 1000
    figures = {
        "seconds": round(seconds, 1),
        "target_seconds": 90,
        "meets_target": seconds < 90,
        "keystrokes": typist.keystrokes,
        "keystroke_ms": args.keystroke_ms,
        "hanzi_keystrokes": HANZI_KEYSTROKES,
        "typing_seconds": round(typing, 1),
        "page_and_server_seconds": round(seconds - typing, 1),
        "tracking_number": tracking,
        "load_average": load_average(),
    }
    print(f"operator call: {seconds:.1f} s of form work (target < 90 s)")
    report("operator_call", figures)


if __name__ == "__main__":
    main()
