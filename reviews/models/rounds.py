"""Review rounds (การตรวจสอบและทบทวนฐานข้อมูล): a province asks every district to sort each of its
groups into the Lampang letter's three categories, and to report by a deadline.

Round: one request from a province (its letter). Submission: one district's answer to it.
GroupReview: one group's category in the round. ReviewEvent: every transition, who and when.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.scope import area_q
from core.events import AuditEvent, EventQuerySet
from core.thai import to_arabic_digits


class RoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Rounds with at least one district in the user's area (every district of the round's
        province has a submission, so this is the province's rounds for district and province staff)."""
        return self.filter(pk__in=Submission.objects.filter(area_q(user, "district")).values("round_id"))


class Round(models.Model):
    province = models.ForeignKey("geo.Province", on_delete=models.PROTECT, related_name="review_rounds",
                                 verbose_name="จังหวัด")
    title = models.CharField("ชื่อรอบการทบทวน", max_length=255)
    reference_number = models.CharField("เลขที่หนังสือจังหวัด", max_length=100)
    letter_date = models.DateField("ลงวันที่")
    due_on = models.DateField("กำหนดส่งภายในวันที่")
    locked_after = models.DateField(
        "ปิดการแก้ไขหลังวันที่", null=True, blank=True,
        help_text="หลังวันนี้ อำเภอจะแก้ไขหรือส่งผลการทบทวนไม่ได้ (เว้นว่างได้)",
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="เปิดรอบโดย")
    opened_at = models.DateTimeField("เปิดรอบเมื่อ")

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-letter_date", "-pk"]
        verbose_name = "รอบการทบทวนฐานข้อมูล"
        verbose_name_plural = "รอบการทบทวนฐานข้อมูล"
        constraints = [
            models.UniqueConstraint(fields=["province", "reference_number"], name="reviews_round_reference_unique",
                                    violation_error_message="จังหวัดนี้มีรอบการทบทวนตามหนังสือเลขที่นี้แล้ว"),
            models.CheckConstraint(condition=Q(due_on__gte=models.F("letter_date")),
                                   name="reviews_round_due_after_letter",
                                   violation_error_message="กำหนดส่งต้องไม่ก่อนวันที่ของหนังสือ"),
            models.CheckConstraint(condition=Q(locked_after__isnull=True) | Q(locked_after__gte=models.F("due_on")),
                                   name="reviews_round_lock_after_due",
                                   violation_error_message="วันปิดการแก้ไขต้องไม่ก่อนกำหนดส่ง"),
        ]

    def __str__(self):
        return f"{self.title} ({to_arabic_digits(self.reference_number)})"

    def is_locked(self, today: dt.date) -> bool:
        """After `locked_after`, districts can no longer change anything."""
        return self.locked_after is not None and today > self.locked_after

    def days_left(self, today: dt.date) -> int:
        """Days until the deadline (0 on the day itself, negative once overdue)."""
        return (self.due_on - today).days

    def is_on_time(self, at: dt.datetime) -> bool:
        """A submission at `at` is on time when made on or before the due date, Bangkok time."""
        return timezone.localdate(at) <= self.due_on


class SubmissionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Submissions of the districts in the user's area."""
        return self.filter(area_q(user, "district"))


class Submission(models.Model):
    """One district's report for a round, and the letter it is sent with."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "ยังไม่เริ่ม"
        IN_PROGRESS = "in_progress", "กำลังดำเนินการ"
        SUBMITTED = "submitted", "ส่งจังหวัดแล้ว"
        RETURNED = "returned", "ส่งกลับให้แก้ไข"
        ACCEPTED = "accepted", "จังหวัดรับแล้ว"

    class SignerRole(models.TextChoices):
        CHIEF = "chief", "นายอำเภอ"
        DEPUTY = "deputy", "ปลัดอำเภอผู้ได้รับมอบหมาย (ปฏิบัติราชการแทนนายอำเภอ)"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="submissions", verbose_name="รอบ")
    district = models.ForeignKey("geo.District", on_delete=models.PROTECT, related_name="review_submissions",
                                 verbose_name="อำเภอ")
    status = models.CharField("สถานะ", max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    # The latest submission; `is_late` is fixed when the district submits and stays after acceptance.
    submitted_at = models.DateTimeField("ส่งเมื่อ", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="ส่งโดย")
    first_submitted_at = models.DateTimeField("ส่งครั้งแรกเมื่อ", null=True, blank=True)
    is_late = models.BooleanField("ส่งเกินกำหนด", default=False)
    decided_at = models.DateTimeField("จังหวัดพิจารณาเมื่อ", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="พิจารณาโดย")
    return_reason = models.TextField("เหตุผลที่ส่งกลับ", blank=True)
    # The district's report letter (printed by the documents app).
    signer_role = models.CharField("ผู้ลงนาม", max_length=10, choices=SignerRole.choices, blank=True)
    signer_name = models.CharField("ชื่อผู้ลงนาม", max_length=200, blank=True)
    signer_position = models.CharField("ตำแหน่งผู้ลงนาม", max_length=200, blank=True)
    letter_number = models.CharField("เลขที่หนังสืออำเภอ", max_length=100, blank=True)
    letter_date = models.DateField("ลงวันที่ (หนังสืออำเภอ)", null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["round", "district"]
        verbose_name = "ผลการทบทวนของอำเภอ"
        verbose_name_plural = "ผลการทบทวนของอำเภอ"
        constraints = [
            models.UniqueConstraint(fields=["round", "district"], name="reviews_submission_one_per_district"),
            models.CheckConstraint(
                condition=Q(status__in=["not_started", "in_progress"]) | Q(submitted_at__isnull=False),
                name="reviews_submission_sent_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="reviews_submission_returned_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.district.display_name} · {to_arabic_digits(self.round.reference_number)}"

    @property
    def is_acting_for_chief(self) -> bool:
        """The deputy signs "ปฏิบัติราชการแทนนายอำเภอ"."""
        return self.signer_role == self.SignerRole.DEPUTY

    def district_can_edit(self, today: dt.date) -> bool:
        """The district may classify while the round is open and the province does not hold it."""
        return self.status in EDITABLE_STATUSES and not self.round.is_locked(today)


EDITABLE_STATUSES = {Submission.Status.NOT_STARTED, Submission.Status.IN_PROGRESS, Submission.Status.RETURNED}


class GroupReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Reviews of the groups of the districts in the user's area."""
        return self.filter(area_q(user, "submission__district"))

    def classified(self):
        """Reviews with a category."""
        return self.filter(category__isnull=False)

    def leaving_registry(self):
        """Category 3, and category 2 groups that refuse to operate under the regulation."""
        return self.filter(Q(category=GroupReview.Category.DEFUNCT)
                           | Q(category=GroupReview.Category.NON_COMPLIANT, intention=GroupReview.Intention.REFUSE))

    def removed_on_acceptance(self):
        """The groups accepting the submission takes out of the registry: those leaving it that
        are still active (one the district cancelled meanwhile is already out). The report
        letter asks the province to remove exactly these."""
        from groups.models import SavingsGroup

        return self.leaving_registry().filter(group__status=SavingsGroup.Status.ACTIVE)


class FollowUpStatus(models.TextChoices):
    """Where a category 2 "will correct" group stands after the province accepted the district's result."""

    OPEN = "open", "รอติดตาม"
    CORRECTING = "correcting", "อยู่ระหว่างปรับปรุงแก้ไข"
    COMPLIANT = "compliant", "ดำเนินการตามระเบียบฯ แล้ว"
    REFUSED = "refused", "ไม่ประสงค์ดำเนินการตามระเบียบฯ (รอจังหวัดนำออก)"
    REMOVED = "removed", "จังหวัดนำออกจากฐานข้อมูลแล้ว"


class GroupReview(models.Model):
    """One group's place in a round: its category and what goes with it."""

    FollowUpStatus = FollowUpStatus

    class Category(models.IntegerChoices):
        COMPLIANT = 1, "ประเภทที่ 1 ดำเนินการตามระเบียบฯ"
        NON_COMPLIANT = 2, "ประเภทที่ 2 ไม่ได้ดำเนินการตามระเบียบฯ"
        DEFUNCT = 3, "ประเภทที่ 3 ไม่มีการดำเนินงานแล้ว/ยกเลิกแล้ว"

    class Intention(models.TextChoices):
        CORRECT = "correct", "ปรับปรุงแก้ไขให้เป็นไปตามระเบียบฯ"
        REFUSE = "refuse", "ไม่ประสงค์ดำเนินการตามระเบียบฯ (ยกเลิกกลุ่ม)"

    class DefunctReason(models.TextChoices):
        STOPPED = "stopped", "ไม่มีการดำเนินงานแล้ว"
        DISSOLVED = "dissolved", "ยุบเลิกหรือยกเลิกกลุ่มไปแล้ว"
        MERGED = "merged", "ควบรวมกับกลุ่มอื่น"
        DUPLICATE = "duplicate", "ข้อมูลซ้ำในฐานข้อมูล"
        OTHER = "other", "อื่น ๆ (ระบุ)"

    class Issue(models.TextChoices):
        """What is not compliant with the 2555 regulation (category 2 checklist)."""

        COMMITTEE = "committee", "คณะกรรมการไม่เป็นไปตามระเบียบฯ"
        BYLAWS = "bylaws", "ไม่มีระเบียบหรือข้อบังคับของกลุ่ม"
        MEETING = "meeting", "ไม่มีการประชุมใหญ่สามัญประจำปี"
        SAVINGS = "savings", "สมาชิกไม่ส่งเงินสัจจะสม่ำเสมอ"
        ACCOUNTS = "accounts", "ไม่จัดทำบัญชีหรือเอกสารการเงิน"
        PROFIT = "profit", "ไม่จัดสรรผลกำไรตามระเบียบฯ"
        REPORTING = "reporting", "ไม่รายงานผลการดำเนินงาน"
        OTHER = "other", "อื่น ๆ (ระบุในหมายเหตุ)"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reviews", verbose_name="รอบ")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reviews",
                                   verbose_name="ผลการทบทวนของอำเภอ")
    group = models.ForeignKey("groups.SavingsGroup", on_delete=models.PROTECT, related_name="reviews",
                              verbose_name="กลุ่ม")
    category = models.PositiveSmallIntegerField("ประเภท", choices=Category.choices, null=True, blank=True)
    issues = models.JSONField("รายการที่ไม่เป็นไปตามระเบียบฯ", default=list, blank=True)
    note = models.TextField("หมายเหตุ", blank=True)
    follow_up_officer = models.CharField("พัฒนากรผู้ติดตาม", max_length=200, blank=True)
    next_follow_up_on = models.DateField("ติดตามครั้งถัดไปวันที่", null=True, blank=True)
    intention = models.CharField("ความประสงค์ของกลุ่ม", max_length=10, choices=Intention.choices, blank=True)
    defunct_reason = models.CharField("เหตุผล (ประเภทที่ 3)", max_length=10, choices=DefunctReason.choices,
                                      blank=True)
    # After acceptance, a category 2 group that will correct is followed up (reviews.services.follow_up).
    follow_up_status = models.CharField("สถานะการติดตาม", max_length=12, choices=FollowUpStatus.choices,
                                        blank=True)
    classified_at = models.DateTimeField("จัดประเภทเมื่อ", null=True, blank=True)
    classified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name="จัดประเภทโดย")

    objects = GroupReviewQuerySet.as_manager()

    class Meta:
        ordering = ["submission", "group__code"]
        verbose_name = "การจัดประเภทกลุ่ม"
        verbose_name_plural = "การจัดประเภทกลุ่ม"
        constraints = [
            models.UniqueConstraint(fields=["round", "group"], name="reviews_groupreview_once_per_round"),
            models.CheckConstraint(condition=Q(category__isnull=True) | Q(category__in=[1, 2, 3]),
                                   name="reviews_groupreview_category_known"),
            models.CheckConstraint(
                condition=~Q(category=2) | (~Q(intention="") & ~Q(follow_up_officer="")
                                            & Q(next_follow_up_on__isnull=False)),
                name="reviews_groupreview_noncompliant_complete",
            ),
            models.CheckConstraint(condition=~Q(category=3) | ~Q(defunct_reason=""),
                                   name="reviews_groupreview_defunct_has_reason"),
            models.CheckConstraint(condition=Q(follow_up_status="") | Q(follow_up_status__in=FollowUpStatus.values),
                                   name="reviews_groupreview_follow_up_status_known"),
        ]
        indexes = [models.Index(fields=["submission", "category"], name="reviews_gr_submission_cat_idx"),
                   models.Index(fields=["round", "follow_up_status"], name="reviews_gr_follow_up_idx")]

    def __str__(self):
        return f"{self.group_id} · {self.get_category_display() or 'ยังไม่จัดประเภท'}"

    def clean(self):
        """The details each category needs; a missing one is a Thai message on its field."""
        errors = {}
        if self.category == self.Category.NON_COMPLIANT:
            known = set(self.Issue.values)
            if not self.issues:
                errors["issues"] = "กรุณาเลือกอย่างน้อยหนึ่งรายการที่ไม่เป็นไปตามระเบียบฯ"
            elif not set(self.issues) <= known:
                errors["issues"] = "มีรายการที่ไม่รู้จัก"
            if self.Issue.OTHER in (self.issues or []) and not self.note.strip():
                errors["note"] = "เลือก “อื่น ๆ” แล้ว กรุณาระบุรายละเอียดในหมายเหตุ"
            if not self.follow_up_officer.strip():
                errors["follow_up_officer"] = "กรุณาระบุพัฒนากรผู้ติดตาม"
            if not self.next_follow_up_on:
                errors["next_follow_up_on"] = "กรุณาระบุวันที่ติดตามครั้งถัดไป"
            if not self.intention:
                errors["intention"] = "กรุณาระบุความประสงค์ของกลุ่ม (ปรับปรุงแก้ไข หรือไม่ประสงค์ดำเนินการตามระเบียบฯ)"
        elif self.category == self.Category.DEFUNCT:
            if not self.defunct_reason:
                errors["defunct_reason"] = "กรุณาเลือกเหตุผลที่จัดเป็นประเภทที่ 3"
            elif self.defunct_reason == self.DefunctReason.OTHER and not self.note.strip():
                errors["note"] = "เลือกเหตุผล “อื่น ๆ” แล้ว กรุณาระบุรายละเอียด"
        if errors:
            raise ValidationError(errors)

    def clear_details_for_category(self):
        """Details that belong to another category are dropped, so the record says one thing."""
        if self.category != self.Category.NON_COMPLIANT:
            self.issues, self.follow_up_officer, self.next_follow_up_on, self.intention = [], "", None, ""
        if self.category != self.Category.DEFUNCT:
            self.defunct_reason = ""

    @property
    def leaves_registry(self) -> bool:
        return self.category == self.Category.DEFUNCT or (
            self.category == self.Category.NON_COMPLIANT and self.intention == self.Intention.REFUSE
        )

    def issue_labels(self) -> list[str]:
        labels = dict(self.Issue.choices)
        return [labels.get(code, code) for code in self.issues or []]

    def reason_text(self) -> str:
        """The category's reason as one line (lists, exports, the removal reason)."""
        if self.category == self.Category.NON_COMPLIANT:
            text = ", ".join(self.issue_labels())
            return f"{text} · {self.note.strip()}" if self.note.strip() else text
        if self.category == self.Category.DEFUNCT:
            text = self.get_defunct_reason_display()
            return f"{text}: {self.note.strip()}" if self.note.strip() else text
        return self.note.strip()


class ReviewEventQuerySet(EventQuerySet):
    def visible_to(self, user):
        """Events of the user's districts, and the round-wide events of rounds the user sees."""
        return self.filter(
            area_q(user, "submission__district")
            | Q(submission__isnull=True, round__in=Round.objects.visible_to(user))
        )


class ReviewEvent(AuditEvent):
    """One transition: who, when, from, to and the note that came with it.

    The event shape of core.events; its old and new values are the `from_value`/`to_value`
    columns it had before (codes, labelled by `from_label`/`to_label`)."""

    class Kind(models.TextChoices):
        ROUND_OPENED = "round_opened", "เปิดรอบการทบทวน"
        STATUS = "status", "เปลี่ยนสถานะ"
        CLASSIFIED = "classified", "จัดประเภทกลุ่ม"
        GROUP_REMOVED = "group_removed", "นำกลุ่มออกจากฐานข้อมูล"
        GROUPS_ADDED = "groups_added", "เพิ่มกลุ่มใหม่เข้ารอบ"
        FOLLOW_UP = "follow_up", "ติดตามกลุ่มประเภทที่ 2"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="events")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="events")
    group = models.ForeignKey("groups.SavingsGroup", on_delete=models.CASCADE, null=True, blank=True,
                              related_name="review_events")
    kind = models.CharField("เหตุการณ์", max_length=15, choices=Kind.choices)
    from_value = models.CharField("จาก", max_length=30, blank=True)
    to_value = models.CharField("เป็น", max_length=30, blank=True)
    data = None

    objects = ReviewEventQuerySet.as_manager()

    class Meta(AuditEvent.Meta):
        verbose_name = "ประวัติการทบทวน"
        verbose_name_plural = "ประวัติการทบทวน"
        indexes = [
            models.Index(fields=["submission", "group", "-at"], name="reviews_event_submission_idx"),
            models.Index(fields=["group", "-at"], name="reviews_event_group_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.from_value} → {self.to_value}"

    def _label(self, value):
        if not value:  # a follow-up entered on acceptance comes from outside the follow-up list
            return "ยังไม่ติดตาม" if self.kind == self.Kind.FOLLOW_UP else ""
        if self.kind == self.Kind.STATUS:
            return Submission.Status(value).label
        if self.kind == self.Kind.CLASSIFIED:
            return GroupReview.Category(int(value)).label if value.isdigit() else value
        if self.kind == self.Kind.GROUP_REMOVED:
            from groups.models import SavingsGroup

            return SavingsGroup.Status(value).label
        if self.kind == self.Kind.FOLLOW_UP:
            return FollowUpStatus(value).label
        return value

    @property
    def old(self):
        return self.from_value

    @property
    def new(self):
        return self.to_value

    @property
    def from_label(self):
        return self._label(self.from_value)

    @property
    def to_label(self):
        return self._label(self.to_value)


