from django.contrib import admin

from core.admin import ReadOnlyAdmin
from groups.models import Activity, ActivityType, GroupChange, SavingsGroup


@admin.register(ActivityType)
class ActivityTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(SavingsGroup)
class SavingsGroupAdmin(ReadOnlyAdmin):
    """Read only: officers change groups through the app, where history is recorded."""

    list_display = ["code", "name", "district", "status", "members_total", "savings_balance"]
    list_filter = ["status", "under_regulation", "district__province"]
    search_fields = ["code", "name"]
    list_select_related = ["district"]
    raw_id_fields = ["village", "status_changed_by"]


@admin.register(GroupChange)
class GroupChangeAdmin(ReadOnlyAdmin):
    list_display = ["at", "group", "action", "source", "actor"]
    list_filter = ["action", "source"]
    raw_id_fields = ["group", "activity", "actor"]


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    """Activities are added, changed and removed on the group's page, where history is kept."""

    list_display = ["name", "group", "activity_type", "status"]
    raw_id_fields = ["group"]
