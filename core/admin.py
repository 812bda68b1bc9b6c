"""Shared admin pieces. Records of the registry change only through the pages and their services
(which check the actor and write history); their admin pages only show them."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Lists, filters and detail pages; no add, change or delete."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
