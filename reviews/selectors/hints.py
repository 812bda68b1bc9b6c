"""Hints that save a district officer time: groups worth a second look. A hint is never a decision."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q

from reviews.models import GroupReview

STALE_AFTER_DAYS = 730  # figures older than two years


def stale_cutoff(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=STALE_AFTER_DAYS)


def with_duplicate_flag(reviews):
    """Annotates `has_duplicate`: another group of the same district with the same name in the same village."""
    twin = GroupReview.objects.filter(
        submission=OuterRef("submission"), group__village_id=OuterRef("group__village_id"),
        group__name=OuterRef("group__name"),
    ).exclude(pk=OuterRef("pk"))
    return reviews.annotate(has_duplicate=Exists(twin))


def check_q(today: dt.date) -> Q:
    """Reviews marked "check" (needs `with_duplicate_flag`)."""
    return ((Q(group__status="cancelled") & ~Q(category=3)) | Q(group__figures_as_of__lt=stale_cutoff(today)) | Q(group__figures_as_of__isnull=True)
            | Q(group__members_total=0) | Q(has_duplicate=True))


def hints_for(review, today: dt.date) -> list[str]:
    """The Thai hints for one review row (needs `with_duplicate_flag`)."""
    group, hints = review.group, []
    if group.status == "cancelled" and review.category != 3:
        hints.append("ยกเลิกระหว่างรอบ ควรจัดเป็นประเภทที่ 3")
    if group.figures_as_of is None:
        hints.append("ไม่มีวันที่ของข้อมูล")
    elif group.figures_as_of < stale_cutoff(today):
        hints.append("ข้อมูลเก่ากว่า 2 ปี")
    if group.members_total == 0:
        hints.append("ไม่มีสมาชิก")
    if getattr(review, "has_duplicate", False):
        hints.append("ชื่อซ้ำในหมู่บ้านเดียวกัน")
    return hints
