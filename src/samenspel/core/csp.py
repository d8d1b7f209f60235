# SPDX-License-Identifier: EUPL-1.2
"""Sends the Content-Security-Policy header of ``settings.CONTENT_SECURITY_POLICY``."""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response
