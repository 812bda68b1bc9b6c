"""Everything that writes a review round. Each function checks the actor, runs in one transaction
and records what it did as ReviewEvent rows (who, when, from, to, note).

`now` is a parameter everywhere the deadline matters, so the rules can be tested with a fixed clock.
Row locks: the submission first, then its reviews by primary key, then groups (core.locks).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core import thai
from geo.models import District
from groups import services as group_services
from groups.models import SavingsGroup
from reviews import permissions
from reviews.models import GroupReview, ReviewEvent, Round, Submission
from reviews.selectors.submission import not_in_round
from reviews.services import follow_up, workflow

# Who may open a round (the page says it too).
ROUND_OPEN_REFUSED = "เฉพาะเจ้าหน้าที่สำนักงานพัฒนาชุมชนจังหวัดเท่านั้นที่เปิดรอบการทบทวนได้"

Status = Submission.Status
DETAIL_FIELDS = ["category", "issues", "note", "follow_up_officer", "next_follow_up_on", "intention",
                 "defunct_reason"]


@transaction.atomic
def round_open(*, actor, title: str, reference_number: str, letter_date: dt.date, due_on: dt.date,
               locked_after: dt.date | None = None, now: dt.datetime | None = None) -> Round:
    """The province opens a round: every active group of every district of the province is in it."""
    if not permissions.can_open_round(actor):
        raise PermissionDenied(ROUND_OPEN_REFUSED)
    now = now or timezone.now()
    round_ = Round(province_id=actor.office.province_id, title=title.strip(),
                   reference_number=reference_number.strip(), letter_date=letter_date, due_on=due_on,
                   locked_after=locked_after, opened_by=actor, opened_at=now)
    round_.full_clean()
    round_.save()
    districts = list(District.objects.filter(province_id=round_.province_id).values_list("pk", flat=True))
    submissions = [Submission(round=round_, district_id=code) for code in districts]
    for submission in submissions:  # entering the round is a status move too (core.machine)
        workflow.SUBMISSION_STATUS.check("", submission.status)
    Submission.objects.bulk_create(submissions)
    submission_ids = dict(Submission.objects.filter(round=round_).values_list("district_id", "pk"))
    groups = SavingsGroup.objects.active().filter(district_id__in=districts).values_list("pk", "district_id")
    GroupReview.objects.bulk_create(
        [GroupReview(round=round_, submission_id=submission_ids[district_id], group_id=pk)
         for pk, district_id in groups.iterator(chunk_size=2000)],
        batch_size=1000,
    )
    count = GroupReview.objects.filter(round=round_).count()
    ReviewEvent.objects.create(round=round_, kind=ReviewEvent.Kind.ROUND_OPENED, actor=actor, at=now,
                               note=f"{len(districts)} อำเภอ {count:,} กลุ่ม")
    return round_


def _lock_submission(submission) -> Submission:
    return Submission.objects.select_for_update(of=("self",), no_key=True).select_related("round", "district").get(pk=submission.pk)


def _require_district_can_edit(submission, actor, now):
    permissions.require_district_officer(actor, submission)
    if submission.round.is_locked(timezone.localdate(now)):
        raise ValidationError("รอบการทบทวนนี้ปิดการแก้ไขแล้ว")
    if not submission.district_can_edit(timezone.localdate(now)):
        raise ValidationError(f"ผลการทบทวนอยู่ในสถานะ “{submission.get_status_display()}” อำเภอแก้ไขไม่ได้ "
                              "จนกว่าจังหวัดจะส่งกลับ")


def _start(submission, actor, now):
    if submission.status == Status.NOT_STARTED:
        workflow.move(submission, to=Status.IN_PROGRESS, actor=actor, now=now)


def apply_details(review: GroupReview, data: dict):
    """Sets a review's category and details and validates them (Thai messages, nothing saved)."""
    for name in DETAIL_FIELDS:
        if name in data:
            value = data[name]
            if isinstance(value, str):
                value = value.strip()
            if value is None and name in ("note", "follow_up_officer", "intention", "defunct_reason"):
                value = ""
            if value is None and name == "issues":
                value = []
            setattr(review, name, value)
    if review.category is not None:
        review.category = int(review.category)
    review.clear_details_for_category()
    # The model's clean() holds the rules; the DB constraints back them up on save.
    try:
        review.full_clean(exclude=["round", "submission", "group", "classified_by"], validate_unique=False,
                          validate_constraints=False)
    except ValidationError as error:
        raise ValidationError({name: [_thai(e) for e in errors] for name, errors in error.error_dict.items()}) \
            from error


# What submitting to the province needs (shown by reviews.forms.SubmitForm too), and returning it.
SUBMIT_REQUIRED = {
    "signer_role": "กรุณาเลือกผู้ลงนาม (นายอำเภอ หรือปลัดอำเภอผู้ได้รับมอบหมาย)",
    "signer_name": "กรุณากรอกชื่อผู้ลงนาม",
    "signer_position": "กรุณากรอกตำแหน่งผู้ลงนาม",
    "letter_number": "กรุณากรอกเลขที่หนังสือของอำเภอ",
    "letter_date": "กรุณากรอกวันที่ของหนังสือ",
}
RETURN_REASON_REQUIRED = "กรุณาระบุเหตุผลที่ส่งกลับให้อำเภอแก้ไข"


# Django's own model checks say the review form's words; a length limit is the catalogue's (locale/th).
THAI_MODEL_MESSAGES = {
    "invalid_choice": "ตัวเลือกไม่ถูกต้อง กรุณาเลือกจากรายการ",
    "invalid": "รูปแบบไม่ถูกต้อง",
}


def _thai(error: ValidationError) -> ValidationError:
    template = THAI_MODEL_MESSAGES.get(error.code)
    if template is None:
        return error
    return ValidationError(template.format(**(error.params or {})), code=error.code)


def _classified_event(review, before, actor, now, note=""):
    return ReviewEvent(round_id=review.round_id, submission_id=review.submission_id, group_id=review.group_id,
                       kind=ReviewEvent.Kind.CLASSIFIED, from_value="" if before is None else str(before),
                       to_value="" if review.category is None else str(review.category),
                       note=note or review.reason_text(), actor=actor, at=now)


@transaction.atomic
def review_classify(*, review: GroupReview, actor, data: dict, now: dt.datetime | None = None) -> GroupReview:
    """The district sets one group's category (1, 2 with its details, 3 with its reason)."""
    now = now or timezone.now()
    submission = _lock_submission(review.submission)
    _require_district_can_edit(submission, actor, now)
    review = GroupReview.objects.select_for_update(of=("self",), no_key=True).get(pk=review.pk, submission=submission)
    before = review.category
    apply_details(review, data)
    review.classified_at, review.classified_by = now, actor
    review.save()
    _classified_event(review, before, actor, now).save()
    _start(submission, actor, now)
    return review


@transaction.atomic
def reviews_mark_compliant(*, submission: Submission, review_ids, actor, now: dt.datetime | None = None) -> int:
    """Bulk: the chosen groups of this district become category 1 in one action."""
    now = now or timezone.now()
    submission = _lock_submission(submission)
    _require_district_can_edit(submission, actor, now)
    reviews = list(GroupReview.objects.filter(submission=submission, pk__in=list(review_ids))
                   .exclude(group__status=SavingsGroup.Status.CANCELLED)  # never category 1 in bulk
                   .select_for_update(of=("self",), no_key=True).order_by("pk")
                   .only("pk", "round_id", "submission_id", "group_id", "category"))
    events = [_classified_event(r, r.category, actor, now, note="จัดประเภทหลายกลุ่มพร้อมกัน")
              for r in reviews if r.category != GroupReview.Category.COMPLIANT]
    for event in events:
        event.to_value = str(GroupReview.Category.COMPLIANT)
    GroupReview.objects.filter(pk__in=[r.pk for r in reviews]).update(
        category=GroupReview.Category.COMPLIANT, issues=[], follow_up_officer="", next_follow_up_on=None,
        intention="", defunct_reason="", classified_at=now, classified_by=actor,
    )
    ReviewEvent.objects.bulk_create(events, batch_size=1000)
    _start(submission, actor, now)
    return len(reviews)


@dataclass
class SheetRow:
    """One row of an uploaded review sheet, checked: the review it changes, the new values, errors."""

    line: int
    code: str
    review: GroupReview | None = None
    data: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    changed: bool = False
    new_category: int | None = None


@transaction.atomic
def reviews_apply_sheet(*, submission: Submission, rows: list[SheetRow], actor,
                        now: dt.datetime | None = None) -> int:
    """Saves a checked review sheet: all rows or, if any row has an error, none."""
    now = now or timezone.now()
    submission = _lock_submission(submission)
    _require_district_can_edit(submission, actor, now)
    if any(row.errors for row in rows):
        raise ValidationError("ไฟล์มีข้อผิดพลาด ยังไม่ได้บันทึกรายการใด")
    changed = [row for row in rows if row.changed]
    reviews = GroupReview.objects.select_for_update(of=("self",), no_key=True).order_by("pk").in_bulk([row.review.pk for row in changed])
    events, updates = [], []
    for row in changed:
        review = reviews[row.review.pk]
        if review.submission_id != submission.pk:
            raise ValidationError(f"แถวที่ {row.line}: กลุ่มนี้ไม่อยู่ในผลการทบทวนของอำเภอนี้")
        before = review.category
        apply_details(review, row.data)
        review.classified_at, review.classified_by = now, actor
        updates.append(review)
        events.append(_classified_event(review, before, actor, now, note=f"จากไฟล์แบบทบทวน: {review.reason_text()}"
                                        .rstrip(": ")))
    GroupReview.objects.bulk_update(updates, DETAIL_FIELDS + ["classified_at", "classified_by"], batch_size=500)
    ReviewEvent.objects.bulk_create(events, batch_size=1000)
    if updates:
        _start(submission, actor, now)
    return len(updates)


def groups_not_in_round(submission):
    """Active groups of the district that are not in the round (created in the registry after it opened)."""
    return not_in_round(submission.district_id, submission.round_id)


@transaction.atomic
def reviews_add_new_groups(*, submission: Submission, actor, now: dt.datetime | None = None) -> int:
    """The district adds the groups created since the round opened, so it classifies them too."""
    now = now or timezone.now()
    submission = _lock_submission(submission)
    _require_district_can_edit(submission, actor, now)
    groups = list(groups_not_in_round(submission).values_list("pk", "code"))
    if not groups:
        raise ValidationError("ไม่มีกลุ่มใหม่ที่ยังไม่อยู่ในรอบนี้")
    GroupReview.objects.bulk_create([GroupReview(round_id=submission.round_id, submission=submission, group_id=pk)
                                     for pk, _code in groups], batch_size=1000)
    codes = ", ".join(code for _pk, code in groups[:20]) + (" …" if len(groups) > 20 else "")
    ReviewEvent.objects.create(round_id=submission.round_id, submission=submission, kind=ReviewEvent.Kind.GROUPS_ADDED,
                               note=f"เพิ่ม {len(groups):,} กลุ่ม: {codes}", actor=actor, at=now)
    return len(groups)


def missing_reviews(submission):
    """The groups of a submission that still have no category (what stops the district submitting)."""
    return (GroupReview.objects.filter(submission=submission, category__isnull=True)
            .select_related("group__village__subdistrict").order_by("group__code"))


@transaction.atomic
def submission_submit(*, submission: Submission, actor, signer_role: str, signer_name: str, signer_position: str,
                      letter_number: str, letter_date: dt.date, now: dt.datetime | None = None) -> Submission:
    """The district sends its result with its letter; only when every group is classified."""
    now = now or timezone.now()
    submission = _lock_submission(submission)
    _require_district_can_edit(submission, actor, now)
    errors = {}
    if signer_role not in Submission.SignerRole.values:
        errors["signer_role"] = SUBMIT_REQUIRED["signer_role"]
    for name, value in [("signer_name", signer_name), ("signer_position", signer_position),
                        ("letter_number", letter_number)]:
        if not (value or "").strip():
            errors[name] = SUBMIT_REQUIRED[name]
    if not letter_date:
        errors["letter_date"] = SUBMIT_REQUIRED["letter_date"]
    missing = missing_reviews(submission).count()
    not_in_round = groups_not_in_round(submission).count()
    problems = []
    if missing:
        problems.append(f"ยังจัดประเภทไม่ครบ: เหลืออีก {missing:,} กลุ่ม")
    if not_in_round:
        problems.append(f"มีกลุ่มที่ดำเนินการอยู่ของอำเภอที่ยังไม่อยู่ในรอบนี้ {not_in_round:,} กลุ่ม "
                        "(กรุณาเพิ่มเข้ารอบและจัดประเภท)")
    if problems:
        errors["__all__"] = problems
    if errors:
        raise ValidationError(errors)
    submission.signer_role, submission.signer_name = signer_role, signer_name.strip()
    submission.signer_position, submission.letter_number = signer_position.strip(), letter_number.strip()
    submission.letter_date = letter_date
    submission.submitted_at, submission.submitted_by = now, actor
    submission.first_submitted_at = submission.first_submitted_at or now
    submission.is_late = not submission.round.is_on_time(now)
    note = f"หนังสือที่ {thai.to_arabic_digits(submission.letter_number)} ลงวันที่ {thai.format_date(letter_date, 'long')}"
    if submission.is_late:
        note += " (ส่งเกินกำหนด)"
    workflow.move(submission, to=Status.SUBMITTED, actor=actor, note=note, now=now)
    return submission


@transaction.atomic
def submission_return(*, submission: Submission, actor, reason: str, now: dt.datetime | None = None) -> Submission:
    """The province sends a submission back with a reason the district then sees."""
    now = now or timezone.now()
    submission = _lock_submission(submission)
    permissions.require_province_reviewer(actor, submission.district.province_id)
    if not (reason or "").strip():
        raise ValidationError({"reason": RETURN_REASON_REQUIRED})
    submission.return_reason = reason.strip()
    submission.decided_at, submission.decided_by = now, actor
    workflow.move(submission, to=Status.RETURNED, actor=actor, note=reason.strip(), now=now)
    return submission


@transaction.atomic
def submission_accept(*, submission: Submission, actor, now: dt.datetime | None = None) -> Submission:
    """The province accepts; category 3 groups and category 2 groups that refuse leave the active
    registry (status removed with the round and reason, never deleted). A late one stays late."""
    now = now or timezone.now()
    submission = _lock_submission(submission)
    permissions.require_province_reviewer(actor, submission.district.province_id)
    workflow.move(submission, to=Status.ACCEPTED, actor=actor, now=now)
    submission.decided_at, submission.decided_by = now, actor
    submission.save(update_fields=["decided_at", "decided_by"])
    # Already out of the registry (cancelled by the district meanwhile) is not removed again.
    leaving = (GroupReview.objects.filter(submission=submission).removed_on_acceptance()
               .select_related("group").order_by("group__code"))
    events = []
    for review in leaving:
        group = review.group
        reason = (f"ทบทวนฐานข้อมูลตามหนังสือจังหวัดที่ {thai.to_arabic_digits(submission.round.reference_number)}: "
                  f"{review.get_category_display()} · {review.reason_text()}")
        group_services.group_remove(group=group, actor=actor, reason=reason)
        events.append(ReviewEvent(round_id=submission.round_id, submission=submission, group_id=group.pk,
                                  kind=ReviewEvent.Kind.GROUP_REMOVED, from_value=SavingsGroup.Status.ACTIVE,
                                  to_value=SavingsGroup.Status.REMOVED, note=reason, actor=actor, at=now))
    # Category 2 groups that will correct now wait for their follow-up visit (reviews.services.follow_up):
    # entering the follow-up is a guarded move with its event, written with the removals'.
    correcting = GroupReview.objects.filter(submission=submission, category=GroupReview.Category.NON_COMPLIANT,
                                            intention=GroupReview.Intention.CORRECT).order_by("pk")
    events += follow_up.follow_ups_open(reviews=correcting, actor=actor, now=now)
    ReviewEvent.objects.bulk_create(events)
    return submission


def submissions_accept(*, submissions, actor, now: dt.datetime | None = None) -> list[Submission]:
    """Accepts several districts at once, all or none (the error names the district that failed)."""
    accepted = []
    with transaction.atomic():
        for submission in submissions:
            try:
                accepted.append(submission_accept(submission=submission, actor=actor, now=now))
            except ValidationError as error:
                raise ValidationError(f"{submission.district.display_name}: {' '.join(error.messages)}") from error
    return accepted
