# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from samenspel.budgeting import views

app_name = "budgeting"
BASE = "gemeenten/<slug:slug>/begrotingen/<int:pk>/"
urlpatterns = [
    path(
        "gemeenten/<slug:slug>/trajecten/<int:pk>/begrotingen/nieuw/", views.create, name="create"
    ),
    path(BASE, views.detail, name="detail"),
    path(BASE + "opzet/", views.setup, name="setup"),
    path(BASE + "delen/nieuw/", views.deel_add, name="deel_add"),
    path(BASE + "posten/nieuw/", views.post_add, name="post_add"),
    path(BASE + "ontbrekend/nieuw/", views.ontbrekend_add, name="ontbrekend_add"),
    path(BASE + "fase/", views.stage, name="stage"),
    path(BASE + "voorstellen/nieuw/", views.propose, name="propose"),
    path(BASE + "voorstellen/<int:voorstel_pk>/", views.voorstel, name="voorstel"),
    path(BASE + "voorstellen/<int:voorstel_pk>/toets/", views.review, name="review"),
    path(BASE + "voorstellen/<int:voorstel_pk>/besluit/", views.decide, name="decide"),
    path(BASE + "stemmen/", views.vote, name="vote"),
    path(BASE + "ontvangstbewijs/", views.receipt, name="receipt"),
    path(BASE + "papier/", views.paper, name="paper"),
    path(BASE + "papier/bestand/", views.paper_csv, name="paper_csv"),
    path(BASE + "tellen/", views.count, name="count"),
    path(BASE + "uitslag/", views.result, name="result"),
    path(BASE + "uitslag.pb", views.pb, name="pb"),
    path(BASE + "verslag/", views.report, name="report"),
]
