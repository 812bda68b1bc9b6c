"""The district's report letter for a review round (หนังสือภายนอก to the province), with the
category lists as its annex. Builds printing.contexts.ReportLetter from a Submission; the
wording is in templates/pdf/report_letter.html and report_annex.html."""

from django.urls import reverse

from accounts.models import Office
from printing import registry
from printing.contexts import Area, CategoryList, GroupLine, ReportLetter, Signer, garuda_data_uri
from printing.models import DocumentKind
from reviews import permissions
from reviews.models import GroupReview, ReviewEvent, Submission


def letter_signer(submission: Submission, office: Office | None) -> Signer:
    """The district chief, or the deputy assigned "ปฏิบัติราชการแทน นายอำเภอ…", as recorded on
    the submission; the office's chief while none is recorded."""
    chief_title = f"นายอำเภอ{submission.district.name_th}"
    if submission.is_acting_for_chief:
        position = submission.signer_position or "ปลัดอำเภอ"
        return Signer(submission.signer_name, (f"{position} ปฏิบัติราชการแทน", chief_title))
    if submission.signer_name:
        return Signer(submission.signer_name, (submission.signer_position or chief_title,))
    return Signer(office.chief_name if office else "", (chief_title,))


def _note(review: GroupReview) -> str:
    if review.category == GroupReview.Category.NON_COMPLIANT:
        parts = [review.get_intention_display(), review.reason_text()]
        if review.follow_up_officer:
            parts.append(f"ผู้ติดตาม {review.follow_up_officer}")
        return " · ".join(p for p in parts if p)
    return review.reason_text()


def removal_group_ids(submissions) -> set[int]:
    """The groups that accepting these submissions takes (or took) out of the registry: the rule
    acceptance applies (GroupReviewQuerySet.removed_on_acceptance) while a submission waits, and
    what it did (its GROUP_REMOVED events) once accepted. The report letter and the province's
    export count these, so their figures are acceptance's."""
    accepted = [s.pk for s in submissions if s.status == Submission.Status.ACCEPTED]
    waiting = [s.pk for s in submissions if s.status != Submission.Status.ACCEPTED]
    ids = set(GroupReview.objects.filter(submission_id__in=waiting).removed_on_acceptance()
              .values_list("group_id", flat=True)) if waiting else set()
    if accepted:
        ids |= set(ReviewEvent.objects.filter(submission_id__in=accepted, kind=ReviewEvent.Kind.GROUP_REMOVED)
                   .values_list("group_id", flat=True))
    return ids


def build_letter(submission: Submission) -> ReportLetter:
    district = submission.district
    office = Office.objects.filter(level=Office.Level.DISTRICT, district=district).first()
    reviews = (submission.reviews.filter(category__isnull=False)
               .select_related("group__village__subdistrict").order_by("group__code"))
    categories = {number: CategoryList(number=number) for number in GroupReview.Category.values}
    removed = removal_group_ids([submission])
    for review in reviews:
        village = review.group.village
        categories[review.category].groups.append(GroupLine(
            code=review.group.code, name=review.group.name, village=f"หมู่ที่ {village.moo} {village.name}",
            tambon=village.subdistrict.name_th, note=_note(review), intention=review.intention,
            officer=review.follow_up_officer.strip(),
            reason=review.get_defunct_reason_display() if review.category == GroupReview.Category.DEFUNCT else "",
            removed=review.group_id in removed,
        ))
    # The letter number is usually recorded whole ("ลป ๐๐๑๙.๑/๓๐๑๒"); a bare running number
    # gets the office's prefix.
    prefix = office.document_prefix if office else ""
    number = submission.letter_number
    reference = f"{prefix}/{number}" if prefix and number and "/" not in number else number
    address = [line.strip() for line in (office.address if office else "").splitlines() if line.strip()]
    if not address or not address[0].startswith("ที่ว่าการ"):
        address.insert(0, f"ที่ว่าการอำเภอ{district.name_th}")
    contact = [f"สำนักงานพัฒนาชุมชนอำเภอ{district.name_th}"]
    if office and office.phone:
        contact.append(f"โทร. {office.phone}")
    round_ = submission.round
    return ReportLetter(
        area=Area(province=district.province.name_th, district=district.name_th),
        reference=reference,
        office_lines=tuple(address),
        sent_on=submission.letter_date,
        round_title=round_.title,
        round_reference=round_.reference_number,
        round_dated=round_.letter_date,
        due_on=round_.due_on,
        categories=list(categories.values()),
        signer=letter_signer(submission, office),
        contact_lines=tuple(contact),
        garuda=garuda_data_uri(office.garuda_for_print()) if office else None,
    )


def letter_problems(submission: Submission) -> list[str]:
    missing = [label for label, value in [
        ("เลขที่หนังสืออำเภอ", submission.letter_number), ("ลงวันที่", submission.letter_date),
        ("ผู้ลงนาม", submission.signer_name),
    ] if not value]
    # The number, date and signer are recorded when the district submits, which needs every
    # group classified: a letter with them is complete.
    return ["ยังไม่ได้บันทึก" + " ".join(missing) + " (บันทึกเมื่อส่งผลการทบทวนให้จังหวัด)"] if missing else []


REPORT = registry.register(registry.Printable(
    code=DocumentKind.REPORT,
    label="หนังสือรายงานผลการทบทวนฐานข้อมูล",
    model=Submission,
    records=lambda user: Submission.objects.visible_to(user).select_related("round", "district__province"),
    build=build_letter,
    district_of=lambda submission: submission.district,
    title=lambda s: f"หนังสืออำเภอ{s.district.name_th} รายงานผล{s.round.title}",
    filename=lambda s: f"หนังสือรายงานผล-อำเภอ{s.district.name_th}-{s.round.reference_number}.pdf".replace("/", "-"),
    issue_problems=letter_problems,
    record_url=lambda submission: reverse("reviews:submission", args=[submission.pk]),
    # The letter is the district's own: only its officers issue it and attach the signed copy.
    can_issue=lambda user, submission: permissions.is_district_officer_for(user, submission.district_id),
))
