# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from samenspel.meetings import views

app_name = "meetings"
urlpatterns = [
    path(
        "gemeenten/<slug:slug>/trajecten/<int:pk>/bijeenkomsten/nieuw/", views.create, name="create"
    ),
    path("gemeenten/<slug:slug>/bijeenkomsten/<int:pk>/", views.detail, name="detail"),
    path("gemeenten/<slug:slug>/bijeenkomsten/<int:pk>/bewerken/", views.edit, name="edit"),
    path("gemeenten/<slug:slug>/bijeenkomsten/<int:pk>/afzeggen/", views.cancel, name="cancel"),
    path(
        "gemeenten/<slug:slug>/bijeenkomsten/<int:pk>/aanmelden/", views.register, name="register"
    ),
    path("gemeenten/<slug:slug>/bijeenkomsten/<int:pk>/agenda.ics", views.ical, name="ical"),
    path(
        "gemeenten/<slug:slug>/bijeenkomsten/<int:pk>/aanmeldingen/",
        views.registrations,
        name="registrations",
    ),
    path("gemeenten/<slug:slug>/bijeenkomsten/<int:pk>/verslag/", views.report, name="report"),
    path("gemeenten/<slug:slug>/bijeenkomsten/<int:pk>/e-mail/", views.mail, name="mail"),
    path(
        "gemeenten/<slug:slug>/bijeenkomsten/<int:pk>/verslag/<int:punt_pk>/inbreng/",
        views.point_to_inbreng,
        name="point_to_inbreng",
    ),
]
