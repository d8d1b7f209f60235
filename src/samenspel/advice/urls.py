# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from samenspel.advice import views

app_name = "advice"
T = "gemeenten/<slug:slug>/trajecten/<int:pk>/advies/"
urlpatterns = [
    path(T, views.advies, name="advies"),
    path(T + "vragen/", views.questionnaire, name="questionnaire"),
    path(T + "keuze/", views.choose, name="choose"),
    path(T + "voorproef/", views.preview, name="preview"),
    path("gemeenten/<slug:slug>/kader/", views.kader_list, name="kader_list"),
    path("gemeenten/<slug:slug>/kader/bewerken/", views.kader_edit, name="kader_edit"),
    path("gemeenten/<slug:slug>/kader/formulier/", views.kader_form, name="kader_form"),
    path(
        "gemeenten/<slug:slug>/kader/<int:number>.yaml", views.kader_download, name="kader_download"
    ),
    path("gemeenten/<slug:slug>/advies-overzicht/", views.overview, name="overview"),
]
