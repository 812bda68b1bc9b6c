"""The user's notices: mark read, and turn e-mail on or off. Thin: services write."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from notices import selectors, services
from notices.models import Notice


@require_POST
def mark_read(request):
    """Marks one notice (`notice`) or all of the user's notices read, then back home."""
    notice_id = request.POST.get("notice")
    if notice_id:
        notice = get_object_or_404(Notice.objects.visible_to(request.user), pk=notice_id if notice_id.isdigit() else 0)
        services.notice_mark_read(user=request.user, notice_ids=[notice.pk])
        target = request.POST.get("next") or notice.url
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            return redirect(target)
    else:
        services.notice_mark_read(user=request.user)
    return redirect("home")


class NoticeSettingsForm(forms.Form):
    email_enabled = forms.BooleanField(label="รับการแจ้งเตือนทางอีเมลด้วย", required=False)


@require_http_methods(["GET", "POST"])
def notice_settings(request):
    form = NoticeSettingsForm(request.POST if request.method == "POST" else None,
                              initial={"email_enabled": selectors.email_enabled(request.user)})
    if request.method == "POST" and form.is_valid():
        services.notice_settings_set(user=request.user, email_enabled=form.cleaned_data["email_enabled"])
        messages.success(request, "บันทึกการตั้งค่าการแจ้งเตือนแล้ว")
        return redirect("notices:settings")
    return render(request, "notices/settings.html", {"form": form})
