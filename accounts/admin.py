"""National administrators manage users and their postings here."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import Office, User


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "province", "district", "chief_name"]
    list_filter = ["level", "province"]
    search_fields = ["name", "district__name_th", "province__name_th"]
    autocomplete_fields = ["province", "district"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "office", "is_active", "is_superuser"]
    list_filter = ["office__level", "office__province", "is_active"]
    list_select_related = ["office"]
    autocomplete_fields = ["office"]
    fieldsets = BaseUserAdmin.fieldsets + (("สังกัด", {"fields": ("office", "position", "phone")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + (("สังกัด", {"fields": ("office", "position")}),)
