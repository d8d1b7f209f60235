# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from samenspel.trajectories import views

app_name = "trajectories"
T = "gemeenten/<slug:slug>/trajecten/<int:pk>/"
urlpatterns = [
    path("", views.home, name="home"),
    path("gemeenten/<slug:slug>/", views.gemeente_detail, name="gemeente"),
    path("gemeenten/<slug:slug>/trajecten/nieuw/", views.traject_create, name="create"),
    path(
        "gemeenten/<slug:slug>/inbreng-overzicht/", views.inbreng_overview, name="inbreng_overview"
    ),
    path(T, views.traject_detail, name="detail"),
    path(T + "bewerken/", views.traject_edit, name="edit"),
    path(T + "fase/", views.traject_phase, name="phase"),
    path(T + "ankerpunten/nieuw/", views.ankerpunt_edit, name="ankerpunt_create"),
    path(T + "ankerpunten/<int:ankerpunt_pk>/", views.ankerpunt_edit, name="ankerpunt_edit"),
    path(T + "procesafspraken/", views.procesafspraken_edit, name="procesafspraken"),
    path(T + "belangen/nieuw/", views.belang_edit, name="belang_create"),
    path(T + "belangen/<int:belang_pk>/", views.belang_edit, name="belang_edit"),
    path(T + "inbreng/", views.feedback, name="feedback"),
    path(T + "inbreng/nieuw/", views.inbreng_create, name="inbreng_create"),
    path(T + "inbreng/<int:inbreng_pk>/beantwoorden/", views.inbreng_answer, name="answer"),
    path(T + "raadsinformatiebrief/", views.raadsinformatiebrief, name="raadsinformatiebrief"),
]
