# SPDX-License-Identifier: EUPL-1.2
"""Production: fails closed. Secrets and hosts from the environment, HTTPS only, behind a proxy.

Runs on PostgreSQL (``POSTGRES_DB`` and friends) or, for a small municipality, on the embedded
SQLite file (``SQLITE_PATH``). See docs/production.md for every variable.
"""

from django.core.exceptions import ImproperlyConfigured

from samenspel.conf.base import *  # noqa: F403
from samenspel.conf.base import DATABASES, MIDDLEWARE, SAMENSPEL_TRUSTED_PROXIES
from samenspel.conf.env import env_bool, env_int, env_list, env_str

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY to a random secret of at least 50 characters, for instance "
        'the output of: python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )

# Encrypts secrets at rest (TOTP) and keys the audit log's pseudonyms of erased people.
SAMENSPEL_ENCRYPTION_KEY = env_str("SAMENSPEL_ENCRYPTION_KEY")
if not SAMENSPEL_ENCRYPTION_KEY:
    raise ImproperlyConfigured(
        "Set SAMENSPEL_ENCRYPTION_KEY to a Fernet key, for instance the output of: python -c "
        '"from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "Set DJANGO_ALLOWED_HOSTS to the host names Samenspel answers to, separated by commas "
        "(for instance samenspel.gemeente.nl); '*' is not allowed."
    )

if env_bool("DJANGO_DEBUG"):
    raise ImproperlyConfigured(
        "DJANGO_DEBUG is on: debug pages show settings and personal data, so production "
        "settings refuse to start. Unset DJANGO_DEBUG, or use samenspel.conf.dev on your own "
        "machine."
    )
DEBUG = False

SITE_URL = env_str("SAMENSPEL_SITE_URL") or f"https://{ALLOWED_HOSTS[0]}"

# HTTPS only. The proxy in front terminates TLS and says so in X-Forwarded-Proto.
if SAMENSPEL_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
# Load balancers and monitoring probe the health endpoint over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/$"]
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"

DATABASES["default"]["CONN_MAX_AGE"] = env_int("SAMENSPEL_DB_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = 30

# Static files are served by the application itself (WhiteNoise), compressed and with hashed
# names, after `manage.py collectstatic` into STATIC_ROOT.
STATIC_ROOT = env_str("SAMENSPEL_STATIC_ROOT") or STATIC_ROOT  # noqa: F405
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_after_security],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_after_security:],
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Logs go to standard output; the process manager (systemd, a container runtime) keeps them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["stdout"], "level": env_str("SAMENSPEL_LOG_LEVEL", "INFO")},
}
