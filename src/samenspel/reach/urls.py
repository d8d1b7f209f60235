# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from samenspel.reach import views

app_name = "reach"
_BATCH = "gemeenten/<slug:slug>/brieven/<int:pk>/"
urlpatterns = [
    path("gemeenten/<slug:slug>/instrumenten/<int:pk>/brieven/", views.overview, name="overview"),
    path(
        "gemeenten/<slug:slug>/instrumenten/<int:pk>/adresbestand/",
        views.upload,
        name="upload",
    ),
    path("gemeenten/<slug:slug>/adresbestanden/<int:pk>/", views.address_file, name="address_file"),
    path("gemeenten/<slug:slug>/adresbestanden/<int:pk>/steekproef/", views.draw, name="draw"),
    path(_BATCH, views.batch, name="batch"),
    path(_BATCH + "voorbeeld.pdf", views.preview, name="preview"),
    path(_BATCH + "maken/", views.generate, name="generate"),
    path(_BATCH + "brieven.pdf", views.download_pdf, name="download_pdf"),
    path(_BATCH + "brieven.csv", views.download_csv, name="download_csv"),
    path(_BATCH + "opnieuw/", views.reissue, name="reissue"),
    path(_BATCH + "bereik/", views.report, name="report"),
    path("gemeenten/<slug:slug>/brieven/termijnen/", views.policy, name="policy"),
    path("code/", views.code, name="code"),
    path("code/geen-brieven/", views.opt_out, name="opt_out"),
    path("code/<str:code>/", views.code, name="code_link"),
]
