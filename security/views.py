from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET


def locked_out(request, response=None, credentials=None):
    """django-axes' answer to a locked username: the login page again, saying until when (Thai)."""
    from axes.helpers import get_client_username
    from axes.models import AccessAttempt

    username = get_client_username(request, credentials) or ""
    last = AccessAttempt.objects.filter(username=username).order_by("-attempt_time").first()
    until = timezone.localtime((last.attempt_time if last else timezone.now()) + settings.AXES_COOLOFF_TIME)
    minutes = max(1, round((until - timezone.now()).total_seconds() / 60))
    form = AuthenticationForm(request, initial={"username": username})
    return render(request, "registration/login.html", {
        "form": form, "locked_until": until, "locked_minutes": minutes,
        "failure_limit": settings.AXES_FAILURE_LIMIT, "next": request.POST.get("next", ""),
    }, status=429)


@login_not_required
@require_GET
def privacy(request):
    """The privacy notice (PDPA), linked from the login page."""
    return render(request, "security/privacy.html", {
        "session_hours": settings.SESSION_COOKIE_AGE // 3600, "contact": settings.PRIVACY_CONTACT,
    })
