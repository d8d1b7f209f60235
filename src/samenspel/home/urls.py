# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from samenspel.home import views

app_name = "home"

urlpatterns = [
    path("mijn/", views.mijn, name="mijn"),
]
