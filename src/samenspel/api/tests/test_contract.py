# SPDX-License-Identifier: EUPL-1.2
"""The OpenAPI document: committed, equal to the generated one, valid and without warnings."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

COMMITTED = Path(__file__).resolve().parent.parent / "openapi.json"


def test_committed_document_is_the_generated_one(tmp_path):
    generated = tmp_path / "openapi.json"
    # --validate checks it against the OpenAPI 3 schema; --fail-on-warn fails on any warning.
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--format=openapi-json",
        f"--file={generated}",
    )
    assert json.loads(generated.read_text()) == json.loads(COMMITTED.read_text()), (
        "The API changed: regenerate src/samenspel/api/openapi.json with "
        "`uv run python manage.py spectacular --format openapi-json "
        "--file src/samenspel/api/openapi.json` and commit it."
    )


def test_served_document_is_the_committed_one(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    assert response.json() == json.loads(COMMITTED.read_text())


@pytest.mark.parametrize(
    "path", ["/api/v1/bestaat-niet", "/api/v1/gemeenten/%0A%C3%A1", "/api/v1/trajecten/"]
)
def test_any_other_path_is_a_problem_document(client, path):
    """Found by schemathesis: a path with a newline fell through to the HTML error page."""
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == "1.0.0"
