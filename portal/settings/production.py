"""Production: refuses to start without its secrets; passes `check --deploy` cleanly."""

from .base import *  # noqa: F403
from .env import env_bool, env_list, env_required, env_str

ALIYUN_SMS_BACKEND = "complaints.notifications.aliyun.AliyunSMSBackend"

SECRET_KEY = env_required("DJANGO_SECRET_KEY")
PRODUCTION_SETTINGS = True
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    env_required("DJANGO_ALLOWED_HOSTS")
DEBUG = env_bool("DJANGO_DEBUG", False)
# Citizens get their access codes by e-mail: production must have a real mailer.
env_required("EMAIL_URL")
# A real SMS gateway: its credentials, sign name, a template for every kind of message and the
# receipt token, or no start at all (a message without its template would never be sent).
if SMS_BACKEND == ALIYUN_SMS_BACKEND:  # noqa: F405
    from django.core.exceptions import ImproperlyConfigured

    from complaints.notifications.texts import KINDS as _SMS_KINDS

    env_required("ALIYUN_SMS_ACCESS_KEY_ID")
    env_required("ALIYUN_SMS_ACCESS_KEY_SECRET")
    env_required("ALIYUN_SMS_SIGN_NAME")
    env_required("SMS_RECEIPT_TOKEN")
    _missing = sorted(set(_SMS_KINDS) - set(SMS_TEMPLATES))  # noqa: F405
    if _missing:
        raise ImproperlyConfigured(
            f"Environment variable SMS_TEMPLATES lacks a template code for: {', '.join(_missing)}."
        )

# Old browsers get DENY; modern ones obey CSP frame-ancestors 'self' instead, which keeps
# Wagtail's same-origin preview panel working.
X_FRAME_OPTIONS = "DENY"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env_str("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
    },
}
