# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from samenspel.instruments import views

app_name = "instruments"
U = "gemeenten/<slug:slug>/instrumenten/<int:pk>/"
urlpatterns = [
    path("gemeenten/<slug:slug>/trajecten/<int:pk>/instrumenten/", views.choose, name="choose"),
    path(U + "instellingen/", views.settings_page, name="settings"),
    path(U + "organisatoren/", views.organisers, name="organisers"),
]
