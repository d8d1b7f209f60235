# SPDX-License-Identifier: EUPL-1.2
"""The staff pages of the API: a municipality's API keys."""

from django.urls import path

from samenspel.api import views

app_name = "apikeys"
urlpatterns = [
    path("gemeenten/<slug:slug>/api-sleutels/", views.keys, name="list"),
    path("gemeenten/<slug:slug>/api-sleutels/<int:pk>/intrekken/", views.revoke, name="revoke"),
]
