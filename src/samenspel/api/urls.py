# SPDX-License-Identifier: EUPL-1.2
"""/api/v1/: resources in Dutch plural nouns, kebab-case, no trailing slash."""

from django.urls import path, re_path

from samenspel.api import views

app_name = "api"
urlpatterns = [
    path("openapi.json", views.OpenApiDocument.as_view(), name="openapi"),
    path("gemeenten", views.GemeenteList.as_view(), name="gemeenten"),
    path("gemeenten/<slug:slug>", views.GemeenteDetail.as_view(), name="gemeente"),
    path("trajecten", views.TrajectList.as_view(), name="trajecten"),
    path("trajecten/<int:pk>", views.TrajectDetail.as_view(), name="traject"),
    path("bijdragen", views.BijdrageList.as_view(), name="bijdragen"),
    path("bijdragen/<int:pk>", views.BijdrageDetail.as_view(), name="bijdrage"),
    path("bijeenkomsten", views.BijeenkomstList.as_view(), name="bijeenkomsten"),
    path("bijeenkomsten/<int:pk>", views.BijeenkomstDetail.as_view(), name="bijeenkomst"),
    # Any other path (any character, a newline too) is a problem document.
    re_path(r"^[\s\S]*$", views.NotFound.as_view(), name="not_found"),
]
