"""/ws/dashboard/: signed-in staff only, one group per bureau, no personal data in events."""

import os

import pytest
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from portal.asgi import application
from tests.factories.complaints import UserFactory, file_complaint

from .conftest import run_async

pytestmark = pytest.mark.django_db(transaction=True)

LAYERS = ["memory"] + (["redis"] if os.environ.get("REDIS_URL") else [])


@pytest.fixture(params=LAYERS)
def layer(request, settings):
    if request.param == "redis":
        settings.CHANNEL_LAYERS = {
            "default": {
                "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
                "CONFIG": {"hosts": [os.environ["REDIS_URL"]], "prefix": f"wstest{os.getpid()}"},
            }
        }
    else:
        settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    channel_layers.backends.clear()
    yield request.param
    channel_layers.backends.clear()


def _headers(user=None):
    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
        headers.append((b"cookie", cookie.encode()))
    return headers


def _connect(headers):
    return WebsocketCommunicator(application, "/ws/dashboard/", headers=headers)


def test_anonymous_and_non_staff_are_refused(layer, reference_data):
    citizen = UserFactory(username="citizen")

    async def body():
        results = []
        for headers in (_headers(), _headers(citizen)):
            communicator = _connect(headers)
            connected, _code = await communicator.connect()
            results.append(connected)
            await communicator.disconnect()
        return results

    assert run_async(body) == [False, False]


def test_staff_get_their_bureaus_events_only(layer, handler_a, handler_b):
    from asgiref.sync import sync_to_async

    async def body():
        own = _connect(_headers(handler_a))
        other = _connect(_headers(handler_b))
        assert (await own.connect())[0] and (await other.connect())[0]
        case = (await sync_to_async(file_complaint)()).complaint
        event = await own.receive_json_from(timeout=5)
        nothing = await other.receive_nothing(timeout=0.5)
        await own.disconnect()
        await other.disconnect()
        return case, event, nothing

    case, event, nothing = run_async(body)
    assert event["id"] == case.pk and event["created"] is True
    assert event["tracking_number"] == case.tracking_number and event["status"] == "submitted"
    assert nothing, "a handler of bureau B received bureau A's case"
    text = str(event)
    for personal in ("张三丰", "13812345678", "11010519491231002X", "沿江大道"):
        assert personal not in text
