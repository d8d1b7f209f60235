# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin

from samenspel.meetings.models import Bijeenkomst


@admin.register(Bijeenkomst)
class BijeenkomstAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "starts_at", "host", "capacity", "gemeente"]
    list_filter = ["kind", "gemeente"]
