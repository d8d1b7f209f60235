# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from samenspel.municipalities.models import Gebied, Gemeente, Provincie


@admin.register(Provincie)
class ProvincieAdmin(admin.ModelAdmin):
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code", "inhabitants", "provincie"]
    list_filter = ["provincie"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "cbs_code", "provincie"]}),
        (_("Inhabitants"), {"fields": ["inhabitants", "inhabitants_reference_date"]}),
        (_("Own look"), {"fields": ["theme_primary", "theme_link", "logo", "favicon"]}),
    ]


@admin.register(Gebied)
class GebiedAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "gemeente", "parent"]
    list_filter = ["kind", "gemeente"]
