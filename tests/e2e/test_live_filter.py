# SPDX-License-Identifier: EUPL-1.2
"""The trajectory list filters as you type (htmx), and works without JavaScript too."""

import pytest
from playwright.sync_api import expect

from samenspel.testing import make_gemeente, make_traject

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_list_filters_while_typing(live_server, page, axe):
    gemeente = make_gemeente("Amersfoort")
    make_traject(gemeente, title="G1000 Amersfoort")
    make_traject(gemeente, title="Gelote burgerraad")
    page.goto(f"{live_server.url}/gemeenten/{gemeente.slug}/")
    cards = page.locator("#resultaten .samenspel-card")
    expect(cards).to_have_count(2)
    page.fill("#f-q", "burgerraad")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Gelote burgerraad")
    assert "q=burgerraad" in page.url
    axe.check(page)
    assert not axe.violations, "\n\n".join(axe.violations)


def test_list_filters_without_javascript(live_server, browser):
    gemeente = make_gemeente("Lochem")
    make_traject(gemeente, title="Iedere casus op de participatieladder", domein="bestuurlijk")
    make_traject(gemeente, title="Dorpsplatform", domein="sociaal")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/gemeenten/{gemeente.slug}/")
    page.select_option("#f-domein", "sociaal")
    page.click("form[role=search] button[type=submit]")
    expect(page.locator("#resultaten .samenspel-card")).to_have_count(1)
    context.close()
