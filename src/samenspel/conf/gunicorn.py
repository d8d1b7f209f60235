# SPDX-License-Identifier: EUPL-1.2
"""Gunicorn settings: ``gunicorn -c python:samenspel.conf.gunicorn samenspel.wsgi``.

Command-line options override these (``--bind``, ``--workers``).
"""

import os

bind = os.environ.get("SAMENSPEL_BIND", "127.0.0.1:8000")
# One worker per core; WEB_CONCURRENCY overrides.
workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)
# Both logs to the standard streams, for the process manager. The access log leaves out the
# client address: the reverse proxy logs it, and Samenspel keeps no more personal data than needed.
accesslog = "-"
errorlog = "-"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
# Load Samenspel once and fork the workers from it: quicker starts, less memory.
preload_app = True
