import asyncio
import threading

import pytest
from django.test import Client

from complaints.models import Bureau, Role
from tests.factories.complaints import file_complaint, staff_member


@pytest.fixture
def bureau_a(reference_data):
    """Where a trademark case in 江岸区 goes (the factories' default case)."""
    return Bureau.objects.get(code="jiangan-amr")


@pytest.fixture
def bureau_b(reference_data):
    """Where patent disputes go."""
    return Bureau.objects.get(code="wh-ipo")


@pytest.fixture
def handler_a(bureau_a):
    return staff_member(bureau_a, Role.HANDLER, username="handler_a", email="a@example.cn")


@pytest.fixture
def supervisor_a(bureau_a):
    return staff_member(bureau_a, Role.SUPERVISOR, username="supervisor_a")


@pytest.fixture
def handler_b(bureau_b):
    return staff_member(bureau_b, Role.HANDLER, username="handler_b")


@pytest.fixture
def case_a(bureau_a):
    case = file_complaint().complaint
    assert case.bureau_id == bureau_a.pk
    return case


@pytest.fixture
def case_b(bureau_b):
    case = file_complaint("patent-dispute", ip_right_type="patent").complaint
    assert case.bureau_id == bureau_b.pk
    return case


@pytest.fixture
def login():
    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


def run_async(coroutine_function, *args):
    """Run an async test body on its own loop in a fresh thread (safe after Playwright)."""
    outcome = {}

    def target():
        try:
            outcome["value"] = asyncio.run(coroutine_function(*args))
        except BaseException as exc:  # re-raised in the test thread
            outcome["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(30)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")
