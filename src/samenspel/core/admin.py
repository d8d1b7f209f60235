# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin

from samenspel.core.models import AuditEvent
from samenspel.core.services import PersonalDataAdminMixin


@admin.register(AuditEvent)
class AuditEventAdmin(PersonalDataAdminMixin, admin.ModelAdmin):
    """The audit log can be read, never changed or removed; reading it is logged as well."""

    list_display = [
        "created",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "personal_data",
        "gemeente",
    ]
    list_filter = ["action", "personal_data", "gemeente"]
    search_fields = ["actor_label", "object_type", "detail"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
