from django.contrib import admin

from core.admin import ReadOnlyAdmin
from notices.models import Notice


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    """Read only: notices are written by notices.services."""

    list_display = ["created_at", "user", "kind", "title", "email", "read_at"]
    list_filter = ["kind", "email"]
    search_fields = ["user__username", "title"]
