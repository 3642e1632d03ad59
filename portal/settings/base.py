"""Settings shared by every environment. Everything that differs comes from the environment."""

import datetime
from pathlib import Path
from typing import Any

import dj_database_url

from .env import env_bool, env_json_object, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
# Earlier keys still accepted while rotating SECRET_KEY (docs/deployment.md): sessions, access
# codes and sealed Open311 codes made under them keep working; access codes are re-keyed on use.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")
# True only under portal.settings.production: seed_demo refuses to run there.
PRODUCTION_SETTINGS = False
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",
    "portal",
    "search",
    "complaints",
    "complaints.api.apps.Open311Config",
    "complaints.notifications.apps.NotificationsConfig",
    "complaints.mediation.apps.MediationConfig",
    "complaints.dashboard.apps.DashboardConfig",
    "inspections",
    "records",
    "cms",
    "credit",
    "citizens",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "crispy_forms",
    "crispy_bootstrap5",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "respondents",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.AdminAwareContentSecurityPolicyMiddleware",
    "portal.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a locked-out sign-in into the lock-out page
    "portal.page_cache.PageCacheMiddleware",  # last: serves anonymous Wagtail pages from cache
]

ROOT_URLCONF = "portal.urls"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.site_chrome",
            ],
        },
    },
]

# Database: SQLite file unless DATABASE_URL says otherwise.
# Under ASGI every sync view may run on a different thread, so persistent per-thread
# connections pile up (PostgreSQL ran out of its 100 under intake load): connections are
# per request, and on PostgreSQL they come from psycopg's pool (DB_POOL_MAX_SIZE per process).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DB_POOL", True):
    from psycopg_pool import ConnectionPool

    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": int(env_str("DB_POOL_MAX_SIZE", "10")),
        "timeout": 10,
        # A connection is checked as it leaves the pool (one round trip): after PostgreSQL
        # restarts, each worker's pooled connections are dead, and unchecked every one of them
        # failed a request with a 503 before the pool dropped it.
        "check": ConnectionPool.check_connection,
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the live server and a websocket consumer read while a submission writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and channel layer: local memory unless REDIS_URL is set.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES: dict[str, dict[str, Any]] = {
        "default": {
            # django-redis: with Redis down a read is a miss and a write is skipped, so pages
            # and intake keep working from the database (Wagtail's own cache calls included).
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "ipportal"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_URL],
                "prefix": env_str("CHANNELS_PREFIX", "ipportal"),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Page cache for anonymous visitors of the public Wagtail pages (portal/page_cache.py); 0 = off.
PAGE_CACHE_SECONDS = int(env_str("PAGE_CACHE_SECONDS", "300"))

# Search: database backend (jieba-segmented) unless ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
SEARCH_BACKEND = "elasticsearch" if ELASTICSEARCH_URL else "database"
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "ipportal")
SEARCH_CHINESE_ANALYZER = env_str("SEARCH_CHINESE_ANALYZER", "cjk")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Background work: immediate by default, a database queue with a worker when TASKS_BACKEND=db.
if env_str("TASKS_BACKEND") == "db":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# E-mail and SMS: console unless EMAIL_URL (smtp://, smtp+tls://, smtps://) is set.
EMAIL_URL = env_str("EMAIL_URL")
if EMAIL_URL:
    from urllib.parse import unquote, urlparse

    _mail = urlparse(EMAIL_URL)
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _mail.hostname or "localhost",
                "port": _mail.port or 25,
                "username": unquote(_mail.username or ""),
                "password": unquote(_mail.password or ""),
                "use_tls": _mail.scheme == "smtp+tls",
                "use_ssl": _mail.scheme == "smtps",
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@ipportal.wuhan.example")
SMS_BACKEND = env_str("SMS_BACKEND", "complaints.notifications.sms.ConsoleSMSBackend")
# The Alibaba Cloud gateway (SMS_BACKEND=complaints.notifications.aliyun.AliyunSMSBackend), see
# docs/deployment.md "SMS gateway". SMS_TEMPLATES maps each kind of message the portal sends
# (complaints/notifications/texts.py KINDS) to the provider's approved template code, e.g.
# {"confirmation": "SMS_123", "update": "SMS_124", "sign_in_code": "SMS_125"}.
ALIYUN_SMS_ACCESS_KEY_ID = env_str("ALIYUN_SMS_ACCESS_KEY_ID", "")
ALIYUN_SMS_ACCESS_KEY_SECRET = env_str("ALIYUN_SMS_ACCESS_KEY_SECRET", "")
ALIYUN_SMS_SIGN_NAME = env_str("ALIYUN_SMS_SIGN_NAME", "")
ALIYUN_SMS_ENDPOINT = env_str("ALIYUN_SMS_ENDPOINT", "https://dysmsapi.aliyuncs.com/")
ALIYUN_SMS_REGION = env_str("ALIYUN_SMS_REGION", "cn-hangzhou")
SMS_TEMPLATES = {str(kind): str(code) for kind, code in env_json_object("SMS_TEMPLATES").items()}
SMS_TIMEOUT_SECONDS = float(env_str("SMS_TIMEOUT_SECONDS", "10"))
# The secret path segment of the delivery-receipt URL the gateway pushes to
# (/notifications/sms/receipts/<token>/); unset, the endpoint answers 404.
SMS_RECEIPT_TOKEN = env_str("SMS_RECEIPT_TOKEN", "")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/admin/login/"

# Sign-in throttling for staff, editors and administrators (/dashboard/, /admin/ and
# /django-admin/ logins all call authenticate(request=…), which django-axes watches). A lock
# holds one username from one address only: an attacker elsewhere cannot lock a user out from
# everywhere. Attempts are kept in the database (Django admin → Axes); an administrator unlocks
# by deleting the access attempt there or with `manage.py axes_reset_username NAME`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Log lines name neither the account nor the address (both, with the agent, are in the admin),
# and no attacker-typed value can forge a line.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "user_agent"]
# The address is REMOTE_ADDR only, as for the citizens' rate limits (ratelimit.client_ip): a
# forwarded-for header is trivially spoofed; behind a proxy the ASGI server sets REMOTE_ADDR.
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
AXES_LOCKOUT_CALLABLE = "portal.views.login_locked_out"

# Language and time: Chinese by default, English available on every public page.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin's slug prefill keeps ASCII only; Chinese titles get pinyin slugs (cms.slugs).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Evidence is never served from a public URL; it lives outside MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 100
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

WAGTAIL_SITE_NAME = "武汉知识产权公共服务平台"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "txt"]
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True

# Content Security Policy: everything is served from this site; scripts need a nonce.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "connect-src": [CSP.SELF, "ws:", "wss:"],
    "font-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# The Wagtail admin starts its widgets with inline scripts that have no nonce, so its URLs
# (and only those) allow inline scripts; everything else is the public policy above.
ADMIN_CSP_PATH_PREFIXES = ("/admin/",)
ADMIN_SECURE_CSP = {**SECURE_CSP, "script-src": [CSP.SELF, CSP.UNSAFE_INLINE]}
# Nothing in the admin talks to third parties: no release check, no Gravatar (editors' e-mails).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Without its own handlers: Django's default one printed every django.* line twice
        # (once itself, once through the root logger).
        "django": {"handlers": [], "level": "INFO"},
        "django.request": {"level": "ERROR"},
        "daphne": {"level": "WARNING"},
        "jieba": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # Sign-in failures and lock-outs are warnings; successes and start-up lines stay quiet.
        "axes": {"level": "WARNING"},
    },
}
