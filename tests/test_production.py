# SPDX-License-Identifier: EUPL-1.2
"""Production: the settings fail closed, and Samenspel runs under gunicorn with a task worker.

The gunicorn test uses the database of the test run: on SQLite a copy of the test database in
a file (the embedded default), on PostgreSQL the test database itself (bin/test's cluster).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import socketserver
import sqlite3
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

HOST = "samenspel.example.nl"
SECRET = "test-only-production-secret-" + "0123456789abcdef" * 3
ENCRYPTION_KEY = "c2FtZW5zcGVsLXByb2R1Y3Rpb24tdGVzdC1rZXkhISE="  # a Fernet key, for tests only
PROXIED = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}


def production_env(**variables: str | None) -> dict[str, str]:
    """This process's environment without any Samenspel or Django configuration, plus
    ``variables`` (None removes one) on top of a valid production configuration."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SAMENSPEL_", "POSTGRES_", "SQLITE_", "EMAIL_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="samenspel.conf.production",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS=HOST,
        SAMENSPEL_ENCRYPTION_KEY=ENCRYPTION_KEY,
    )
    for key, value in variables.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("variables", "named"),
    [
        ({"DJANGO_SECRET_KEY": None}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "too-short"}, "DJANGO_SECRET_KEY"),
        ({"SAMENSPEL_ENCRYPTION_KEY": None}, "SAMENSPEL_ENCRYPTION_KEY"),
        ({"DJANGO_ALLOWED_HOSTS": None}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_ALLOWED_HOSTS": "*"}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_DEBUG": "true"}, "DJANGO_DEBUG"),
    ],
)
def test_production_settings_refuse_to_start(variables, named):
    result = run_python("import django; django.setup()", production_env(**variables))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr.splitlines()[-1]


def test_asgi_defaults_to_production_settings_that_pass_check_deploy(tmp_path):
    env = production_env(SQLITE_PATH=str(tmp_path / "db.sqlite3"), DJANGO_SETTINGS_MODULE=None)
    code = (
        "import samenspel.asgi; from django.conf import settings; "
        "from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING'); "
        "print(settings.SETTINGS_MODULE)"
    )
    result = run_python(code, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "samenspel.conf.production"


def test_health_endpoint_reports_a_database_that_does_not_answer(tmp_path):
    env = production_env(SQLITE_PATH=str(tmp_path / "missing" / "db.sqlite3"))
    code = (
        "import django; django.setup(); from django.test import Client; "
        f"r = Client().get('/gezondheid/', HTTP_HOST='{HOST}'); "
        "print(r.status_code, r.content.decode())"
    )
    result = run_python(code, env)
    status, body = result.stdout.splitlines()[-1].split(" ", 1)
    assert status == "503"
    assert json.loads(body) == {
        "status": "fail",
        "database": "fail",
        "cache": "fail",
        "worker": "unknown",
    }


class SmtpSink(socketserver.ThreadingTCPServer):
    """A minimal SMTP server that keeps every message it receives."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), SmtpSession)
        self.messages: list[str] = []


class SmtpSession(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.reply("220 sink")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"DATA":
                self.reply("354 end with a dot")
                data = []
                while (part := self.rfile.readline()) not in (b".\r\n", b""):
                    data.append(part)
                self.server.messages.append(b"".join(data).decode())
                self.reply("250 kept")
            elif verb == b"QUIT":
                self.reply("221 bye")
                return
            else:  # EHLO, HELO, MAIL, RCPT, RSET, NOOP
                self.reply("250 ok")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Site:
    """HTTP to a server on this machine as the reverse proxy would send it, with cookies."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, headers=None, body: str | None = None):
        headers = {"Host": HOST, "Accept-Language": "nl", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, content

    def get(self, path: str, headers=None):
        return self.request("GET", path, headers)

    def post_form(self, path: str, data: dict[str, str], headers=None):
        page = self.get(path, headers)[2].decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urlencode({"csrfmiddlewaretoken": token, **data})
        extra = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}{path}",
        }
        return self.request("POST", path, {**(headers or {}), **extra}, form)


def wait_for(condition, what: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def answers(site: Site):
    try:
        return site.get("/gezondheid/")
    except OSError:
        return None


class Processes:
    """Child processes with their output in files, stopped at the end of the test."""

    def __init__(self, directory) -> None:
        self.directory = directory
        self.running: list[subprocess.Popen] = []

    def start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = open(self.directory / f"{name}.log", "w")  # noqa: SIM115 (closed in stop)
        process = subprocess.Popen(
            [sys.executable, *args],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        process.log = log
        self.running.append(process)
        return process

    def stop(self, process: subprocess.Popen) -> None:
        process.send_signal(signal.SIGINT)  # gunicorn and the task worker stop at once
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.log.close()
        self.running.remove(process)

    def stop_all(self) -> None:
        for process in list(self.running):
            self.stop(process)

    def output(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text()}" for path in self.directory.glob("*.log")
        )


def database_env(tmp_path) -> dict[str, str]:
    """The test run's database for the production processes: on PostgreSQL the test database
    itself, on SQLite a copy of the (in-memory) test database in a file."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        return {
            "POSTGRES_DB": db["NAME"],
            "POSTGRES_USER": db["USER"] or "",
            "POSTGRES_PASSWORD": db["PASSWORD"] or "",
            "POSTGRES_HOST": db["HOST"] or "",
            "POSTGRES_PORT": str(db["PORT"] or ""),
        }
    path = tmp_path / "samenspel.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    copy.close()
    return {"SQLITE_PATH": str(path)}


# The deploy steps of docs/production.md, then a notification whose e-mail waits in the queue.
DEPLOY = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("createcachetable", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
from django.contrib.auth import get_user_model
from samenspel.core.services import notify
resident = get_user_model().objects.create_user("inwoner@example.org", "een-lang-wachtwoord")
notify([resident], subject="Uw inbreng", body="Dank voor uw inbreng.", url="/")
"""


def failed_login(site: Site, n: int):
    return site.post_form(
        "/accounts/login/",
        {"login": "iemand@example.org", "password": "niet-het-wachtwoord"},
        {**PROXIED, "X-Forwarded-For": f"198.51.100.{n}"},
    )[2].decode()


def worker_processes(master: subprocess.Popen) -> set[int]:
    """The live child processes of a gunicorn master (Linux: from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, parent = stat.read_text().rsplit(")", 1)[1].split()[:2]
        except (OSError, ValueError):
            continue  # ended while we looked
        if int(parent) == master.pid and state != "Z":
            found.add(int(stat.parent.name))
    return found


@pytest.mark.django_db(transaction=True)
def test_production_under_gunicorn_with_a_worker(tmp_path):
    sink = SmtpSink()
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    env = production_env(
        **database_env(tmp_path),
        SAMENSPEL_STATIC_ROOT=str(tmp_path / "static"),
        SAMENSPEL_WORKER_HEARTBEAT_INTERVAL="1",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(sink.server_address[1]),
    )
    processes = Processes(tmp_path)
    site = Site(free_port())
    try:
        processes.start("worker", ["manage.py", "run_worker", "--interval", "0.2"], env)
        deployed = run_python(DEPLOY, env)
        assert deployed.returncode == 0, deployed.stdout + deployed.stderr
        # gunicorn finds the production settings through samenspel.wsgi's default.
        web = processes.start(
            "gunicorn",
            ["-m", "gunicorn", "-c", "python:samenspel.conf.gunicorn", "samenspel.wsgi"]
            + ["--bind", f"127.0.0.1:{site.port}", "--workers", "2"],
            production_env(**{**env, "DJANGO_SETTINGS_MODULE": None}),
        )
        wait_for(lambda: answers(site), "gunicorn")

        status, headers, _ = site.get("/")
        assert status == 301
        assert headers["Location"] == f"https://{HOST}/"
        status, headers, page = site.get("/", PROXIED)
        assert status == 200
        assert "Strict-Transport-Security" in headers
        stylesheet = re.search(r'<link rel="stylesheet" href="(/static/[^"]+)"', page.decode())
        status, headers, content = site.get(stylesheet.group(1), PROXIED)
        assert status == 200 and content
        assert "immutable" in headers["Cache-Control"]  # WhiteNoise, a hashed name

        # Finding 3: failed logins count in the shared cache, so the limit holds when every
        # web worker process is replaced by a new one (gunicorn's reload, or a restart).
        for n in range(5):
            assert "Te veel inlogpogingen" not in failed_login(site, n)
        before = worker_processes(web)
        web.send_signal(signal.SIGHUP)
        wait_for(
            lambda: len(now := worker_processes(web)) == 2 and not now & before,
            "new web worker processes",
        )
        assert "Te veel inlogpogingen" in failed_login(site, 99)

        # The worker sent the queued e-mail, and its heartbeat makes the installation healthy.
        wait_for(lambda: sink.messages, "the e-mail sent by the worker")
        assert "Subject: Uw inbreng" in sink.messages[0]
        status, _, body = wait_for(
            lambda: (reply := site.get("/gezondheid/"))[0] == 200 and reply, "a healthy worker"
        )
        assert json.loads(body) == {"status": "ok", "database": "ok", "cache": "ok", "worker": "ok"}
        processes.stop_all()
        # Both log to the standard streams: gunicorn's access log, Django's log (LOGGING).
        assert '"GET /gezondheid/ HTTP/1.1" 200' in (tmp_path / "gunicorn.log").read_text()
        log = (tmp_path / "worker.log").read_text()
        assert re.search(r"INFO django_tasks Task .*send_notification_email.*SUCCESSFUL", log)
    except BaseException:
        processes.stop_all()
        print(processes.output())
        raise
    finally:
        sink.shutdown()
        sink.server_close()
        cache.clear()
