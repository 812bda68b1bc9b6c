"""Forms of the account pages: the invitation sheet, and password forms whose labels read in Thai."""

from django import forms
from django.contrib.auth import forms as auth_forms

from accounts.models import User


class InviteUploadForm(forms.Form):
    file = forms.FileField(label="ไฟล์รายชื่อ (.xlsx)", error_messages={
        "required": "กรุณาเลือกไฟล์รายชื่อ", "invalid": "ไฟล์ไม่ถูกต้อง"})  # empty: the catalogue's


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, also for invited users who have not set a password yet (their link expired)."""

    email = forms.EmailField(label="อีเมล", max_length=254, error_messages={
        "required": "กรุณากรอกอีเมล", "invalid": "รูปแบบอีเมลไม่ถูกต้อง"})

    def get_users(self, email):
        email = email.strip().lower()
        return (user for user in User._default_manager.filter(email__iexact=email, is_active=True)
                if user.has_usable_password() or user.last_login is None)


def _thai_password_fields(form):
    labels = {"old_password": "รหัสผ่านเดิม", "new_password1": "รหัสผ่านใหม่", "new_password2": "ยืนยันรหัสผ่านใหม่"}
    for name, field in form.fields.items():
        field.label = labels.get(name, field.label)
        field.help_text = ""
        field.error_messages = {**field.error_messages, "required": f"กรุณากรอก{field.label}"}
    form.error_messages = {
        **form.error_messages,
        "password_mismatch": "รหัสผ่านทั้งสองช่องไม่ตรงกัน",
        "password_incorrect": "รหัสผ่านเดิมไม่ถูกต้อง กรุณากรอกใหม่",
    }


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _thai_password_fields(self)


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _thai_password_fields(self)
