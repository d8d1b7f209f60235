# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from samenspel.panel import views

app_name = "panel"
_PANEL = "gemeenten/<slug:slug>/burgerpanel/"
_C = "gemeenten/<slug:slug>/raadplegingen/<int:pk>/"
urlpatterns = [
    path(_PANEL, views.overview, name="overview"),
    path(_PANEL + "aanmelden/", views.join, name="join"),
    path(_PANEL + "mijn/", views.mine, name="mine"),
    path(_PANEL + "mijn/gegevens.json", views.export, name="export"),
    path(_PANEL + "mijn/opzeggen/", views.leave, name="leave"),
    path(_PANEL + "gezondheid/", views.health, name="health"),
    path(_PANEL + "instellingen/", views.panel_settings, name="settings"),
    path(
        "gemeenten/<slug:slug>/trajecten/<int:pk>/raadplegingen/nieuw/",
        views.create,
        name="create",
    ),
    path(_C, views.detail, name="detail"),
    path(_C + "vragen/nieuw/", views.question, name="question_add"),
    path(_C + "vragen/<int:question_pk>/", views.question, name="question_edit"),
    path(_C + "voorbeeld/", views.preview, name="preview"),
    path(_C + "uitnodigen/", views.propose, name="propose"),
    path(_C + "versturen/", views.send, name="send"),
    path(_C + "herinneren/", views.remind, name="remind"),
    path(_C + "sluiten/", views.close, name="close"),
    path(_C + "terugkoppeling/", views.feedback, name="feedback"),
    path(_C + "resultaten/", views.results, name="results"),
    path(_C + "resultaten.csv", views.csv_export, name="csv"),
    path(_C + "factsheet/", views.factsheet, name="factsheet"),
    path(_C + "open/<int:question_pk>/", views.tag, name="tag"),
    path("raadpleging/<int:pk>/<str:token>/", views.answer, name="answer"),
]
