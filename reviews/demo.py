"""The demo review round: Lampang's letter ลป ๐๐๑๙.๔/ว ๒๗๕๓๐ of 21 Nov 2567, due 9 Dec 2567, with
districts at every stage (part-way, submitted, returned, accepted) so every screen has something to
show. Idempotent: the round is matched by its reference number."""

import datetime as dt
import random
import zoneinfo

from django.db import transaction

from accounts.models import User
from core.thai import to_thai_digits
from groups import services as group_services
from groups.models import SavingsGroup
from reviews import services
from reviews.models import GroupReview, Round, Submission
from reviews.services import follow_up

REFERENCE = "ลป ๐๐๑๙.๔/ว ๒๗๕๓๐"
TITLE = "การตรวจสอบและทบทวนฐานข้อมูลกลุ่มออมทรัพย์เพื่อการผลิต และกิจกรรมของกลุ่มออมทรัพย์เพื่อการผลิต ปี 2567"
BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
# district code → (share classified, stage, submitted on, decided on)
PLAN = {
    "5201": (0.6, "in_progress", None, None),
    "5202": (1.0, "accepted", dt.date(2024, 12, 6), dt.date(2024, 12, 12)),
    "5203": (1.0, "submitted", dt.date(2024, 12, 11), None),
    "5204": (1.0, "returned", dt.date(2024, 12, 8), dt.date(2024, 12, 10)),
    "5205": (0.8, "in_progress", None, None),
    "5206": (0.3, "in_progress", None, None),
}
RETURN_REASON = ("กลุ่มประเภทที่ 3 บางกลุ่มยังไม่ระบุรายละเอียดว่ายุบเลิกเมื่อใด และกลุ่มประเภทที่ 2 "
                 "ขอให้ตรวจสอบวันที่ติดตามครั้งถัดไปอีกครั้ง")


def _at(day: dt.date, hour=10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=BANGKOK)


def _classify(submission, officer, share, rng, day):
    reviews = list(GroupReview.objects.filter(submission=submission).select_related("group").order_by("group__code"))
    chosen = reviews[: round(len(reviews) * share)]
    compliant = []
    for review in chosen:
        draw = rng.random()
        if not review.group.under_regulation or draw > 0.9:
            services.review_classify(review=review, actor=officer, now=_at(day), data={
                "category": 2, "issues": rng.sample(["committee", "meeting", "accounts", "savings", "bylaws"], 2),
                "note": "", "follow_up_officer": review.group.officer_name or officer.get_full_name(),
                "next_follow_up_on": dt.date(2025, 1, 15) + dt.timedelta(days=rng.randint(0, 60)),
                "intention": "refuse" if draw > 0.97 else "correct",
            })
        elif draw > 0.84:
            reason = rng.choice(["stopped", "dissolved", "merged", "duplicate"])
            services.review_classify(review=review, actor=officer, now=_at(day), data={
                "category": 3, "defunct_reason": reason,
                "note": "ไม่มีการประชุมและไม่มีการออมตั้งแต่ปี 2565" if reason == "stopped" else "",
            })
        else:
            compliant.append(review.pk)
    services.reviews_mark_compliant(submission=submission, review_ids=compliant, actor=officer, now=_at(day, 11))


def _submit(submission, officer, day):
    office = officer.office
    services.submission_submit(
        submission=submission, actor=officer, signer_role=Submission.SignerRole.CHIEF,
        signer_name=office.chief_name, signer_position=office.chief_title,
        letter_number=f"{office.document_prefix}/{to_thai_digits(day.day + 3000)}", letter_date=day, now=_at(day, 14),
    )


@transaction.atomic
def seed() -> dict:
    if Round.objects.filter(province_id="52", reference_number=REFERENCE).exists():
        return {"rounds": 0}
    province_officer = User.objects.filter(username="province52").first()
    if province_officer is None:
        return {"rounds": 0}
    rng = random.Random(2567)
    round_ = services.round_open(
        actor=province_officer, title=TITLE, reference_number=REFERENCE, letter_date=dt.date(2024, 11, 21),
        due_on=dt.date(2024, 12, 9), now=_at(dt.date(2024, 11, 21), 9),
    )
    for code, (share, stage, submitted_on, decided_on) in PLAN.items():
        officer = User.objects.filter(username=f"amphoe{code}").first()
        submission = Submission.objects.filter(round=round_, district_id=code).first()
        if officer is None or submission is None:
            continue
        _classify(submission, officer, share, rng, dt.date(2024, 11, 25) + dt.timedelta(days=rng.randint(0, 8)))
        if stage == "in_progress":
            continue
        _submit(submission, officer, submitted_on)
        if stage == "accepted":
            services.submission_accept(submission=submission, actor=province_officer, now=_at(decided_on))
        elif stage == "returned":
            services.submission_return(submission=submission, actor=province_officer, reason=RETURN_REASON,
                                       now=_at(decided_on))
    _after_opening(round_, province_officer)
    return {"rounds": 1, "groups in round": round_.reviews.count()}


def _after_opening(round_, province_officer):
    """What happens while a round runs: เมืองลำปาง records a new group and cancels one still unclassified;
    after acceptance, แม่เมาะ follows up its category 2 groups (one now compliant, one still correcting,
    one refusing and waiting for the province)."""
    officer = User.objects.filter(username="amphoe5201").first()
    unclassified = GroupReview.objects.filter(round=round_, submission__district_id="5201", category__isnull=True)
    template = unclassified.select_related("group").order_by("group__code").first()
    if officer and template:
        group = template.group
        code = f"{group.village_id}99"
        if not SavingsGroup.objects.filter(code=code).exists():
            group_services.group_create(actor=officer, data={
                "code": code, "name": "กลุ่มออมทรัพย์เพื่อการผลิตบ้านใหม่พัฒนา", "village": group.village,
                "founded_on": dt.date(2024, 11, 28), "members_total": 32, "members_men": 12, "members_women": 20,
                "savings_balance": 48000, "figures_as_of": dt.date(2024, 11, 30), "officer_name": group.officer_name,
            })
        last = unclassified.select_related("group").order_by("-group__code").first()
        if last and last.group.status == SavingsGroup.Status.ACTIVE:
            group_services.group_cancel(group=last.group, actor=officer, reason="สมาชิกมีมติเลิกกลุ่มเมื่อ 28 พ.ย. 2567")
    officer = User.objects.filter(username="amphoe5202").first()
    pending = list(GroupReview.objects.filter(round=round_, submission__district_id="5202",
                                              follow_up_status=GroupReview.FollowUpStatus.OPEN).order_by("group__code"))
    if officer is None or len(pending) < 4:
        return
    follow_up.follow_up_record(review=pending[0], actor=officer, visited_on=dt.date(2025, 1, 20),
                               outcome="compliant", note="ประชุมใหญ่และเลือกคณะกรรมการตามระเบียบฯ แล้ว",
                               now=_at(dt.date(2025, 1, 21)))
    follow_up.follow_up_record(review=pending[1], actor=officer, visited_on=dt.date(2025, 1, 22),
                               outcome="correcting", note="กำลังจัดทำระเบียบกลุ่ม",
                               next_follow_up_on=dt.date(2025, 3, 1), now=_at(dt.date(2025, 1, 22)))
    follow_up.follow_up_record(review=pending[2], actor=officer, visited_on=dt.date(2025, 1, 23),
                               outcome="refused", note="สมาชิกมีมติไม่ดำเนินการตามระเบียบฯ ต่อ",
                               now=_at(dt.date(2025, 1, 23)))
