import pytest
from django.core.cache import cache

from complaints.notifications import sms


@pytest.fixture(autouse=True)
def clean_outboxes():
    cache.clear()
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def aliyun_gateway(settings):
    """A local stub of Alibaba Cloud's SMS API, with the Aliyun backend pointed at it."""
    from . import aliyun_stub

    gateway, server = aliyun_stub.start()
    settings.SMS_BACKEND = "complaints.notifications.aliyun.AliyunSMSBackend"
    settings.ALIYUN_SMS_ACCESS_KEY_ID = aliyun_stub.KEY_ID
    settings.ALIYUN_SMS_ACCESS_KEY_SECRET = aliyun_stub.KEY_SECRET
    settings.ALIYUN_SMS_SIGN_NAME = aliyun_stub.SIGN_NAME
    settings.ALIYUN_SMS_ENDPOINT = gateway.url
    settings.SMS_TEMPLATES = dict(aliyun_stub.TEMPLATES)
    settings.SMS_TIMEOUT_SECONDS = 5
    yield gateway
    server.shutdown()
    server.server_close()
