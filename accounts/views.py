"""Inviting users from a spreadsheet: upload, preview every row with its problems, then confirm
(all or nothing). The preview carries the checked rows in the confirm form, and the confirm step
checks them all again before writing, so nothing is kept between the two requests."""

import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import services
from accounts.forms import InviteUploadForm
from accounts.services import INVITE_REFUSED, NO_ROWS
from core.uploads.errors import SpreadsheetRefused

FIELDS = ["name", "email", "office_code", "role"]


def _require_admin(user):
    if not (user.is_national_staff and user.is_staff):
        raise PermissionDenied(INVITE_REFUSED)


def _posted_rows(post) -> list[dict]:
    count = int(post.get("rows", "0")) if post.get("rows", "0").isdigit() else 0
    return [{"line": int(post.get(f"r{i}-line", i + 2)) if str(post.get(f"r{i}-line", "")).isdigit() else i + 2,
             **{name: post.get(f"r{i}-{name}", "") for name in FIELDS}} for i in range(min(count, 5000))]


@require_http_methods(["GET", "POST"])
def invite(request):
    _require_admin(request.user)
    form = InviteUploadForm()
    if request.method == "POST" and "confirm" in request.POST:
        rows = _posted_rows(request.POST)
        try:
            users = services.users_invite(actor=request.user, rows=rows)
        except ValidationError as error:
            return render(request, "accounts/invite.html", {
                "form": form, "checked": services.invites_check(rows), "errors": error.messages})
        messages.success(request, f"เชิญผู้ใช้ {len(users):,} คนแล้ว ระบบส่งอีเมลพร้อมลิงก์ตั้งรหัสผ่านให้แต่ละคน")
        return redirect("invite")
    if request.method == "POST":
        form = InviteUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
                handle.flush()
                try:
                    rows = services.invite_rows_from_file(handle.name)
                except SpreadsheetRefused as error:
                    form.add_error("file", " ".join(error.messages))
                    rows = None
            if rows is not None:
                checked = services.invites_check(rows)
                if not checked:
                    form.add_error("file", NO_ROWS)
                else:
                    return render(request, "accounts/invite.html", {
                        "form": form, "checked": checked, "has_errors": any(r.errors for r in checked)})
    return render(request, "accounts/invite.html", {"form": form})
