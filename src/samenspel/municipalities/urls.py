# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from samenspel.municipalities import views

app_name = "municipalities"
urlpatterns = [
    path("gemeenten/<slug:slug>/thema.css", views.theme_css, name="theme_css"),
    path("gemeenten/<slug:slug>/logo", views.logo, name="logo"),
    path("gemeenten/<slug:slug>/favicon", views.favicon, name="favicon"),
]
