# SPDX-License-Identifier: EUPL-1.2
"""Open data: a municipality's public trajectories as CSV, the same ones the API lists."""

import csv
import io

import pytest
from django.urls import reverse

from samenspel.testing import make_gemeente, make_traject
from samenspel.trajectories.services import submit_inbreng

pytestmark = pytest.mark.django_db


def _rows(client, gemeente) -> list[dict]:
    response = client.get(reverse("apikeys:trajecten_csv", args=[gemeente.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_csv_lists_the_public_trajectories_with_figures_only(client, demo):
    gemeente = demo["gemeente"]
    rows = _rows(client, gemeente)
    api = client.get("/api/v1/trajecten", {"gemeente": gemeente.slug}).json()["results"]
    assert [int(row["id"]) for row in rows] == [t["id"] for t in api]
    row = next(r for r in rows if int(r["id"]) == demo["public"].pk)
    assert (row["bijdragen"], row["beantwoord"]) == ("1", "1")
    text = "\n".join(",".join(r.values()) for r in rows)
    assert "Verborgen plan" not in text and demo["author"].email not in text
    assert "Meer bankjes" not in text  # figures, not the input itself


def test_a_title_that_looks_like_a_formula_is_written_as_text(client):
    gemeente = make_gemeente()
    traject = make_traject(gemeente, title='=HYPERLINK("x")')
    submit_inbreng(None, traject, "Een idee")
    (row,) = _rows(client, gemeente)
    assert row["titel"] == '\'=HYPERLINK("x")'


def test_the_meetings_feed_holds_the_public_meetings_only(client, demo):
    from icalendar import Calendar

    gemeente = demo["gemeente"]
    response = client.get(reverse("apikeys:bijeenkomsten_ics", args=[gemeente.slug]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    feed = Calendar.from_ical(response.content)
    titles = sorted(str(event["summary"]) for event in feed.walk("VEVENT"))
    api = client.get("/api/v1/bijeenkomsten", {"gemeente": gemeente.slug}).json()["results"]
    assert titles == sorted(m["titel"] for m in api)
    page = client.get(reverse("trajectories:gemeente", args=[gemeente.slug])).content.decode()
    assert reverse("apikeys:bijeenkomsten_ics", args=[gemeente.slug]) in page
