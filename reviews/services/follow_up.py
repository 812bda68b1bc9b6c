"""Follow-up of category 2 groups that will correct, after the province accepted the district's result.

The follow-up status is a state machine (data below, one guard). A district officer records each visit
(`follow_up_record`): now compliant → the review becomes category 1 and the group is marked under the
regulation through groups.services (so the group's history shows it); still correcting → the next date;
refuses → the province removes the group (`follow_up_remove`) the same way acceptance does, with a reason.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from core import thai
from core.machine import Machine
from groups import services as group_services
from groups.models import GroupChange, SavingsGroup
from reviews import permissions
from reviews.models import FollowUpStatus, GroupReview, ReviewEvent
from reviews.models.follow_up import FollowUpVisit

Outcome = FollowUpVisit.Outcome

ALLOWED = {
    FollowUpStatus.OPEN: {FollowUpStatus.CORRECTING, FollowUpStatus.COMPLIANT, FollowUpStatus.REFUSED},
    FollowUpStatus.CORRECTING: {FollowUpStatus.CORRECTING, FollowUpStatus.COMPLIANT, FollowUpStatus.REFUSED},
    FollowUpStatus.REFUSED: {FollowUpStatus.REMOVED},
    FollowUpStatus.COMPLIANT: set(),
    FollowUpStatus.REMOVED: set(),
}
# Statuses whose next follow-up date still matters (overdue once it has passed).
PENDING = [FollowUpStatus.OPEN, FollowUpStatus.CORRECTING]
# A category 2 group that will correct enters the follow-up when the province accepts (open).
FOLLOW_UP_STATUS = Machine(field="follow_up_status", choices=FollowUpStatus, initial={FollowUpStatus.OPEN},
                           moves=ALLOWED, label="สถานะการติดตาม",
                           not_started_message="กลุ่มนี้ไม่อยู่ในรายการกลุ่มที่ต้องติดตาม")


def can_move(review: GroupReview, to: str) -> bool:
    return bool(review.follow_up_status) and FOLLOW_UP_STATUS.can(review.follow_up_status, to)


def guard(review: GroupReview, to: str):
    """Refuses a move the map does not allow, with a Thai message."""
    FOLLOW_UP_STATUS.check(review.follow_up_status, to)


def _event(review, *, before, to, actor, note, now) -> ReviewEvent:
    return ReviewEvent(
        round_id=review.round_id, submission_id=review.submission_id, group_id=review.group_id,
        kind=ReviewEvent.Kind.FOLLOW_UP, from_value=before, to_value=to, note=note, actor=actor, at=now,
    )


def move(review: GroupReview, *, to: str, actor, note: str, now) -> ReviewEvent:
    """The only place a follow-up status changes; records the event in the caller's transaction."""
    before = FOLLOW_UP_STATUS.move(review, to)
    review.save()
    event = _event(review, before=before, to=to, actor=actor, note=note, now=now)
    event.save()
    return event


def follow_ups_open(*, reviews, actor, now, note: str = "") -> list[ReviewEvent]:
    """Enters each review into the follow-up (open), in one update; returns the entry events
    unsaved, for the caller to write with its own (reviews.services.submission_accept)."""
    reviews = list(reviews)
    events = []
    for review in reviews:
        before = FOLLOW_UP_STATUS.move(review, FollowUpStatus.OPEN)
        events.append(_event(review, before=before, to=FollowUpStatus.OPEN, actor=actor, note=note, now=now))
    if reviews:
        GroupReview.objects.filter(pk__in=[r.pk for r in reviews]).update(follow_up_status=FollowUpStatus.OPEN)
    return events


def overdue_q(today: dt.date) -> Q:
    """Pending follow-ups whose next date has passed (the same rule as `is_overdue`, in SQL)."""
    return Q(follow_up_status__in=PENDING, next_follow_up_on__lt=today)


def is_overdue(review: GroupReview, today: dt.date) -> bool:
    """A pending follow-up whose next date has passed (the same rule as `overdue_q`, for a row)."""
    return bool(review.follow_up_status in PENDING and review.next_follow_up_on
                and review.next_follow_up_on < today)


def follow_up_reviews(round_, user, today: dt.date):
    """The round's followed-up reviews the user may see (a plain join: no per-row subquery)."""
    return GroupReview.objects.visible_to(user).filter(round=round_).exclude(follow_up_status="")


def mark_page(reviews, today: dt.date) -> list[GroupReview]:
    """Sets `last_visit_on` and `overdue` on one page of reviews (one grouped query for the page)."""
    reviews = list(reviews)
    last = dict(FollowUpVisit.objects.filter(review__in=[r.pk for r in reviews]).order_by()
                .values("review_id").annotate(last=Max("visited_on")).values_list("review_id", "last"))
    for review in reviews:
        review.last_visit_on = last.get(review.pk)
        review.overdue = is_overdue(review, today)
    return reviews


def district_summary(reviews, today: dt.date) -> list[dict]:
    """One row per district: how many groups stand where, and how many are overdue (one query)."""
    counts = {f"n_{status}": Count("pk", filter=Q(follow_up_status=status)) for status in FollowUpStatus.values}
    return list(reviews.order_by().values("submission__district_id", "submission__district__name_th")
                .annotate(total=Count("pk"), overdue_count=Count("pk", filter=overdue_q(today)), **counts)
                .order_by("submission__district_id"))


REMOVE_REASON_REQUIRED = "กรุณาระบุเหตุผลที่นำกลุ่มออกจากฐานข้อมูล"


def check_visit_details(*, visited_on, outcome, note, next_follow_up_on, today=None):
    """A visit's own rules (the service and reviews.forms.FollowUpVisitForm both use them)."""
    errors = _visit_errors(visited_on, outcome, note, next_follow_up_on, today or timezone.localdate())
    if errors:
        raise ValidationError(errors)


def _visit_errors(visited_on, outcome, note, next_follow_up_on, today):
    errors = {}
    if not visited_on:
        errors["visited_on"] = "กรุณากรอกวันที่ติดตาม"
    elif visited_on > today:
        errors["visited_on"] = "วันที่ติดตามต้องไม่เกินวันนี้"
    if outcome not in Outcome.values:
        errors["outcome"] = "กรุณาเลือกผลการติดตาม"
    if outcome == Outcome.CORRECTING:
        if not next_follow_up_on:
            errors["next_follow_up_on"] = "กลุ่มยังอยู่ระหว่างปรับปรุงแก้ไข กรุณากำหนดวันที่ติดตามครั้งถัดไป"
        elif visited_on and next_follow_up_on <= visited_on:
            errors["next_follow_up_on"] = "วันที่ติดตามครั้งถัดไปต้องอยู่หลังวันที่ติดตามครั้งนี้"
    if outcome == Outcome.REFUSED and not note:
        errors["note"] = "กรุณาบันทึกเหตุผลที่กลุ่มไม่ประสงค์ดำเนินการตามระเบียบฯ"
    return errors


def _check_visit(review, visited_on, outcome, note, next_follow_up_on, today):
    errors = _visit_errors(visited_on, outcome, note, next_follow_up_on, today)
    if review.group.status != SavingsGroup.Status.ACTIVE:
        errors["__all__"] = f"กลุ่มนี้อยู่ในสถานะ “{review.group.get_status_display()}” แล้ว บันทึกการติดตามไม่ได้"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def follow_up_record(*, review: GroupReview, actor, visited_on: dt.date | None, outcome: str, note: str = "",
                     next_follow_up_on: dt.date | None = None, now: dt.datetime | None = None) -> FollowUpVisit:
    """A district officer records one follow-up visit and its outcome (one event, nothing else on error)."""
    now = now or timezone.now()
    review = (GroupReview.objects.select_for_update(of=("self",), no_key=True).select_related("submission__round", "group")
              .get(pk=review.pk))
    permissions.require_district_officer(actor, review.submission)
    note = (note or "").strip()
    _check_visit(review, visited_on, outcome, note, next_follow_up_on, timezone.localdate(now))
    guard(review, outcome)
    visit = FollowUpVisit.objects.create(
        review=review, visited_on=visited_on, outcome=outcome, note=note, recorded_by=actor, recorded_at=now,
        next_follow_up_on=next_follow_up_on if outcome == Outcome.CORRECTING else None,
    )
    text = f"ติดตามเมื่อ {thai.format_date(visited_on, 'long')}"
    if outcome == Outcome.CORRECTING:
        review.next_follow_up_on = next_follow_up_on
        text += f" · ติดตามครั้งถัดไป {thai.format_date(next_follow_up_on, 'long')}"
    elif outcome == Outcome.COMPLIANT:
        ReviewEvent.objects.create(
            round_id=review.round_id, submission_id=review.submission_id, group_id=review.group_id,
            kind=ReviewEvent.Kind.CLASSIFIED, from_value=str(review.category),
            to_value=str(GroupReview.Category.COMPLIANT), actor=actor, at=now,
            note=f"ผลการติดตามเมื่อ {thai.format_date(visited_on, 'long')}: ดำเนินการตามระเบียบฯ แล้ว",
        )
        review.category = GroupReview.Category.COMPLIANT
        review.clear_details_for_category()  # a category 1 review keeps no category 2 details
        review.classified_at, review.classified_by = now, actor
        group_services.group_update(group=review.group, actor=actor, data={"under_regulation": True},
                                    source=GroupChange.Source.REVIEW)
    elif outcome == Outcome.REFUSED:
        review.intention = GroupReview.Intention.REFUSE
    move(review, to=outcome, actor=actor, note=f"{text}: {note}" if note else text, now=now)
    return visit


@transaction.atomic
def follow_up_remove(*, review: GroupReview, actor, reason: str, now: dt.datetime | None = None) -> GroupReview:
    """The province takes a group that refuses out of the active registry, as acceptance does (never deleted)."""
    now = now or timezone.now()
    review = (GroupReview.objects.select_for_update(of=("self",), no_key=True)
              .select_related("submission__round", "submission__district", "group").get(pk=review.pk))
    permissions.require_province_reviewer(actor, review.submission.district.province_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": REMOVE_REASON_REQUIRED})
    guard(review, FollowUpStatus.REMOVED)
    group = review.group
    full_reason = (f"ติดตามกลุ่มประเภทที่ 2 ตามหนังสือจังหวัดที่ {thai.to_arabic_digits(review.submission.round.reference_number)}: "
                   f"ไม่ประสงค์ดำเนินการตามระเบียบฯ · {reason}")
    if group.status == SavingsGroup.Status.ACTIVE:
        group_services.group_remove(group=group, actor=actor, reason=full_reason)
        ReviewEvent.objects.create(
            round_id=review.round_id, submission_id=review.submission_id, group_id=group.pk,
            kind=ReviewEvent.Kind.GROUP_REMOVED, from_value=SavingsGroup.Status.ACTIVE,
            to_value=SavingsGroup.Status.REMOVED, note=full_reason, actor=actor, at=now,
        )
    move(review, to=FollowUpStatus.REMOVED, actor=actor, note=reason, now=now)
    return review
