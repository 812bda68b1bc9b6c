"""The first page after login: what is waiting for this user, by role. Thin: home.selectors reads."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from home import selectors
from notices import selectors as notice_selectors


@require_GET
def home(request):
    user, today, now = request.user, timezone.localdate(), timezone.now()
    context = {"today": today, "notices": notice_selectors.recent_for(user),
               "unread_count": notice_selectors.unread_count(user)}
    if user.is_district_staff:
        context["district"] = selectors.district_home(user, today, now)
        template = "home/district.html"
    elif user.is_province_staff:
        context["province"] = selectors.province_home(user, today, now)
        template = "home/province.html"
    elif user.is_national_staff:
        context["provinces"] = selectors.national_home(user, today)
        template = "home/national.html"
    else:
        template = "home/no_office.html"
    return render(request, template, context)
