"""Committees with 4-year terms, their seats (as data) and seat holders; province representatives."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core import thai
from core.machine import Machine
from networks.models.network import Network
from networks.models.terms import (
    TERM_YEARS,
    WARN_DAYS,
    Level,
    add_years,
    mask_national_id,
    term_end_for,
    validate_national_id,
)

# A numbered order needs its year (Committee.clean; the form says it too).
ORDER_YEAR_REQUIRED = "กรุณาระบุปี พ.ศ. ของคำสั่ง หรือวันที่สั่ง"

# The order number rule (a constraint; the service says it on a race).
ORDER_NUMBER_TAKEN = "เลขที่คำสั่งนี้ของอำเภอในปีเดียวกันถูกใช้แล้ว"


class SeatKind(models.Model):
    """A seat of the model appointment order, in print order, with its title as printed and how
    many people may hold it. Kept as data (migration 0002 loads the draft orders' list)."""

    code = models.SlugField("รหัส", max_length=40, unique=True)
    order = models.PositiveSmallIntegerField("ลำดับในคำสั่ง", unique=True)
    title = models.CharField("ชื่อตำแหน่งตามคำสั่ง", max_length=200)
    max_holders = models.PositiveSmallIntegerField("จำนวนผู้ดำรงตำแหน่งตามคำสั่งต้นแบบ")
    # Ordinary members: a tambon committee may have more when its villages need them.
    tambon_may_exceed = models.BooleanField("คณะกรรมการระดับตำบลมีเกินจำนวนได้", default=False)

    class Meta:
        ordering = ["order"]
        verbose_name = "ตำแหน่งในคณะกรรมการ"
        verbose_name_plural = "ตำแหน่งในคณะกรรมการ"

    def __str__(self):
        return self.title

    CHAIR = "chair"
    VICE_CHAIR = "vice-chair"
    TREASURER = "treasurer"
    MEMBER = "member"

    def limit_for(self, level) -> int | None:
        """How many may hold this seat in a committee of `level`; None: no limit."""
        if self.tambon_may_exceed and level == Level.TAMBON:
            return None
        return self.max_holders


class CommitteeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Committees of the networks the user sees."""
        return self.filter(network__in=Network.objects.visible_to(user))

    def ending_within(self, today: dt.date, days: int = WARN_DAYS):
        """Committees whose term has not ended (today is its last day at the latest) and ends
        within `days` days."""
        # term_end = start + 4y - 1d, so today <= end <= today+days  ⇔  bounds on start.
        lowest_start = add_years(today + dt.timedelta(days=1), -TERM_YEARS)
        highest_start = add_years(today + dt.timedelta(days=days + 1), -TERM_YEARS)
        return self.filter(term_start__gte=lowest_start, term_start__lte=highest_start)

    def expired(self, today: dt.date):
        """Committees whose term ended before today."""
        return self.filter(term_start__lte=add_years(today, -TERM_YEARS))

    def latest_per_network(self):
        """Only each network's latest term (older terms are history, not warnings)."""
        newer = Committee.objects.filter(network=models.OuterRef("network"), term_start__gt=models.OuterRef("term_start"))
        return self.filter(~models.Exists(newer))


class Committee(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "ร่าง (ยังไม่ครบตามหลักเกณฑ์หรือยังไม่ยืนยัน)"
        READY = "ready", "พร้อมออกคำสั่งแต่งตั้ง"
        APPOINTED = "appointed", "แต่งตั้งแล้ว"

    # Status moves, as data; `networks.services.committee_move` is the one guard.
    STATUS_MOVES = {
        Status.DRAFT: {Status.READY},
        Status.READY: {Status.DRAFT, Status.APPOINTED},
        Status.APPOINTED: set(),
    }

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="committees", verbose_name="เครือข่าย")
    # Copied from the network on save: the order number is unique per district and year.
    district = models.ForeignKey(
        "geo.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="คณะกรรมการวาระก่อน"
    )
    term_start = models.DateField("วันเริ่มวาระ")
    status = models.CharField("สถานะ", max_length=10, choices=Status.choices, default=Status.DRAFT)
    adviser_name = models.CharField("ที่ปรึกษา (เจ้าหน้าที่พัฒนาชุมชน)", max_length=200, blank=True)
    adviser_position = models.CharField("ตำแหน่งที่ปรึกษา", max_length=200, blank=True)
    # The appointment order (คำสั่งอำเภอ ที่ ๑/๒๕๖๗): the district's own sequence per BE year.
    order_number = models.PositiveIntegerField("เลขที่คำสั่ง", null=True, blank=True)
    order_year = models.PositiveSmallIntegerField("ปี พ.ศ. ของคำสั่ง", null=True, blank=True)
    order_date = models.DateField("วันที่สั่ง", null=True, blank=True)
    signer_name = models.CharField("ผู้ลงนามคำสั่ง", max_length=200, blank=True)
    signer_position = models.CharField("ตำแหน่งผู้ลงนาม", max_length=200, blank=True)
    # A deputy signs "ปฏิบัติราชการแทน นายอำเภอ...": printed under the signer's position.
    signer_acting_for_chief = models.BooleanField("ลงนามปฏิบัติราชการแทนนายอำเภอ", default=False)
    status_changed_at = models.DateTimeField("เปลี่ยนสถานะเมื่อ", null=True, blank=True)
    created_at = models.DateTimeField("บันทึกเมื่อ", auto_now_add=True)
    updated_at = models.DateTimeField("แก้ไขล่าสุด", auto_now=True)

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        ordering = ["network", "-term_start"]
        verbose_name = "คณะกรรมการเครือข่าย"
        verbose_name_plural = "คณะกรรมการเครือข่าย"
        constraints = [
            models.UniqueConstraint(
                fields=["district", "order_year", "order_number"], name="networks_order_number_unique_per_district_year",
                violation_error_message=ORDER_NUMBER_TAKEN,
            ),
            models.UniqueConstraint(
                fields=["network", "term_start"], name="networks_one_committee_per_term_start",
                violation_error_message="เครือข่ายนี้มีคณะกรรมการที่เริ่มวาระวันเดียวกันแล้ว",
            ),
            models.CheckConstraint(
                condition=Q(order_number__isnull=True) | Q(order_year__isnull=False),
                name="networks_order_number_has_year",
                violation_error_message="เลขที่คำสั่งต้องมีปี พ.ศ. กำกับ",
            ),
        ]

    def __str__(self):
        return f"คณะกรรมการ{self.network.name} วาระ {thai.format_date(self.term_start)}"

    def save(self, *args, **kwargs):
        if self.network_id:
            self.district_id = self.network.district_id
        if self.order_date and not self.order_year:
            self.order_year = self.order_date.year + thai.BE_OFFSET
        super().save(*args, **kwargs)

    def clean(self):
        if self.order_number is not None and self.order_year is None and self.order_date is None:
            raise ValidationError({"order_year": ORDER_YEAR_REQUIRED})

    @property
    def term_ends_on(self) -> dt.date:
        return term_end_for(self.term_start)

    @property
    def term_has_ended(self) -> bool:
        """Whether the term ended before today (Bangkok), for badges that must not show it green."""
        from django.utils import timezone

        return self.term_ends_on < timezone.localdate()

    def term_state(self, today: dt.date) -> str:
        """"expired", "ending" (within 90 days) or "running"."""
        end = self.term_ends_on
        if end < today:
            return "expired"
        if (end - today).days <= WARN_DAYS:
            return "ending"
        return "running"

    @property
    def order_reference(self) -> str:
        """`1/2567` after ที่ (documents print it `๑/๒๕๖๗`), or "" while the number is not given."""
        if self.order_number is None or self.order_year is None:
            return ""
        return f"{self.order_number}/{self.order_year}"

    def seats_in_order(self) -> list["SeatHolder"]:
        """The seat holders in print order (seat kind, then position), each with `.number`
        (1, 2, ...) and `.seat_title` (as printed in the order)."""
        holders = list(self.holders.select_related("seat_kind", "group__village", "tambon_network__subdistrict")
                       .order_by("seat_kind__order", "position", "pk"))
        for number, holder in enumerate(holders, start=1):
            holder.number = number
            holder.seat_title = holder.seat_kind.title
        return holders


# A committee is created a draft; networks.services.committees makes every move through this guard.
COMMITTEE_STATUS = Machine(field="status", choices=Committee.Status, initial={Committee.Status.DRAFT},
                           moves=Committee.STATUS_MOVES)


class SeatHolder(models.Model):
    TITLES = ["นาย", "นาง", "นางสาว", "ว่าที่ร้อยตรี", "ว่าที่ร้อยตรีหญิง", "ดร."]

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="holders", verbose_name="คณะกรรมการ")
    seat_kind = models.ForeignKey(SeatKind, on_delete=models.PROTECT, related_name="+", verbose_name="ตำแหน่ง")
    position = models.PositiveSmallIntegerField("ลำดับ", default=0)
    title = models.CharField("คำนำหน้า", max_length=30, choices=[(t, t) for t in TITLES])
    first_name = models.CharField("ชื่อ", max_length=100)
    last_name = models.CharField("นามสกุล", max_length=100)
    group = models.ForeignKey(
        "groups.SavingsGroup", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="ผู้แทนกลุ่ม",
    )
    tambon_network = models.ForeignKey(
        Network, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="ผู้แทนเครือข่ายตำบล"
    )
    phone = models.CharField("โทรศัพท์", max_length=30, blank=True)
    national_id = models.CharField(
        "เลขประจำตัวประชาชน", max_length=13, blank=True, validators=[validate_national_id]
    )

    class Meta:
        ordering = ["committee", "seat_kind__order", "position", "pk"]
        verbose_name = "กรรมการ"
        verbose_name_plural = "กรรมการ"
        constraints = [
            models.CheckConstraint(
                condition=Q(group__isnull=True) | Q(tambon_network__isnull=True),
                name="networks_holder_represents_one_thing", violation_error_message="กรรมการหนึ่งคนเป็นผู้แทนของกลุ่มหรือของเครือข่ายตำบลอย่างใดอย่างหนึ่ง",
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.title}{self.first_name} {self.last_name}"

    @property
    def person_key(self) -> str:
        """Who this is, for "one person, one seat": the name without title or spacing."""
        return f"{self.first_name.strip()}|{self.last_name.strip()}"

    @property
    def national_id_masked(self) -> str:
        return mask_national_id(self.national_id)

    @property
    def represents(self) -> str:
        if self.group_id:
            if "หมู่ที่" in self.group.name:
                return self.group.name
            return f"{self.group.name} (หมู่ที่ {self.group.village.moo})"
        if self.tambon_network_id:
            return f"ตำบล{self.tambon_network.subdistrict.name_th}"
        return ""


class ProvinceRepresentatives(models.Model):
    """The two people an amphoe network names to the provincial committee: its chair and one
    more committee member (the letter's "อำเภอละ ๒ คน")."""

    network = models.OneToOneField(Network, on_delete=models.CASCADE, related_name="representatives", verbose_name="เครือข่าย")
    chair = models.ForeignKey(SeatHolder, on_delete=models.PROTECT, related_name="+", verbose_name="ประธานเครือข่าย")
    member = models.ForeignKey(SeatHolder, on_delete=models.PROTECT, related_name="+", verbose_name="กรรมการอีก 1 คน")
    named_at = models.DateTimeField("แจ้งเมื่อ", auto_now=True)
    named_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="ผู้แจ้ง")

    class Meta:
        verbose_name = "ผู้แทนเครือข่ายระดับอำเภอในคณะกรรมการระดับจังหวัด"
        verbose_name_plural = verbose_name
        constraints = [
            models.CheckConstraint(condition=~Q(chair=models.F("member")), name="networks_representatives_two_people", violation_error_message="ผู้แทน 2 คนต้องเป็นคนละคนกัน"),
        ]

    def __str__(self):
        return f"ผู้แทน{self.network.name}"
