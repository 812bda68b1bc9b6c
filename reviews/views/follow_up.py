"""Follow-up of category 2 groups that will correct: the list with its per-district status (province),
recording a visit (district) and removing a group that refuses (province). Lookups go through
visible_to(user) (else 404); the services' guards decide the writes (403 with a Thai message)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import apply_validation_error
from core.pages import query_without_page
from reviews import permissions
from reviews.forms import FollowUpFilterForm, FollowUpRemoveForm, FollowUpVisitForm
from reviews.models import FollowUpStatus, GroupReview
from reviews.selectors import history
from reviews.services import follow_up
from reviews.views.rounds import visible_round

PAGE_SIZE = 100


@require_http_methods(["GET"])
def follow_up_list(request, pk):
    round_ = visible_round(request, pk)
    today = timezone.localdate()
    reviews = follow_up.follow_up_reviews(round_, request.user, today)
    summary = follow_up.district_summary(reviews, today)
    form = FollowUpFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if data.get("status"):
        reviews = reviews.filter(follow_up_status=data["status"])
    if data.get("overdue"):
        reviews = reviews.filter(follow_up.overdue_q(today))
    if data.get("district"):
        reviews = reviews.filter(submission__district_id=data["district"])
    reviews = (reviews.select_related("group__village__subdistrict", "submission__district")
               .order_by(Case(When(follow_up_status__in=follow_up.PENDING, then=0), default=1),
                         "next_follow_up_on", "submission__district_id", "group__code"))
    totals = {key: sum(row[key] for row in summary)
              for key in ["total", "overdue_count"] + [f"n_{status}" for status in FollowUpStatus.values]}
    page = Paginator(reviews, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reviews/follow_up.html", {
        "round": round_, "page": page, "reviews": follow_up.mark_page(page.object_list, today), "summary": summary, "totals": totals,
        "form": form, "today": today, "district": data.get("district", ""), "query": query_without_page(request.GET),
    })


def _visible_follow_up(request, pk, review_pk):
    round_ = visible_round(request, pk)
    review = get_object_or_404(
        GroupReview.objects.visible_to(request.user).filter(round=round_).exclude(follow_up_status="")
        .select_related("group__village__subdistrict", "submission__district", "classified_by"), pk=review_pk)
    return round_, review


@require_http_methods(["GET", "POST"])
def follow_up_visit(request, pk, review_pk):
    """The group's follow-up: its visits, the form to record one (district), the removal (province)."""
    round_, review = _visible_follow_up(request, pk, review_pk)
    today = timezone.localdate()
    form = FollowUpVisitForm(request.POST or None, initial={"visited_on": today})
    if request.method == "POST":
        permissions.require_district_officer(request.user, review.submission)
        if form.is_valid():
            try:
                follow_up.follow_up_record(review=review, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, f"บันทึกการติดตาม “{review.group.name}” แล้ว")
                return redirect(reverse("reviews:follow_up", kwargs={"pk": round_.pk}) + f"#follow-up-{review.pk}")
    return _render_visit(request, round_, review, form, FollowUpRemoveForm(), today)


def _render_visit(request, round_, review, form, remove_form, today):
    pending = review.follow_up_status in follow_up.PENDING
    return render(request, "reviews/follow_up_visit.html", {
        "round": round_, "review": review, "group": review.group, "form": form, "remove_form": remove_form,
        "visits": review.visits.select_related("recorded_by"),
        "events": history.group_round_events(review.group_id, round_.pk),
        "can_record": pending and permissions.is_district_officer_for(request.user, review.submission.district_id),
        "can_remove": review.follow_up_status == FollowUpStatus.REFUSED
        and permissions.is_province_reviewer_for(request.user, review.submission.district.province_id),
        "overdue": follow_up.is_overdue(review, today),
    })


@require_POST
def follow_up_remove(request, pk, review_pk):
    round_, review = _visible_follow_up(request, pk, review_pk)
    permissions.require_province_reviewer(request.user, review.submission.district.province_id)
    form = FollowUpRemoveForm(request.POST)
    if form.is_valid():
        try:
            follow_up.follow_up_remove(review=review, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"นำ “{review.group.name}” ออกจากฐานข้อมูลแล้ว")
            return redirect(reverse("reviews:follow_up", kwargs={"pk": round_.pk}) + f"#follow-up-{review.pk}")
    return _render_visit(request, round_, review, FollowUpVisitForm(initial={"visited_on": timezone.localdate()}),
                         form, timezone.localdate())
