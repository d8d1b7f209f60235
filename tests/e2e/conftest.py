# SPDX-License-Identifier: EUPL-1.2
"""Browser tests: Playwright driving Debian's Chromium, with axe-core for WCAG 2.1 AA."""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from playwright.sync_api import Error as PlaywrightError

# The sync Playwright API keeps an asyncio loop in the test thread; Django's live server and
# the ORM calls in the tests need this in the test process only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--disable-gpu", "--disable-quic"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "viewport": {"width": 1280, "height": 800}}


class AxeChecker:
    """Runs axe on a page and remembers every violation, with the page it was found on."""

    def __init__(self) -> None:
        self.axe = Axe()
        self.violations: list[str] = []
        self.pages: list[str] = []

    def check(self, page) -> None:
        """Run axe once the page has settled.

        A click that navigates returns before the new document exists; axe started in that
        moment finds no document (or loses its context) and is run again on the new page.
        """
        for attempt in range(3):
            page.wait_for_load_state()
            try:
                results = self.axe.run(
                    page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}
                )
                break
            except PlaywrightError as error:
                navigating = "documentElement" in str(error) or "context was destroyed" in str(
                    error
                )
                if attempt == 2 or not navigating:
                    raise
        self.pages.append(page.url)
        if results.violations_count:
            self.violations.append(f"{page.url}\n{results.generate_report()}")


@pytest.fixture
def axe():
    return AxeChecker()


@pytest.fixture
def login_as(live_server, browser):
    """A new browser context logged in as ``user`` (session cookie from Django's test client)."""
    from django.test import Client

    contexts = []

    def make(user):
        client = Client()
        client.force_login(user)
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 800})
        context.add_cookies(
            [
                {
                    "name": django_settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
