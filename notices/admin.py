from django.contrib import admin

from notices.models import Notice


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """Read only: notices are written by notices.services."""

    list_display = ["created_at", "user", "kind", "title", "email", "read_at"]
    list_filter = ["kind", "email"]
    search_fields = ["user__username", "title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
