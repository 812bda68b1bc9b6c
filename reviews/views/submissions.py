"""One district's submission: the classification page (district) that the province also opens to
decide, one group's category, the bulk "category 1", the offline sheet, submitting, returning and
accepting. Lookups go through visible_to(user) (else 404); the guards in services decide writes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from core.pages import form_saved, htmx_template, query_without_page
from core.prepared import one_or_404
from core.uploads.pending import pending_discard
from groups.models import SavingsGroup
from reviews import permissions, services, sheets
from reviews.forms import (
    HINT_CANCELLED,
    HINT_CHECK,
    UNCLASSIFIED,
    ReturnForm,
    ReviewFilterForm,
    ReviewForm,
    SheetUploadForm,
    SubmitForm,
)
from reviews.models import GroupReview, ReviewEvent, Submission
from reviews.selectors import hints, history, lookup
from reviews.selectors.rows import review_rows
from reviews.selectors.submission import ORDER, PAGE_SIZE, count_not_in_round, first_page, submission_reviews
from reviews.selectors.submission import progress as submission_progress
from reviews.views.rounds import XLSX

FILTER_KEYS = ["subdistrict", "category", "hint", "q"]


def visible_submission(request, pk):
    return one_or_404(lookup.visible_submission(request.user, pk))


def _require_district_edit(request, submission, today):
    permissions.require_district_officer(request.user, submission)
    if not submission.district_can_edit(today):
        raise PermissionDenied("ผลการทบทวนนี้แก้ไขไม่ได้ในขณะนี้")


def filtered_reviews(submission, params, today):
    """The submission's reviews with the page's filters applied (shared by the page and the bulk action)."""
    form = _filter_form(submission, params)
    return form, _filtered(form, submission, today)


def _filter_form(submission, params):
    return ReviewFilterForm(params or None, district=submission.district)


def _filtered(form, submission, today):
    reviews = submission_reviews(submission.pk)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if data.get("subdistrict"):
        reviews = reviews.filter(group__village__subdistrict=data["subdistrict"])
    category = data.get("category")
    if category == UNCLASSIFIED:
        reviews = reviews.filter(category__isnull=True)
    elif category:
        reviews = reviews.filter(category=int(category))
    if data.get("hint") == HINT_CHECK:
        reviews = reviews.filter(hints.check_q(today))
    elif data.get("hint") == HINT_CANCELLED:
        reviews = reviews.filter(group__status=SavingsGroup.Status.CANCELLED)
    query = (data.get("q") or "").strip()
    if query:
        reviews = reviews.filter(Q(group__name__icontains=query) | Q(group__code__icontains=query))
    return reviews.order_by(*ORDER)


def _narrows(form) -> bool:
    """Whether the page's filters leave out any review (as filtered_reviews applies them)."""
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return bool(data.get("subdistrict") or data.get("category") or data.get("hint") or (data.get("q") or "").strip())


@require_http_methods(["GET"])
def submission_detail(request, pk):
    submission = visible_submission(request, pk)
    today = timezone.localdate()
    form = _filter_form(submission, request.GET)
    progress = submission_progress(submission.pk)
    narrowed = _narrows(form)
    if narrowed:
        paginator = Paginator(_filtered(form, submission, today), PAGE_SIZE)
    else:  # every review matches: the count is already known, and only the page number is asked of it
        paginator = Paginator(range(progress["total"]), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    round_ = submission.round
    is_officer = permissions.is_district_officer_for(request.user, submission.district_id)
    can_edit = is_officer and submission.district_can_edit(today)
    if narrowed:
        shown = page.object_list
    elif page.number == 1:  # the page as it opens: the same query on every view, prepared
        shown = first_page(submission.pk)
    else:
        shown = _filtered(form, submission, today)[page.start_index() - 1:page.end_index()]
    page.object_list = review_rows(shown, submission=submission, full_path=request.get_full_path(),
                                   today=today, can_edit=can_edit)
    not_in_round = 0 if submission.status == Submission.Status.ACCEPTED else \
        count_not_in_round(submission)
    context = {
        "submission": submission, "round": round_, "form": form, "page": page, "progress": progress,
        "query": query_without_page(request.GET, keep=FILTER_KEYS), "today": today, "days_left": round_.days_left(today),
        "locked": round_.is_locked(today),
        "can_edit": can_edit,
        "can_decide": permissions.is_province_reviewer_for(request.user, submission.district.province_id)
        and submission.status == Submission.Status.SUBMITTED,
        "events": history.submission_events(submission.pk),
        "not_in_round": not_in_round,
    }
    return render(request, htmx_template(request, "reviews/submission_detail.html", "results"), context)


@require_http_methods(["GET", "POST"])
def review_edit(request, pk, review_pk):
    submission = visible_submission(request, pk)
    review = next(iter(history.review_with_group(submission.pk, review_pk)), None)
    if review is None:
        raise Http404("ไม่พบกลุ่มนี้ในผลการทบทวนของอำเภอ")
    today = timezone.localdate()
    can_edit = permissions.is_district_officer_for(request.user, submission.district_id) \
        and submission.district_can_edit(today)
    if request.method == "POST":
        _require_district_edit(request, submission, today)
    form = ReviewForm(request.POST or None, initial=ReviewForm.initial_for(review))
    if form_saved(request, form, lambda: services.review_classify(review=review, actor=request.user, data=form.cleaned_data)):
        messages.success(request, f"บันทึกประเภทของ “{review.group.name}” แล้ว")
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = submission_url(submission)
        return redirect(f"{target}#review-{review.pk}")
    return render(request, "reviews/review_form.html", {
        "submission": submission, "review": review, "group": review.group, "form": form, "can_edit": can_edit,
        "hints": hints.hints_for(review, today),
        "events": history.group_round_events(review.group_id, submission.round_id),
        "next": request.GET.get("next") or request.POST.get("next", ""),
    })


def submission_url(submission):
    from django.urls import reverse

    return reverse("reviews:submission", kwargs={"pk": submission.pk})


def _bulk_selection(submission, params, today):
    form, reviews = filtered_reviews(submission, params, today)
    if params.get("scope") == "all":
        return form, reviews
    ids = [value for value in params.getlist("review") if value.isdigit()]
    return form, reviews.filter(pk__in=ids)


def _filter_labels(form):
    """The active filters in words (ตำบล: บ่อแฮ้ว), for the confirmation."""
    if not (form.is_bound and form.is_valid()):
        return []
    labels = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if not value:
            continue
        if hasattr(field, "choices") and not hasattr(value, "pk"):
            value = dict(field.choices).get(value, value)
        labels.append(f"{field.label}: {value}")
    return labels


@require_http_methods(["GET", "POST"])
def bulk_compliant(request, pk):
    """Step 1 (GET) states how many groups will become category 1; step 2 (POST) does it."""
    submission = visible_submission(request, pk)
    today = timezone.localdate()
    _require_district_edit(request, submission, today)
    params = request.POST if request.method == "POST" else request.GET
    form, selection = _bulk_selection(submission, params, today)
    # A group the district cancelled during the round is never category 1 (typically 3): left out.
    cancelled = selection.filter(group__status=SavingsGroup.Status.CANCELLED).count()
    selection = selection.exclude(group__status=SavingsGroup.Status.CANCELLED)
    count = selection.count()
    expected = params.get("expected", "")
    changed_meanwhile = request.method == "POST" and expected.isdigit() and int(expected) != count
    if changed_meanwhile:
        messages.warning(request, f"จำนวนกลุ่มเปลี่ยนจาก {int(expected):,} เป็น {count:,} กลุ่มระหว่างยืนยัน "
                                  "กรุณาตรวจสอบและยืนยันอีกครั้ง")
    if request.method == "POST" and count and not changed_meanwhile:
        try:
            done = services.reviews_mark_compliant(submission=submission, actor=request.user,
                                                   review_ids=selection.values_list("pk", flat=True))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"จัดเป็นประเภทที่ 1 แล้ว {done:,} กลุ่ม")
        return redirect(submission_url(submission) + ("?" + query_without_page(params, keep=FILTER_KEYS) if query_without_page(params, keep=FILTER_KEYS) else ""))
    if not count:
        messages.error(request, "ยังไม่ได้เลือกกลุ่ม: เลือกกลุ่มในตาราง หรือกด “ทั้งหมดที่ตรงกับตัวกรอง”")
        return redirect(submission_url(submission) + ("?" + query_without_page(params, keep=FILTER_KEYS) if query_without_page(params, keep=FILTER_KEYS) else ""))
    other = selection.filter(category__in=[2, 3]).count()
    return render(request, "reviews/bulk_confirm.html", {
        "submission": submission, "count": count, "other": other, "form": form,
        "scope": params.get("scope", "selected"), "ids": params.getlist("review"),
        "filters": [(key, params.get(key)) for key in FILTER_KEYS if params.get(key)],
        "filter_labels": _filter_labels(form), "cancelled": cancelled,
        "sample": selection.select_related("group")[:10],
    })


@require_POST
def add_new_groups(request, pk):
    """Puts the district's groups created since the round opened into the round, to be classified."""
    submission = visible_submission(request, pk)
    _require_district_edit(request, submission, timezone.localdate())
    try:
        added = services.reviews_add_new_groups(submission=submission, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"เพิ่มกลุ่มใหม่เข้ารอบแล้ว {added:,} กลุ่ม กรุณาจัดประเภทให้ครบ")
    return redirect(submission_url(submission) + "?category=none")


@require_http_methods(["GET"])
def sheet_download(request, pk):
    submission = visible_submission(request, pk)
    today = timezone.localdate()
    reviews = hints.with_duplicate_flag(GroupReview.objects.filter(submission=submission)
                                        .select_related("group__village__subdistrict")).order_by("group__code")
    response = HttpResponse(sheets.build_sheet(submission, reviews, today), content_type=XLSX)
    response["Content-Disposition"] = (f'attachment; filename="review-sheet-{submission.district_id}-'
                                       f'round-{submission.round_id}.xlsx"')
    return response


@require_http_methods(["GET", "POST"])
def sheet_upload(request, pk):
    """Upload → preview (every row checked, nothing saved) → confirm (all rows saved, or none)."""
    submission = visible_submission(request, pk)
    today = timezone.localdate()
    _require_district_edit(request, submission, today)
    form = SheetUploadForm(request.POST or None, request.FILES or None)
    rows, file_error, pending = None, None, None
    if request.method == "POST" and request.POST.get("action") == "confirm":
        pending = sheets.pending_upload(submission, request.user, request.POST.get("token"))
        if pending is None:
            messages.error(request, "ไม่พบไฟล์ที่ตรวจสอบไว้ กรุณาอัปโหลดใหม่")
            return redirect("reviews:sheet_upload", pk=submission.pk)
        try:
            rows = sheets.read_sheet(submission, pending.path)
            saved = services.reviews_apply_sheet(submission=submission, rows=rows, actor=request.user)
        except ValidationError as error:
            file_error = " ".join(error.messages)
        else:
            pending_discard(pending)
            messages.success(request, f"บันทึกจากไฟล์แล้ว {saved:,} กลุ่ม")
            return redirect("reviews:submission", pk=submission.pk)
    elif request.method == "POST" and form.is_valid():
        try:
            pending = sheets.store_upload(submission, form.cleaned_data["file"], request.user)
            rows = sheets.read_sheet(submission, pending.path)
        except ValidationError as error:
            form.add_error("file", error.messages)
            if pending is not None:
                pending_discard(pending)
            pending = None
    errors = [row for row in rows or [] if row.errors]
    changed = sum(1 for row in rows or [] if row.changed)
    if pending is not None and (errors or not changed):
        pending_discard(pending)  # nothing to confirm: the file is not kept
        pending = None
    return render(request, "reviews/sheet_upload.html", {
        "submission": submission, "form": form, "rows": rows, "errors": errors, "file_error": file_error,
        "changed": changed, "pending": pending,
    })


@require_http_methods(["GET", "POST"])
def submission_submit(request, pk):
    submission = visible_submission(request, pk)
    today = timezone.localdate()
    _require_district_edit(request, submission, today)
    office = request.user.office
    initial = {"signer_role": submission.signer_role or Submission.SignerRole.CHIEF,
               "signer_name": submission.signer_name or office.chief_name,
               "signer_position": submission.signer_position or office.chief_title,
               "letter_number": submission.letter_number or (f"{office.document_prefix}/" if office.document_prefix else ""),
               "letter_date": submission.letter_date or today}
    form = SubmitForm(request.POST or None, initial=initial)
    if form_saved(request, form, lambda: services.submission_submit(submission=submission, actor=request.user, **form.cleaned_data)):
        messages.success(request, f"ส่งผลการทบทวนของ{submission.district.display_name}ให้จังหวัดแล้ว")
        return redirect("reviews:submission", pk=submission.pk)
    return render(request, "reviews/submit_form.html", {
        "submission": submission, "form": form, "missing": services.missing_reviews(submission),
        "not_in_round": services.groups_not_in_round(submission).select_related("village__subdistrict"),
        "days_left": submission.round.days_left(today),
    })


@require_http_methods(["GET", "POST"])
def submission_return(request, pk):
    submission = visible_submission(request, pk)
    permissions.require_province_reviewer(request.user, submission.district.province_id)
    form = ReturnForm(request.POST or None)
    if form_saved(request, form, lambda: services.submission_return(submission=submission, actor=request.user, reason=form.cleaned_data["reason"])):
        messages.success(request, f"ส่งผลการทบทวนของ{submission.district.display_name}กลับให้แก้ไขแล้ว")
        return redirect("reviews:round", pk=submission.round_id)
    return render(request, "reviews/return_form.html", {"submission": submission, "form": form})


@require_POST
def submission_accept(request, pk):
    submission = visible_submission(request, pk)
    permissions.require_province_reviewer(request.user, submission.district.province_id)
    try:
        services.submission_accept(submission=submission, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reviews:submission", pk=submission.pk)
    removed = ReviewEvent.objects.filter(submission=submission, kind=ReviewEvent.Kind.GROUP_REMOVED).count()
    messages.success(request, f"รับผลการทบทวนของ{submission.district.display_name}แล้ว "
                              f"นำกลุ่มออกจากฐานข้อมูล {removed:,} กลุ่ม")
    return redirect("reviews:round", pk=submission.round_id)
