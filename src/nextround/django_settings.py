"""Django settings, derived from the typed :class:`nextround.config.Settings`."""

from __future__ import annotations

from typing import Any

import dj_database_url
import django_stubs_ext

from nextround.config import (
    LOGIN_FAILURE_LIMIT,
    LOGIN_PAUSE,
    TASK_QUEUES,
    keep_private,
    load_settings,
)

django_stubs_ext.monkeypatch()

# Before anything is created: the data folder, the secret key, SQLite's database and journals.
keep_private()
APP = load_settings()

SECRET_KEY = APP.secret_key
DEBUG = APP.debug
# The tests' "testserver" host comes from Django's test set-up, never from here.
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
if not APP.local_mode:
    ALLOWED_HOSTS.append(APP.host)
ALLOWED_HOSTS += APP.allowed_hosts
CSRF_TRUSTED_ORIGINS = list(APP.csrf_trusted_origins)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "nextround.core",
    "nextround.interviews",
    "nextround.prep",
    "nextround.stories",
    "nextround.research",
    "nextround.practice",
    "nextround.followup",
    "nextround.money",
    "nextround.rehearsal",
    "nextround.decision",
    "nextround.workspace",
    "nextround.brief",
    "nextround.coaching",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "nextround.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nextround.core.middleware.LocalUserMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "nextround.core.middleware.DomainErrorMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

# Wrong passwords are counted by django-axes, for the account and for the address, each on its
# own; the local account of local mode is signed in without a password and never counted.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = LOGIN_PAUSE
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # no record of every successful sign-in
AXES_LOCKOUT_CALLABLE = "nextround.core.views.locked_out"
# The address the connection came from; headers a client can write (X-Forwarded-For) are not
# trusted, or every wrong guess could claim a new address.
AXES_CLIENT_IP_CALLABLE = "nextround.core.views.client_address"

# Background work (nextround.core.tasks): the backend is a setting, so another one (RQ, Celery)
# is a matter of installing it and naming it; the default keeps the queue in the database.
TASKS = {"default": {"BACKEND": APP.task_backend, "QUEUES": list(TASK_QUEUES)}}

ROOT_URLCONF = "nextround.urls"
WSGI_APPLICATION = "nextround.wsgi.application"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nextround.core.context_processors.product",
                "nextround.coaching.context_processors.roles",
            ],
        },
    },
    {  # the partials drawn most often, from plain values (nextround.core.jinja)
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "nextround.core.jinja.environment"},
    },
]


# Django's backends, each with a compiler that keeps a SELECT's text per shape (core.db.kept).
_KEPT_ENGINES = {
    "django.db.backends.sqlite3": "nextround.core.db.sqlite3",
    "django.db.backends.postgresql": "nextround.core.db.postgresql",
}


def _databases() -> dict[str, Any]:
    if APP.database_url:
        db: dict[str, Any] = dict(dj_database_url.parse(APP.database_url, conn_max_age=60))
        db["ENGINE"] = _KEPT_ENGINES.get(db["ENGINE"], db["ENGINE"])
        db["TEST"] = {"NAME": f"test_{db['NAME']}"}
        return {"default": db}
    return {
        "default": {
            "ENGINE": _KEPT_ENGINES["django.db.backends.sqlite3"],
            "NAME": APP.data_dir / "nextround.sqlite3",
            "OPTIONS": {
                # WAL lets the page you are reading and a background write proceed together;
                # busy_timeout waits for a lock instead of failing at once; IMMEDIATE takes the
                # write lock at BEGIN so two writers queue rather than deadlock. Django turns
                # foreign keys on for every SQLite connection.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
            # Tests use a file too, not Django's shared in-memory database: its table locks fail
            # at once instead of waiting, which the background transcription worker would hit.
            "TEST": {"NAME": APP.data_dir / "test-nextround.sqlite3"},
        }
    }


DATABASES = _databases()

# Process memory: "fragments" holds partials by a digest of their content
# (nextround.core.fragments), so one process never needs to hear of another's edits.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Partials (core.fragments) and the coach's dashboard cards (one per candidate and coach):
    # the bound holds the cards of a few dozen coaches with forty candidates each.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    # Whole pages under their account's version stamp (core.pagecache): a round page is
    # about 100 kB, so the bound keeps a process under about 20 MB of them.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 200},
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = APP.time_zone
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
WHITENOISE_USE_FINDERS = True  # serve straight from the package; no collectstatic step
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# Sent on every response by core.middleware.ContentSecurityPolicyMiddleware: scripts, styles,
# images and requests from our own origin only, nothing inline.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
if APP.tls_proxy:
    # Behind a TLS proxy (docs/settings.md, "A shared server"): trust its X-Forwarded-Proto,
    # send cookies over HTTPS only, redirect plain HTTP and ask browsers to remember that.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    # Both would bind every site under the same domain to HTTPS for a year, or for good:
    # a choice for the domain's owner, made at the proxy, so their deploy warnings are off.
    SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Forms are drawn by Django's Jinja2 form renderer, with the templates every form here uses
# (the form, field, label, errors, inputs, text areas and selects) written out in Python
# (core/formrender.py): the same HTML from the same contexts. A page with a form per person or
# per item spent most of its time in the per-field template cascade: Django's own templates first
# (the research page: 28 of 31 ms with its ten person forms), their Jinja2 copies still a third.
FORM_RENDERER = "nextround.core.formrender.Renderer"
