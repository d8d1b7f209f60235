# SPDX-License-Identifier: EUPL-1.2
"""The demo crawled as every kind of visitor: every page a link leads to answers without a server
error, has one main heading, and shows no template syntax, unfilled placeholder or Python's
``None`` to a person."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a [^>]*href="([^"#]*)')
SKIP = ("/admin/", "/static/", "/media/", "/i18n/", "/accounts/logout/")
#: Distinct paths visited per visitor: enough to reach every kind of page of the demo.
LIMIT = 200
VISITORS = [
    None,
    "beheerder@samenspel.demo",
    "inwoner@zeist.demo",
    "ondernemer@zeist.demo",
    "raadslid@zeist.demo",
    "griffier@zeist.demo",
    "wethouder@zeist.demo",
    "ambtenaar@zeist.demo",
    "ambtenaar@heusden.demo",
    "provincie@utrecht.demo",
    "ambtenaar@amersfoort.demo",
]
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def _crawl(client) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    seen: set[str] = set()
    queue: deque[str] = deque(["/", "/mijn/"])
    while queue and len(seen) < LIMIT:
        url = queue.popleft()
        path = urlsplit(url).path
        if path in seen or path.startswith(SKIP):
            continue
        seen.add(path)
        response = client.get(url)
        found = []
        if response.status_code >= 500:
            found.append(f"status {response.status_code}")
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            html = response.content.decode()
            if html.count("<h1") != 1:
                found.append(f"{html.count('<h1')} main headings")
            text = _visible_text(html)
            if re.search(r"\{\{|\{%|\bNone\b|%\(\w+\)", text):
                found.append("template syntax, a placeholder or None in the text")
            for href in LINK.findall(html):
                target = urljoin(url, href.replace("&amp;", "&"))
                if urlsplit(target).netloc in ("", "testserver") and target.startswith(
                    ("/", "http://testserver")
                ):
                    queue.append(urlsplit(target)._replace(scheme="", netloc="").geturl())
        if found:
            problems[url] = found
    return problems


def test_every_page_of_the_demo_answers_every_visitor(client):
    call_command("load_demo", verbosity=0)
    users = get_user_model().objects
    for user in users.all():
        TOTP.activate(user, SECRET)  # staff pass the two-factor set-up, as after enrolment
    problems = {}
    for email in VISITORS:
        client.logout()
        if email is not None:
            client.force_login(users.get(email=email))
        problems[email or "anonymous"] = _crawl(client)
    assert problems == {visitor: {} for visitor in problems}
