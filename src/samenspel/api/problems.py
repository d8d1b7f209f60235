# SPDX-License-Identifier: EUPL-1.2
"""Errors as ``application/problem+json`` (RFC 9457), as the NL API Design Rules ask, and the
OpenAPI document's part for them: every operation documents its problems and the
``API-Version`` header of every response."""

from __future__ import annotations

from http import HTTPStatus

from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_TYPE = "application/problem+json"

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An error (RFC 9457).",
    "properties": {
        "type": {"type": "string", "format": "uri-reference"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string", "format": "uri-reference"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "code": {"type": "string"},
                    "reason": {"type": "string"},
                },
                "required": ["name", "code", "reason"],
            },
        },
    },
    "required": ["type", "title", "status"],
}


def _invalid_params(data, prefix: str = "") -> list[dict[str, str]]:
    """DRF's nested validation errors as RFC 9457's ``invalidParams``."""
    if isinstance(data, dict):
        return [
            param
            for name, value in data.items()
            for param in _invalid_params(value, f"{prefix}.{name}" if prefix else str(name))
        ]
    if isinstance(data, list):
        return [param for value in data for param in _invalid_params(value, prefix)]
    return [
        {"name": prefix or "body", "code": getattr(data, "code", "invalid"), "reason": str(data)}
    ]


def exception_handler(exc, context):
    """DRF's answer to an error, as a problem document."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    code = response.status_code
    problem = {
        "type": "about:blank",
        "title": HTTPStatus(code).phrase,
        "status": code,
        "instance": request.path if request is not None else "",
    }
    if isinstance(exc, exceptions.ValidationError):
        problem["detail"] = "Een of meer parameters zijn ongeldig."
        problem["invalidParams"] = _invalid_params(exc.detail)
    elif isinstance(exc, Http404):
        problem["detail"] = "Niet gevonden."
    elif isinstance(response.data, dict) and "detail" in response.data:
        problem["detail"] = str(response.data["detail"])
    answer = Response(problem, status=code, headers=dict(response.items()))
    answer.content_type = PROBLEM_TYPE
    return answer


#: The problems each operation may answer with.
COMMON_PROBLEMS = {
    status.HTTP_400_BAD_REQUEST: "Ongeldige parameters.",
    status.HTTP_404_NOT_FOUND: "Niet gevonden.",
    status.HTTP_406_NOT_ACCEPTABLE: "Dit formaat kan niet geleverd worden.",
    status.HTTP_429_TOO_MANY_REQUESTS: "Te veel verzoeken; probeer het later opnieuw.",
}
AUTH_PROBLEMS = {
    status.HTTP_401_UNAUTHORIZED: "Geen of een ongeldige API-sleutel.",
    status.HTTP_403_FORBIDDEN: "Deze API-sleutel mag dit niet.",
}
VERSION_HEADER = {
    "API-Version": {
        "description": "The version of the API (semantic versioning).",
        "schema": {"type": "string", "example": "1.0.0"},
        "required": True,
    }
}


def document_problems(result, generator, request, public):
    """drf-spectacular post-processing hook: the problem responses and the version header."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    problem_ref = {"$ref": "#/components/schemas/Problem"}
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            problems = {**COMMON_PROBLEMS, **AUTH_PROBLEMS}
            if method == "get":
                # Anyone reads: a key is neither needed nor looked at (a wrong one is a 401).
                operation.pop("security", None)
                del problems[status.HTTP_403_FORBIDDEN]
            responses = operation.setdefault("responses", {})
            for code, description in problems.items():
                responses.setdefault(
                    str(code),
                    {
                        "description": description,
                        "content": {PROBLEM_TYPE: {"schema": problem_ref}},
                    },
                )
            for response in responses.values():
                response["headers"] = {**response.get("headers", {}), **VERSION_HEADER}
    return result
