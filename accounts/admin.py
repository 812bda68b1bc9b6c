"""National administrators manage users and their postings here."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.files.uploadedfile import UploadedFile

from accounts.models import Office, User
from core.uploads import guard_image, random_name
from core.uploads.media import EXTENSIONS


class OfficeForm(forms.ModelForm):
    class Meta:
        model = Office
        fields = ["garuda"]  # the admin adds every other field of its own

    def clean_garuda(self):
        """The Garuda image goes through the upload guard (JPEG/PNG by its bytes, pixel cap) and is
        stored under a random name."""
        image = self.cleaned_data.get("garuda")
        if isinstance(image, UploadedFile):  # a new file (not the one already stored)
            kind = guard_image(image)
            image.name = random_name(EXTENSIONS[kind])
        return image


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    form = OfficeForm
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
