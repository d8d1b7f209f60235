# SPDX-License-Identifier: EUPL-1.2
"""Root URL configuration; the paths speak Dutch, like the users."""

from django.contrib import admin
from django.urls import include, path

from samenspel.core import views as core_views

handler400 = "samenspel.core.views.bad_request"
handler403 = "samenspel.core.views.permission_denied"
handler404 = "samenspel.core.views.page_not_found"
handler500 = "samenspel.core.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("samenspel.api.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("berichten/", core_views.inbox, name="inbox"),
    path("mijn-gegevens/", core_views.my_data, name="my_data"),
    path("werk/<int:pk>/", core_views.long_work, name="long_work"),
    path("gezondheid/", core_views.health_check, name="health"),
    path("", include("samenspel.home.urls")),
    path("", include("samenspel.people.urls")),
    path("", include("samenspel.advice.urls")),
    path("", include("samenspel.assemblies.urls")),
    path("", include("samenspel.budgeting.urls")),
    path("", include("samenspel.api.page_urls")),
    path("", include("samenspel.instruments.urls")),
    path("", include("samenspel.learning.urls")),
    path("", include("samenspel.meetings.urls")),
    path("", include("samenspel.municipalities.urls")),
    path("", include("samenspel.panel.urls")),
    path("", include("samenspel.reach.urls")),
    path("", include("samenspel.trajectories.urls")),
]
