"""Offices' signing certificates: uploaded by a national administrator, stored encrypted
(printing.signing.certificate_store); the encrypted bytes are never shown."""

from django.contrib import admin

from printing import signing
from printing.forms import SigningCertificateForm
from printing.models import SigningCertificate


def _national(request) -> bool:
    user = request.user
    return user.is_active and user.is_staff and (user.is_superuser or user.is_national_staff)


@admin.register(SigningCertificate)
class SigningCertificateAdmin(admin.ModelAdmin):
    form = SigningCertificateForm
    list_display = ["office", "subject", "valid_from", "valid_until", "uploaded_at"]
    readonly_fields = ["subject", "valid_from", "valid_until", "uploaded_by", "uploaded_at"]
    search_fields = ["office__name", "subject"]

    def has_module_permission(self, request):
        return _national(request)

    def has_view_permission(self, request, obj=None):
        return _national(request)

    def has_add_permission(self, request):
        return _national(request)

    def has_change_permission(self, request, obj=None):
        return _national(request)

    def has_delete_permission(self, request, obj=None):
        return _national(request)

    def save_model(self, request, obj, form, change):
        stored = signing.certificate_store(office=form.cleaned_data["office"], content=form.content,
                                           passphrase=form.cleaned_data.get("passphrase") or "", actor=request.user)
        obj.pk = stored.pk
