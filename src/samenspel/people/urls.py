# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from samenspel.people import views

app_name = "people"
urlpatterns = [
    path("gemeenten/<slug:slug>/doe-mee/", views.declare, name="declare"),
]
