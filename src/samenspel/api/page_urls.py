# SPDX-License-Identifier: EUPL-1.2
"""The pages beside the API: a municipality's API keys (staff) and its open data (anyone)."""

from django.urls import path

from samenspel.api import views

app_name = "apikeys"
urlpatterns = [
    path("gemeenten/<slug:slug>/api-sleutels/", views.keys, name="list"),
    path("gemeenten/<slug:slug>/api-sleutels/<int:pk>/intrekken/", views.revoke, name="revoke"),
    path(
        "gemeenten/<slug:slug>/open-data/trajecten.csv", views.trajecten_csv, name="trajecten_csv"
    ),
    path(
        "gemeenten/<slug:slug>/open-data/bijeenkomsten.ics",
        views.bijeenkomsten_ics,
        name="bijeenkomsten_ics",
    ),
]
