"""Savings groups for production, their activities and the record of every change."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from accounts.scope import area_q
from core.events import AuditEvent, EventQuerySet
from core.machine import Machine

NOT_NEGATIVE = MinValueValidator(0, message="จำนวนต้องไม่ติดลบ")


class GroupQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The groups in the user's area (district, province or, for national staff, all)."""
        return self.filter(area_q(user, "district"))

    def active(self):
        """Groups in the active registry (not cancelled, not removed by a review)."""
        return self.filter(status=SavingsGroup.Status.ACTIVE)

    def with_place(self):
        """Joins what a list row shows: village, tambon, amphoe, province."""
        return self.select_related("village__subdistrict", "district__province")


class SavingsGroup(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "ดำเนินการอยู่"
        CANCELLED = "cancelled", "ยกเลิก"
        REMOVED = "removed", "นำออกจากฐานข้อมูล"

    # Status moves, as data. Who may make each move is in groups.services.
    STATUS_MOVES = {
        Status.ACTIVE: {Status.CANCELLED, Status.REMOVED},
        Status.CANCELLED: {Status.ACTIVE},
        Status.REMOVED: {Status.ACTIVE},
    }

    code = models.CharField(
        "รหัสกลุ่ม", max_length=30, unique=True, error_messages={"unique": "รหัสกลุ่มนี้มีอยู่แล้วในทะเบียน"}
    )
    name = models.CharField("ชื่อกลุ่ม", max_length=255)
    village = models.ForeignKey("geo.Village", on_delete=models.PROTECT, related_name="groups", verbose_name="หมู่บ้าน")
    # Copied from the village on every save: the area filter of every list and export is one
    # indexed column instead of a three-table join.
    district = models.ForeignKey("geo.District", on_delete=models.PROTECT, related_name="groups", verbose_name="อำเภอ", editable=False)
    founded_on = models.DateField("วันที่จัดตั้ง", null=True, blank=True)
    under_regulation = models.BooleanField("ดำเนินการตามระเบียบฯ พ.ศ. 2555", default=True)
    status = models.CharField("สถานะ", max_length=10, choices=Status.choices, default=Status.ACTIVE)
    members_total = models.PositiveIntegerField("จำนวนสมาชิก (คน)", default=0)
    members_men = models.PositiveIntegerField("ชาย (คน)", null=True, blank=True)
    members_women = models.PositiveIntegerField("หญิง (คน)", null=True, blank=True)
    savings_balance = models.DecimalField(
        "เงินสัจจะสะสม (บาท)", max_digits=14, decimal_places=2, default=0, validators=[NOT_NEGATIVE]
    )
    loans_outstanding = models.DecimalField(
        "เงินให้กู้คงค้าง (บาท)", max_digits=14, decimal_places=2, default=0, validators=[NOT_NEGATIVE]
    )
    figures_as_of = models.DateField("ข้อมูล ณ วันที่", null=True, blank=True)
    chair_name = models.CharField("ชื่อประธานกลุ่ม", max_length=200, blank=True)
    chair_phone = models.CharField("โทรศัพท์ประธาน", max_length=50, blank=True)
    officer_name = models.CharField("พัฒนากรผู้รับผิดชอบ", max_length=200, blank=True)
    status_reason = models.TextField("เหตุผลการเปลี่ยนสถานะ", blank=True)
    status_changed_at = models.DateTimeField("เปลี่ยนสถานะเมื่อ", null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="เปลี่ยนสถานะโดย",
    )
    # Optimistic locking: a save must name the version it started from (edit conflicts).
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField("บันทึกเมื่อ", auto_now_add=True)
    updated_at = models.DateTimeField("แก้ไขล่าสุด", auto_now=True)

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "กลุ่มออมทรัพย์เพื่อการผลิต"
        verbose_name_plural = "กลุ่มออมทรัพย์เพื่อการผลิต"
        indexes = [
            models.Index(fields=["district", "status", "code"], name="groups_area_status_idx"),
            models.Index(fields=["name"], name="groups_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(savings_balance__gte=0), name="groups_savings_not_negative"),
            models.CheckConstraint(condition=Q(loans_outstanding__gte=0), name="groups_loans_not_negative"),
            models.CheckConstraint(
                condition=Q(members_men__isnull=True)
                | Q(members_women__isnull=True)
                | Q(members_total__gte=F("members_men") + F("members_women")),
                name="groups_men_women_within_total",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs):
        if self.village_id:
            self.district_id = self.village.subdistrict.district_id
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        men, women = self.members_men, self.members_women
        if men is not None and women is not None and men + women > (self.members_total or 0):
            errors["members_total"] = (
                f"ชาย {men:,} + หญิง {women:,} = {men + women:,} คน มากกว่าจำนวนสมาชิกทั้งหมด {self.members_total or 0:,} คน"
            )
        today = timezone.localdate()
        if self.founded_on and self.founded_on > today:
            errors["founded_on"] = "วันที่จัดตั้งต้องไม่เป็นวันในอนาคต"
        if self.figures_as_of and self.figures_as_of > today:
            errors["figures_as_of"] = "วันที่ของข้อมูลต้องไม่เป็นวันในอนาคต"
        if errors:
            raise ValidationError(errors)

    @property
    def subdistrict(self):
        return self.village.subdistrict

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE


# A group enters the registry active; groups.services makes every move through this guard.
GROUP_STATUS = Machine(field="status", choices=SavingsGroup.Status, initial={SavingsGroup.Status.ACTIVE},
                       moves=SavingsGroup.STATUS_MOVES)


class ActivityType(models.Model):
    """The managed list of activity types (welfare fund, community shop, ...), kept in the admin."""

    name = models.CharField("ประเภทกิจกรรม", max_length=100, unique=True)
    order = models.PositiveSmallIntegerField("ลำดับ", default=0)
    is_active = models.BooleanField("ใช้งาน", default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "ประเภทกิจกรรม"
        verbose_name_plural = "ประเภทกิจกรรม"

    def __str__(self):
        return self.name


class ActivityQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Activities of the groups in the user's area."""
        return self.filter(area_q(user, "group__district"))


class Activity(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", "ดำเนินการอยู่"
        PAUSED = "paused", "หยุดชั่วคราว"
        STOPPED = "stopped", "เลิกดำเนินการ"

    group = models.ForeignKey(SavingsGroup, on_delete=models.CASCADE, related_name="activities", verbose_name="กลุ่ม")
    activity_type = models.ForeignKey(ActivityType, on_delete=models.PROTECT, related_name="+", verbose_name="ประเภทกิจกรรม")
    name = models.CharField("ชื่อกิจกรรม", max_length=255)
    started_on = models.DateField("วันที่เริ่ม", null=True, blank=True)
    capital = models.DecimalField(
        "ทุนดำเนินการ (บาท)", max_digits=14, decimal_places=2, default=0, validators=[NOT_NEGATIVE]
    )
    members_taking_part = models.PositiveIntegerField("สมาชิกที่เข้าร่วม (คน)", default=0)
    status = models.CharField("สถานะ", max_length=10, choices=Status.choices, default=Status.RUNNING)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["group", "started_on", "pk"]
        verbose_name = "กิจกรรมของกลุ่ม"
        verbose_name_plural = "กิจกรรมของกลุ่ม"
        constraints = [
            models.CheckConstraint(condition=Q(capital__gte=0), name="groups_activity_capital_not_negative"),
        ]

    def __str__(self):
        return self.name


class GroupChangeQuerySet(EventQuerySet):
    def visible_to(self, user):
        """Changes of the groups in the user's area."""
        return self.filter(area_q(user, "group__district"))


class GroupChange(AuditEvent):
    """One recorded change to a group or one of its activities: who, when, what, old and new.

    The event shape of core.events, with the columns this table had before it: its kind is
    `action` and its old and new values are `fields`, one {"label", "old", "new"} per field
    (renaming them would only be churn for the import, the admin and the history pages)."""

    KIND_FIELD = "action"

    class Action(models.TextChoices):
        CREATED = "created", "สร้างกลุ่ม"
        UPDATED = "updated", "แก้ไขข้อมูล"
        CANCELLED = "cancelled", "ยกเลิกกลุ่ม"
        RESTORED = "restored", "คืนสถานะ"
        REMOVED = "removed", "นำออกจากฐานข้อมูล"
        ACTIVITY_ADDED = "activity_added", "เพิ่มกิจกรรม"
        ACTIVITY_UPDATED = "activity_updated", "แก้ไขกิจกรรม"
        ACTIVITY_REMOVED = "activity_removed", "ลบกิจกรรม"
        REVIEWED = "reviewed", "ทบทวนฐานข้อมูล"

    class Source(models.TextChoices):
        FORM = "form", "แบบฟอร์ม"
        IMPORT = "import", "นำเข้าไฟล์"
        REVIEW = "review", "การทบทวน"
        SYSTEM = "system", "ระบบ"

    group = models.ForeignKey(SavingsGroup, on_delete=models.CASCADE, related_name="changes")
    activity = models.ForeignKey(Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # No actor for the system's own changes (stored_text_clean run without a user).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="ผู้บันทึก")
    kind = None
    data = None
    action = models.CharField("การดำเนินการ", max_length=20, choices=Action.choices)
    source = models.CharField("ช่องทาง", max_length=10, choices=Source.choices, default=Source.FORM)
    # {"field": {"label": "ชื่อกลุ่ม", "old": "...", "new": "..."}}, values as displayed text.
    fields = models.JSONField("รายการที่เปลี่ยน", default=dict, blank=True)
    # The group's version after this change: an edit conflict shows the changes made since the
    # version the officer's form started from.
    group_version = models.PositiveIntegerField(null=True, blank=True)

    objects = GroupChangeQuerySet.as_manager()

    class Meta(AuditEvent.Meta):
        verbose_name = "ประวัติการเปลี่ยนแปลง"
        verbose_name_plural = "ประวัติการเปลี่ยนแปลง"
        indexes = [models.Index(fields=["group", "-at"], name="groups_change_group_at_idx")]

    def __str__(self):
        return f"{self.get_action_display()} {self.group_id} {self.at:%Y-%m-%d}"

    @property
    def old(self):
        return {name: item.get("old", "") for name, item in (self.fields or {}).items()}

    @property
    def new(self):
        return {name: item.get("new", "") for name, item in (self.fields or {}).items()}


class ColumnMapping(models.Model):
    """A column of an office's own spreadsheets that the officer mapped by hand: the same header
    in the next file maps the same way. `field` "" means the column is not imported."""

    office = models.ForeignKey("accounts.Office", on_delete=models.CASCADE, related_name="+", verbose_name="สำนักงาน")
    kind = models.CharField("ข้อมูล", max_length=20)  # groups.spreadsheets.importing.KINDS
    header = models.CharField("หัวคอลัมน์ในไฟล์", max_length=255)  # groups.spreadsheets.resources.normalise_header
    field = models.CharField("ช่องข้อมูล", max_length=50, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "การจับคู่คอลัมน์"
        verbose_name_plural = "การจับคู่คอลัมน์"
        constraints = [models.UniqueConstraint(fields=["office", "kind", "header"], name="groups_mapping_one_per_header")]

    def __str__(self):
        return f"{self.header} → {self.field or '-'}"
