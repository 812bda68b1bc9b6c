"""Round-wide pages: the list of rounds, opening a round, the province's dashboard, accepting several
districts at once and the consolidated export (the follow-up pages are in `reviews.views.follow_up`). Thin: services do the writing;
every lookup goes through visible_to(user), so a round outside the user's area is a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import apply_validation_error
from core.prepared import one_or_404
from reviews import permissions, services
from reviews.exports import build_round_export
from reviews.forms import RoundForm
from reviews.models import Round, Submission
from reviews.selectors import history, lookup
from reviews.selectors.dashboard import round_dashboard, round_submissions
from reviews.services.submissions import ROUND_OPEN_REFUSED

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def visible_round(request, pk):
    return one_or_404(lookup.visible_round(request.user, pk))


@require_http_methods(["GET"])
def round_list(request):
    rounds = list(Round.objects.visible_to(request.user).select_related("province"))
    own = {}
    if request.user.is_district_staff:
        own = {s.round_id: s for s in Submission.objects.filter(round__in=rounds,
                                                                   district_id=request.user.office.district_id)}
    today = timezone.localdate()
    for round_ in rounds:
        round_.own_submission = own.get(round_.pk)
        round_.days = round_.days_left(today)
    return render(request, "reviews/round_list.html", {
        "rounds": rounds, "can_open": permissions.can_open_round(request.user),
    })


@require_http_methods(["GET", "POST"])
def round_create(request):
    if not permissions.can_open_round(request.user):
        raise PermissionDenied(ROUND_OPEN_REFUSED)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"เปิดรอบการทบทวน “{round_.title}” แล้ว")
            return redirect("reviews:round", pk=round_.pk)
    return render(request, "reviews/round_form.html", {"form": form})


@require_http_methods(["GET"])
def round_detail(request, pk):
    round_ = visible_round(request, pk)
    if request.user.is_district_staff:
        submission = get_object_or_404(Submission, round=round_, district_id=request.user.office.district_id)
        return redirect("reviews:submission", pk=submission.pk)
    today = timezone.localdate()
    can_decide = permissions.is_province_reviewer_for(request.user, round_.province_id)
    rows, totals = round_dashboard(round_, round_submissions(request.user, round_.pk), today, can_decide=can_decide)
    events = history.round_events(round_.pk)
    return render(request, "reviews/round_detail.html", {
        "round": round_, "rows": rows, "totals": totals, "today": today, "days_left": round_.days_left(today),
        "events": events, "can_decide": can_decide,
    })


@require_POST
def round_accept_many(request, pk):
    round_ = visible_round(request, pk)
    permissions.require_province_reviewer(request.user, round_.province_id)
    chosen = (Submission.objects.visible_to(request.user).filter(round=round_, pk__in=request.POST.getlist("submission"))
              .select_related("district").order_by("district_id"))
    chosen = list(chosen)
    if not chosen:
        messages.error(request, "กรุณาเลือกอำเภอที่จะรับผลการทบทวน")
        return redirect("reviews:round", pk=round_.pk)
    try:
        services.submissions_accept(submissions=chosen, actor=request.user)
    except ValidationError as error:
        messages.error(request, f"ยังไม่ได้รับผลของอำเภอใด: {' '.join(error.messages)}")
    else:
        messages.success(request, f"รับผลการทบทวนแล้ว {len(chosen)} อำเภอ: "
                                  + ", ".join(s.district.name_th for s in chosen))
    return redirect("reviews:round", pk=round_.pk)


@require_http_methods(["GET"])
def round_export(request, pk):
    round_ = visible_round(request, pk)
    submissions = Submission.objects.visible_to(request.user).filter(round=round_)
    content = build_round_export(round_, submissions, timezone.localdate())
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="review-round-{round_.pk}-result.xlsx"'
    return response
