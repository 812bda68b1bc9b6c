import geothai
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def about(request):
    return render(request, "core/about.html", {"geothai_version": geothai.DATA_VERSION})
