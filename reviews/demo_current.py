"""The demo's current round, dated from the day the demo is seeded: beside the letter's 2567 round
(kept as history), Lampang asks again, due in 3 days, with its districts at every stage, and Surat
Thani runs a round due in 10 days. So the home pages, the dashboard and the reminders show a
realistic state on the day the demo is run. Idempotent: matched by reference number."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.thai import to_thai_digits
from reviews import services
from reviews.demo import _at
from reviews.models import GroupReview, Round, Submission

# province → (reference, days from today to the deadline, {district: (share classified, stage)})
ROUNDS = {
    "52": ("ลป ๐๐๑๙.๔/ว ๓๑๐๒", 3, {
        "5201": (1.0, "returned"), "5202": (1.0, "accepted"), "5203": (1.0, "submitted"),
        "5204": (0.5, "in_progress"), "5205": (0.9, "in_progress"), "5206": (1.0, "submitted"),
    }),
    "84": ("สฎ ๐๐๑๙.๔/ว ๑๕๒๐", 10, {"8401": (0.4, "in_progress"), "8402": (1.0, "submitted")}),
}
RETURN_REASON = ("กลุ่มประเภทที่ 2 จำนวนหนึ่งยังไม่ระบุวันที่ติดตามครั้งถัดไปให้ถูกต้อง และกลุ่มที่มีข้อสังเกต "
                 "“ข้อมูลเก่ากว่า 2 ปี” ขอให้ตรวจสอบและปรับปรุงข้อมูลสมาชิกและเงินสัจจะก่อนส่งอีกครั้ง")


def _title(today: dt.date) -> str:
    return f"การตรวจสอบและทบทวนฐานข้อมูลกลุ่มออมทรัพย์เพื่อการผลิต ปี {today.year + 543}"


def _classify(submission, officer, share, rng, day):
    reviews = list(GroupReview.objects.filter(submission=submission, category__isnull=True)
                   .select_related("group").order_by("group__code"))
    chosen = reviews[: round(len(reviews) * share)]
    compliant = []
    for review in chosen:
        group = review.group
        if group.status != "active":
            services.review_classify(review=review, actor=officer, now=_at(day), data={
                "category": 3, "defunct_reason": "dissolved", "note": ""})
        elif not group.under_regulation and rng.random() < 0.5:
            services.review_classify(review=review, actor=officer, now=_at(day), data={
                "category": 2, "issues": ["committee", "meeting"], "note": "",
                "follow_up_officer": group.officer_name or officer.get_full_name(),
                "next_follow_up_on": day + dt.timedelta(days=rng.randint(5, 40)), "intention": "correct",
            })
        else:
            compliant.append(review.pk)
    services.reviews_mark_compliant(submission=submission, review_ids=compliant, actor=officer, now=_at(day, 11))


@transaction.atomic
def seed() -> dict:
    today = timezone.localdate()
    made = 0
    for province, (reference, due_in, plan) in ROUNDS.items():
        if Round.objects.filter(province_id=province, reference_number=reference).exists():
            continue
        province_officer = User.objects.filter(username=f"province{province}").first()
        if province_officer is None:
            continue
        rng = random.Random(int(province))
        opened = today - dt.timedelta(days=14)
        round_ = services.round_open(
            actor=province_officer, title=_title(today), reference_number=reference, letter_date=opened,
            due_on=today + dt.timedelta(days=due_in), now=_at(opened, 9))
        made += 1
        for code, (share, stage) in plan.items():
            officer = User.objects.filter(username=f"amphoe{code}").first()
            submission = Submission.objects.filter(round=round_, district_id=code).first()
            if officer is None or submission is None:
                continue
            services.reviews_add_new_groups(submission=submission, actor=officer, now=_at(opened + dt.timedelta(days=1))) \
                if services.groups_not_in_round(submission).exists() else None
            _classify(submission, officer, share, rng, opened + dt.timedelta(days=3))
            if stage == "in_progress":
                continue
            office = officer.office
            submitted_on = today - dt.timedelta(days=4)
            services.submission_submit(
                submission=submission, actor=officer, signer_role=Submission.SignerRole.CHIEF,
                signer_name=office.chief_name, signer_position=office.chief_title,
                letter_number=f"{office.document_prefix}/{to_thai_digits(3100 + int(code[2:]))}", letter_date=submitted_on,
                now=_at(submitted_on, 14))
            if stage == "accepted":
                services.submission_accept(submission=submission, actor=province_officer,
                                           now=_at(today - dt.timedelta(days=2)))
            elif stage == "returned":
                services.submission_return(submission=submission, actor=province_officer, reason=RETURN_REASON,
                                           now=_at(today - dt.timedelta(days=1)))
    return {"current rounds": made}
