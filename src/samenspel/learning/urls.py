# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from samenspel.learning import views

app_name = "learning"
E = "gemeenten/<slug:slug>/experimenten/<int:pk>/"
P = "provincies/<slug:slug>/"
urlpatterns = [
    path("gemeenten/<slug:slug>/experimenten/", views.experiments, name="experiments"),
    path(
        "gemeenten/<slug:slug>/experimenten/nieuw/",
        views.experiment_create,
        name="experiment_create",
    ),
    path(E, views.experiment, name="experiment"),
    path(E + "bewerken/", views.experiment_edit, name="experiment_edit"),
    path(E + "indicatoren/nieuw/", views.indicator_create, name="indicator_create"),
    path(E + "indicatoren/<int:indicator_pk>/", views.indicator_edit, name="indicator_edit"),
    path(E + "meetmoment/", views.moment_create, name="moment_create"),
    path(E + "meetmomenten/<int:moment_pk>/", views.moment, name="moment"),
    path(E + "centrale-vraag/", views.answer, name="answer"),
    path(E + "evaluatie/deelnemer/", views.evaluate_participant, name="evaluate_participant"),
    path(E + "evaluatie/organisator/", views.evaluate_organiser, name="evaluate_organiser"),
    path("gemeenten/<slug:slug>/lessen/", views.lessons, name="lessons"),
    path("gemeenten/<slug:slug>/lessen/nieuw/", views.lesson_create, name="lesson_create"),
    path("lessen/<int:pk>/goedkeuren/", views.lesson_approve, name="lesson_approve"),
    path("mijn-notities/", views.my_notes, name="my_notes"),
    path("kennisbank/", views.library, name="library"),
    path(P, views.province, name="province"),
    path(P + "rapport/", views.province_report, name="province_report"),
    path(P + "export.csv", views.province_csv, name="province_csv"),
    path(P + "intervisie/", views.groups, name="groups"),
    path(P + "intervisie/nieuw/", views.group_create, name="group_create"),
    path(P + "intervisie/<int:pk>/", views.group, name="group"),
    path(P + "intervisie/<int:pk>/sessie/", views.session_create, name="session_create"),
    path(P + "sessies/<int:pk>/notities/", views.session_notes, name="session_notes"),
]
