# SPDX-License-Identifier: EUPL-1.2
"""Settings shared by every environment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

from samenspel.conf.env import env_int, env_list, env_str

PKG_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PKG_DIR.parent.parent

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "samenspel.core",
    "samenspel.municipalities",
    "samenspel.people",
    "samenspel.trajectories",
    "samenspel.instruments",
    "samenspel.meetings",
    "samenspel.advice",
    "samenspel.home",
    "samenspel.api",
    "samenspel.reach",
    "samenspel.assemblies",
    "samenspel.budgeting",
    "samenspel.panel",
    "samenspel.learning",
    "samenspel.demo",
    "rest_framework",
    "drf_spectacular",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "samenspel.people.middleware.StaffTwoFactorMiddleware",
    "samenspel.core.http.LoginRequiredMiddleware",
    "samenspel.people.middleware.DeclarationMiddleware",
    "samenspel.core.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "samenspel.urls"
WSGI_APPLICATION = "samenspel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PKG_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samenspel.core.context_processors.samenspel",
            ],
        },
    },
]

if env_str("POSTGRES_DB"):
    DATABASES: dict[str, dict[str, Any]] = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": env_str("POSTGRES_DB"),
            "USER": env_str("POSTGRES_USER"),
            "PASSWORD": env_str("POSTGRES_PASSWORD"),
            "HOST": env_str("POSTGRES_HOST"),
            "PORT": env_str("POSTGRES_PORT"),
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            # Concurrent requests on the embedded default: readers never wait for the writer
            # (WAL), and a transaction takes the write lock when it begins (IMMEDIATE), so two
            # that read and then write queue up on the busy timeout instead of one failing with
            # "database is locked" when it upgrades its lock.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PKG_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"

STATIC_URL = "static/"
STATICFILES_DIRS = [PKG_DIR / "static"]
STATIC_ROOT: str | Path = BASE_DIR / "staticfiles"
# Uploaded files (a municipality's logo and favicon); the application serves them itself.
MEDIA_ROOT = Path(env_str("SAMENSPEL_MEDIA_ROOT") or BASE_DIR / "media")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The task worker (`manage.py run_worker`) records a heartbeat this often; the health endpoint
# reports it dead when the last one is older than the maximum age (seconds).
SAMENSPEL_WORKER_HEARTBEAT_INTERVAL = env_int("SAMENSPEL_WORKER_HEARTBEAT_INTERVAL", 10)
SAMENSPEL_WORKER_HEARTBEAT_MAX_AGE = env_int("SAMENSPEL_WORKER_HEARTBEAT_MAX_AGE", 60)

# One cache shared by every process (web workers, task worker), so rate limits hold across
# workers and restarts: a table in the database (`manage.py createcachetable`), or Redis.
if env_str("SAMENSPEL_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("SAMENSPEL_REDIS_URL"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "samenspel_cache",
        }
    }

FORM_RENDERER = "samenspel.core.forms.Renderer"

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "samenspel.core.passwords.UserAttributeSimilarityValidator"},
    {
        "NAME": "samenspel.core.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# Every role lands on its own home, “Mijn Samenspel”.
LOGIN_REDIRECT_URL = "home:mijn"
LOGOUT_REDIRECT_URL = "trajectories:home"

# django-allauth: e-mail login, one-time login codes for residents, TOTP for staff, rate limits.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# Anyone can sign up; the e-mail address is confirmed before the first login, and confirming it
# logs in and continues to the page the person came for.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_ADAPTER = "samenspel.people.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "samenspel.people.forms.SignupForm"}
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGOUT_ON_GET = False
# Failed logins are limited per account (key) and, more loosely, per client address: a town
# hall behind one address must not lock itself out. The address is the proxy's client address.
ACCOUNT_RATE_LIMITS = {"login_failed": "20/5m/ip,5/5m/key", "login": "30/m/ip"}
# Samenspel runs behind one reverse proxy by default: the client address is the last entry of
# X-Forwarded-For. Set the number of proxies you run (0 when clients connect directly).
SAMENSPEL_TRUSTED_PROXIES = env_int("SAMENSPEL_TRUSTED_PROXIES", 1)
ALLAUTH_TRUSTED_PROXY_COUNT = SAMENSPEL_TRUSTED_PROXIES
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Samenspel"
# TOTP secrets and recovery-code seeds are stored encrypted with SAMENSPEL_ENCRYPTION_KEY.
MFA_ADAPTER = "samenspel.people.mfa.EncryptingMFAAdapter"
SOCIALACCOUNT_ONLY = False
# The route to a DigiD/eHerkenning broker: configure an OpenID Connect app per environment.
SOCIALACCOUNT_PROVIDERS: dict[str, dict[str, list[dict[str, str]]]] = {
    "openid_connect": {"APPS": []}
}

# New input per person per hour, through the site (counted in the shared cache).
SAMENSPEL_INPUT_PER_HOUR = env_int("SAMENSPEL_INPUT_PER_HOUR", 10)

# Every role that sees non-public data (council, clerk, college, officials, province staff) and
# platform admins need TOTP.
SAMENSPEL_REQUIRE_STAFF_MFA = True

# Fernet key(s), comma-separated, the first one current: encrypts secrets at rest (TOTP) and
# keys the pseudonyms that replace an erased person in the audit log. The default is public and
# only for development and tests; production requires its own key.
SAMENSPEL_ENCRYPTION_KEY = env_str(
    "SAMENSPEL_ENCRYPTION_KEY", "c2FtZW5zcGVsLWRldi1hbmQtdGVzdC1vbmx5LWtleSE="
)

SITE_URL = env_str("SAMENSPEL_SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Samenspel <noreply@samenspel.localhost>")

# A conservative Content-Security-Policy: no inline scripts, everything from this origin.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "object-src 'none'"
)

# The public API (/api/v1/, samenspel.api): Django REST framework, its OpenAPI document by
# drf-spectacular. Anonymous clients read; municipal systems write with an API key.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "EXCEPTION_HANDLER": "samenspel.api.problems.exception_handler",
    "NUM_PROXIES": SAMENSPEL_TRUSTED_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samenspel API",
    "DESCRIPTION": (
        "Public data of Samenspel (municipalities, public trajectories, input and its answers, "
        "meetings) by the NL API Design Rules; municipal systems write with an API key."
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.0.3",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "samenspel.api.problems.document_problems",
    ],
    "LICENSE": {
        "name": "EUPL-1.2",
        "url": "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12",
    },
    "CONTACT": {"name": "Samenspel"},
}
# Requests per minute: anonymous readers per client address, and per API key.
SAMENSPEL_API_RATES = {
    "read": env_int("SAMENSPEL_API_READ_PER_MINUTE", 120),
    "key": env_int("SAMENSPEL_API_KEY_PER_MINUTE", 60),
}
