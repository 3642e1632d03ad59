"""What citizens and partners send, over real HTTP: Open311 POSTs under load, the web wizard."""

import asyncio
import itertools
import json
import re
import threading
import time
from dataclasses import dataclass, field

import httpx

WIZARD = "/complaints/new/"


def open311_fields(api_key: str, n: int = 0) -> dict[str, str]:
    return {
        "api_key": api_key,
        "service_code": "trademark-infringement",
        "attribute[district]": "jiangan",
        "attribute[kind]": "complaint",
        "attribute[respondent_name]": "武汉某某贸易有限公司",
        "attribute[ip_right_number]": "12345678",
        "last_name": "张",
        "first_name": "三丰",
        "phone": "13812345678",
        "description": f"被投诉人在运动鞋上使用与我方注册商标近似的标志（第{n}件）。",
    }


def post_case(client: httpx.Client, api_key: str, key: str) -> httpx.Response:
    return client.post(
        "/open311/v2/requests.json",
        data=open311_fields(api_key),
        headers={"Idempotency-Key": key},
    )


def assert_open311_503(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text[:500]
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["Content-Type"].startswith("application/json")
    errors = json.loads(response.text)
    assert errors[0]["code"] == 503
    assert "暂时" in errors[0]["description"] and "temporarily" in errors[0]["description"]


def assert_bilingual_503_page(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text[:500]
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["Content-Type"].startswith("text/html")
    assert "no-cache" in response.headers.get("Cache-Control", "")
    html = response.text
    assert "服务暂时不可用" in html and "Service temporarily unavailable" in html
    assert "维权热线" in html or "hotline" in html.lower()  # the shared error template


@dataclass
class Attempt:
    key: str
    status: int | None
    at: float
    body: str
    retry_after: str | None


@dataclass
class LoadGenerator:
    """Open311 submissions from a few concurrent clients, in a thread, until stopped. Each
    request has its own Idempotency-Key, so a retry later can never file a second case."""

    base: str
    api_key: str
    concurrency: int = 3
    attempts: list[Attempt] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _numbers: itertools.count = field(default_factory=lambda: itertools.count(1))
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=90)
            assert not self._thread.is_alive(), "load generator did not stop"

    async def _main(self) -> None:
        async with httpx.AsyncClient(base_url=self.base, timeout=60) as client:
            await asyncio.gather(*(self._client(client) for _ in range(self.concurrency)))

    async def _client(self, client: httpx.AsyncClient) -> None:
        while not self._stop.is_set():
            n = next(self._numbers)
            key = f"load-{n}"
            try:
                response = await client.post(
                    "/open311/v2/requests.json",
                    data=open311_fields(self.api_key, n),
                    headers={"Idempotency-Key": key},
                )
                attempt = Attempt(
                    key,
                    response.status_code,
                    time.monotonic(),
                    response.text,
                    response.headers.get("Retry-After"),
                )
            except httpx.HTTPError as exc:
                attempt = Attempt(key, None, time.monotonic(), repr(exc), None)
            self.attempts.append(attempt)
            # A refused client backs off (a real one would honour Retry-After in full).
            await asyncio.sleep(0.02 if attempt.status == 201 else 0.3)

    def count(self, status: int, since: float = 0.0) -> int:
        return sum(1 for a in list(self.attempts) if a.status == status and a.at >= since)


def _post_step(client: httpx.Client, step: str, data: dict, files=None) -> None:
    response = client.post(
        f"{WIZARD}{step}/",
        data=data,
        files=files,
        headers={"X-CSRFToken": client.cookies["csrftoken"]},
    )
    assert response.status_code == 302, (step, response.status_code, response.text[:2000])


def walk_wizard_to_review(client: httpx.Client, info: dict, evidence: bytes | None = None) -> str:
    """Fill the wizard's four steps (with an evidence file); returns the review form's token."""
    first = client.get(f"{WIZARD}what/")
    assert first.status_code == 200 and "csrftoken" in client.cookies, first.text[:500]
    _post_step(
        client,
        "what",
        {
            "description": "网店卖假冒我公司商标的运动鞋",
            "kind": "complaint",
            "category": str(info["category"]),
            "district": str(info["district"]),
        },
    )
    _post_step(
        client,
        "who",
        {
            "complainant_name": "张三丰",
            "complainant_phone": "13812345678",
            "complainant_id_type": "resident_id",
            "complainant_id_number": "11010519491231002X",
            "complainant_address": "武汉市江岸区沿江大道1号",
        },
    )
    _post_step(
        client,
        "respondent",
        {
            "respondent_name": "武汉某某贸易有限公司",
            "respondent_address": "武汉市江岸区解放大道100号",
        },
    )
    files = [("evidence", ("发票.pdf", evidence, "application/pdf"))] if evidence else None
    _post_step(
        client,
        "details",
        {
            "facts": "被投诉人在运动鞋上使用与我方注册商标近似的标志，已购买样品。",
            "request": "请求责令停止侵权。",
            "ip_right_type": "trademark",
            "ip_right_number": "12345678",
        },
        files=files,
    )
    review = client.get(f"{WIZARD}review/")
    assert review.status_code == 200, review.text[:2000]
    tag = re.search(r'<input[^>]*name="form_token"[^>]*>', review.text).group(0)
    return re.search(r'value="([^"]+)"', tag).group(1)


def submit_review(client: httpx.Client, token: str) -> httpx.Response:
    return client.post(
        f"{WIZARD}review/",
        data={"consent": "on", "form_token": token, "nav": "submit"},
        headers={"X-CSRFToken": client.cookies["csrftoken"]},
    )


class RawWebSocket:
    """Just enough of a websocket client (RFC 6455) to read the dashboard's live feed."""

    def __init__(self, base: str, path: str, session_key: str, timeout: float = 15):
        import base64
        import os
        import socket
        from urllib.parse import urlsplit

        parts = urlsplit(base)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
        self.stream = self.sock.makefile("rb")
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                f"Sec-WebSocket-Version: 13\r\nOrigin: {base}\r\n"
                f"Cookie: sessionid={session_key}\r\n\r\n"
            ).encode()
        )
        self.status = int(self.stream.readline().split()[1])
        while self.stream.readline() not in (b"\r\n", b""):
            pass

    def receive_text(self, timeout: float = 15) -> str | None:
        """The next text message, or None when the server closes the connection."""
        self.sock.settimeout(timeout)
        while True:
            header = self.stream.read(2)
            if len(header) < 2:
                return None
            opcode, length = header[0] & 0x0F, header[1] & 0x7F
            if length == 126:
                length = int.from_bytes(self.stream.read(2), "big")
            elif length == 127:
                length = int.from_bytes(self.stream.read(8), "big")
            payload = self.stream.read(length)
            if opcode == 0x8:
                return None
            if opcode == 0x1:
                return payload.decode()

    def close(self) -> None:
        self.stream.close()
        self.sock.close()
