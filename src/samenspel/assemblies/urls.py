# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from samenspel.assemblies import views

app_name = "assemblies"
_B = "gemeenten/<slug:slug>/burgerraden/<int:pk>/"
urlpatterns = [
    path("gemeenten/<slug:slug>/trajecten/<int:pk>/burgerraad/nieuw/", views.create, name="create"),
    path(_B, views.detail, name="detail"),
    path(_B + "opzet/", views.edit, name="edit"),
    path(_B + "aanmelden/", views.respond, name="respond"),
    path(_B + "pool/", views.pool, name="pool"),
    path(_B + "pool/bevriezen/", views.prepare, name="prepare"),
    path(_B + "loting/", views.draw, name="draw"),
    path(_B + "loting/trekken/", views.enter, name="enter"),
    path(_B + "loting/panelen.json", views.panels, name="panels"),
    path(_B + "loting/controle.zip", views.verification, name="verification"),
    path(_B + "loting/proces-verbaal.pdf", views.report, name="report"),
    path(_B + "loting/ondertekenen/", views.sign, name="sign"),
    path(_B + "leden/<int:member_pk>/terugtrekken/", views.withdraw, name="withdraw"),
    path(_B + "leden/<int:member_pk>/bevestigd/", views.mark_confirmed, name="mark_confirmed"),
    path(_B + "leden/<int:member_pk>/link/", views.confirm_link, name="confirm_link"),
    path(_B + "bevestigen/<str:token>/", views.confirm, name="confirm"),
]
