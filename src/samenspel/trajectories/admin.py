# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin

from samenspel.core.services import PersonalDataAdminMixin
from samenspel.trajectories.models import (
    Ankerpunt,
    AnkerpuntVersie,
    AntwoordVersie,
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
    # The phase and being public change through the forms that check the council's frame and
    # ask a reason, with a line on the timeline.
    readonly_fields = ["phase", "is_public"]
    inlines = [AnkerpuntInline, ProcesafsprakenInline, BelangInline]


@admin.register(Inbreng)
class InbrengAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    """The answer is read only here: answers change through the official's form, which keeps
    each version in public."""

    list_display = ["traject", "status", "created", "answered_at"]
    list_filter = ["status", "gemeente"]
    raw_id_fields = ["author"]
    readonly_fields = ["traject", "status", "explanation", "answered_at", "answered_by"]

    def has_add_permission(self, request):
        return False


@admin.register(AnkerpuntVersie, AntwoordVersie, PhaseChange, TimelineEvent)
class ReadOnlyHistoryAdmin(admin.ModelAdmin):
    """History is never written by hand: no one adds a timeline event in someone else's name."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
