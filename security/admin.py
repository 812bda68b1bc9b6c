"""Read-only records for national administrators: the personal-data access log, and the login
attempts of django-axes with the one action that changes them, unlocking a username."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset
from django.conf import settings
from django.contrib import admin, messages

from core.admin import ReadOnlyAdmin
from security.models import PersonalDataAccess


def is_national_admin(user) -> bool:
    return user.is_active and user.is_staff and (user.is_superuser or user.is_national_staff)


class ReadOnlyForNationalAdmins(ReadOnlyAdmin):
    """Seen by national administrators; never added, changed or deleted from the admin."""

    def has_view_permission(self, request, obj=None):
        return is_national_admin(request.user)

    def has_module_permission(self, request):
        return is_national_admin(request.user)


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyForNationalAdmins):
    list_display = ["at", "user", "office", "action", "subject", "area", "document"]
    list_filter = ["action", "at"]
    search_fields = ["user__username", "subject", "area", "document", "office"]
    date_hierarchy = "at"
    list_select_related = ["user"]


@admin.register(AccessAttempt)
class LoginAttemptAdmin(ReadOnlyForNationalAdmins):
    list_display = ["username", "failures_since_start", "locked", "attempt_time", "ip_address"]
    search_fields = ["username", "ip_address"]
    actions = ["unlock"]

    @admin.display(description="สถานะ")
    def locked(self, obj):
        if obj.failures_since_start >= settings.AXES_FAILURE_LIMIT:
            return "ถูกระงับชั่วคราว"
        return f"ใส่ผิดได้อีก {settings.AXES_FAILURE_LIMIT - obj.failures_since_start} ครั้ง"

    def has_change_permission(self, request, obj=None):
        # The unlock action needs it; the change form itself shows every field read-only.
        return is_national_admin(request.user)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    @admin.action(description="ปลดล็อกชื่อผู้ใช้ที่เลือก (ล้างจำนวนครั้งที่ใส่รหัสผ่านผิด)",
                  permissions=["change"])
    def unlock(self, request, queryset):
        usernames = sorted(set(queryset.values_list("username", flat=True)))
        for username in usernames:
            reset(username=username)
        self.message_user(request, f"ปลดล็อกแล้ว: {', '.join(usernames)}", messages.SUCCESS)


@admin.register(AccessLog)
class LoginLogAdmin(ReadOnlyForNationalAdmins):
    list_display = ["attempt_time", "username", "ip_address", "logout_time"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "attempt_time"


@admin.register(AccessFailureLog)
class LoginFailureLogAdmin(ReadOnlyForNationalAdmins):
    list_display = ["attempt_time", "username", "ip_address", "locked_out"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "attempt_time"
