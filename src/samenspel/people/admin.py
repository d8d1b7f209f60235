# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from samenspel.core.services import PersonalDataAdminMixin, audit
from samenspel.people.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class UserAdmin(PersonalDataAdminMixin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_active", "is_superuser"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "name"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit(
            request.user, "change" if change else "create", obj, personal_data=True, detail="admin"
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for membership in formset.new_objects + [o for o, _f in formset.changed_objects]:
            audit(
                request.user,
                "permission",
                membership,
                gemeente=membership.gemeente,
                detail=f"role {membership.role}",
            )
        for membership in formset.deleted_objects:
            audit(
                request.user,
                "permission",
                membership,
                gemeente=membership.gemeente,
                detail=f"removed role {membership.role}",
            )
