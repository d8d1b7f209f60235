# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin

from samenspel.core.services import PersonalDataAdminMixin
from samenspel.trajectories.models import (
    Ankerpunt,
    AnkerpuntVersie,
    Belang,
    Inbreng,
    PhaseChange,
    Procesafspraken,
    TimelineEvent,
    Traject,
)


class AnkerpuntInline(admin.TabularInline):
    """Read only: anchor points change through the griffier's form, which keeps each version."""

    model = Ankerpunt
    extra = 0
    readonly_fields = ("text", "set_on", "held", "held_note")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BelangInline(admin.TabularInline):
    model = Belang
    extra = 0


class ProcesafsprakenInline(admin.StackedInline):
    model = Procesafspraken
    extra = 0


@admin.register(Traject)
class TrajectAdmin(admin.ModelAdmin):
    list_display = ["title", "gemeente", "phase", "initiator", "domein", "is_public"]
    list_filter = ["gemeente", "phase", "domein", "is_public"]
    search_fields = ["title", "description"]
    inlines = [AnkerpuntInline, ProcesafsprakenInline, BelangInline]


@admin.register(Inbreng)
class InbrengAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    list_display = ["traject", "status", "created", "answered_at"]
    list_filter = ["status", "gemeente"]
    raw_id_fields = ["author", "answered_by"]


@admin.register(AnkerpuntVersie, PhaseChange, TimelineEvent)
class ReadOnlyHistoryAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
