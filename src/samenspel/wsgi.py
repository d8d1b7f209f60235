# SPDX-License-Identifier: EUPL-1.2
"""WSGI entry point (gunicorn); production settings unless DJANGO_SETTINGS_MODULE says otherwise."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenspel.conf.production")
application = get_wsgi_application()
