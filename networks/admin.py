from django.contrib import admin

from core.admin import ReadOnlyAdmin
from networks.models import Network, SeatKind


@admin.register(SeatKind)
class SeatKindAdmin(admin.ModelAdmin):
    """The seats of the model appointment order: titles as printed and how many hold each."""

    list_display = ["order", "title", "max_holders", "tambon_may_exceed", "code"]
    list_editable = ["title", "max_holders", "tambon_may_exceed"]
    list_display_links = ["order"]


@admin.register(Network)
class NetworkAdmin(ReadOnlyAdmin):
    """Networks change on their pages (networks.services), where every change is recorded."""

    list_display = ["name", "level", "province", "district"]
    list_filter = ["level", "province"]
    search_fields = ["name"]
    raw_id_fields = ["parent", "member_groups"]
    readonly_fields = ["created_at", "updated_at"]
