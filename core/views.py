import geothai
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET


@require_GET
def home(request):
    """The start page is the user's group list; later issues add their own entry points."""
    return redirect("groups:list")


@login_not_required
@require_GET
def about(request):
    return render(request, "core/about.html", {"geothai_version": geothai.DATA_VERSION})
