"""Savings-group networks (tambon → amphoe → province → national), their committees with 4-year
terms, province representatives, money and drive plans (Surat Thani letter สฎ ๐๐๑๙.๐๔/ว ๕๖๓๓).

Which committee rules hold is decided in `networks.rules`; who may change what in
`networks.permissions`; every write goes through `networks.services`.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from accounts.models import Office
from accounts.scope import area_q
from core import thai

TERM_YEARS = 4
WARN_DAYS = 90


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def term_end_for(start: dt.date) -> dt.date:
    """The last day of a 4-year term that starts on `start`."""
    return add_years(start, TERM_YEARS) - dt.timedelta(days=1)


def fiscal_year_be(day: dt.date) -> int:
    """Thai fiscal year (October to September) in Buddhist Era: 1 Oct 2025 is ปีงบประมาณ 2569."""
    return day.year + thai.BE_OFFSET + (1 if day.month >= 10 else 0)


def validate_national_id(value: str) -> None:
    """A Thai national ID: 13 digits, the last a checksum of the first 12."""
    digits = thai.to_arabic_digits(value or "").replace("-", "").replace(" ", "")
    if not digits:
        return
    if len(digits) != 13 or not digits.isdigit():
        raise ValidationError("เลขประจำตัวประชาชนต้องเป็นตัวเลข ๑๓ หลัก", code="national_id_length")
    total = sum(int(digits[i]) * (13 - i) for i in range(12))
    if (11 - total % 11) % 10 != int(digits[12]):
        raise ValidationError("เลขประจำตัวประชาชนไม่ถูกต้อง (เลขตรวจสอบหลักสุดท้ายไม่ตรง)", code="national_id_checksum")


def mask_national_id(value: str) -> str:
    """`1-2345-xxxxx-xx-3`: the first five digits and the last one stay visible."""
    if not value:
        return ""
    return f"{value[0]}-{value[1:5]}-xxxxx-xx-{value[12]}"


def format_national_id(value: str) -> str:
    if not value:
        return ""
    return f"{value[0]}-{value[1:5]}-{value[5:10]}-{value[10:12]}-{value[12]}"


class Level(models.TextChoices):
    TAMBON = "tambon", "ระดับตำบล"
    AMPHOE = "amphoe", "ระดับอำเภอ"
    PROVINCE = "province", "ระดับจังหวัด"
    NATIONAL = "national", "ระดับประเทศ"


class NetworkQuerySet(models.QuerySet):
    def visible_to(self, user):
        """District staff: their district's tambon and amphoe networks; provincial staff: every
        network of their province (the province's own too); national staff: all."""
        q = area_q(user, "district")
        if getattr(user, "is_authenticated", False) and user.office_id and user.office.level == Office.Level.PROVINCE:
            q |= Q(level=Level.PROVINCE, province_id=user.office.province_id)
        return self.filter(q)

    def tambon(self):
        """Tambon-level networks."""
        return self.filter(level=Level.TAMBON)

    def amphoe(self):
        """Amphoe-level networks."""
        return self.filter(level=Level.AMPHOE)


class Network(models.Model):
    Level = Level

    level = models.CharField("ระดับ", max_length=10, choices=Level.choices)
    province = models.ForeignKey(
        "geo.Province", on_delete=models.PROTECT, null=True, blank=True, related_name="networks", verbose_name="จังหวัด"
    )
    district = models.ForeignKey(
        "geo.District", on_delete=models.PROTECT, null=True, blank=True, related_name="networks", verbose_name="อำเภอ"
    )
    subdistrict = models.ForeignKey(
        "geo.Subdistrict", on_delete=models.PROTECT, null=True, blank=True, related_name="networks", verbose_name="ตำบล"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="เครือข่ายระดับเหนือขึ้นไป"
    )
    name = models.CharField("ชื่อเครือข่าย", max_length=255)
    # A tambon network's member groups: the active groups of its tambon when created, adjustable.
    # An amphoe network's members are its tambon networks (`children`).
    member_groups = models.ManyToManyField(
        "groups.SavingsGroup", blank=True, related_name="networks", verbose_name="กลุ่มสมาชิก"
    )
    bylaws_announced_on = models.DateField("วันที่ประกาศระเบียบเครือข่าย", null=True, blank=True)
    created_at = models.DateTimeField("บันทึกเมื่อ", auto_now_add=True)
    updated_at = models.DateTimeField("แก้ไขล่าสุด", auto_now=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["province", "district", "level", "subdistrict"]
        verbose_name = "เครือข่ายกลุ่มออมทรัพย์เพื่อการผลิต"
        verbose_name_plural = "เครือข่ายกลุ่มออมทรัพย์เพื่อการผลิต"
        constraints = [
            models.CheckConstraint(
                name="networks_network_area_matches_level", violation_error_message="พื้นที่ของเครือข่ายไม่ตรงกับระดับ",
                condition=(
                    Q(level="tambon", subdistrict__isnull=False, district__isnull=False, province__isnull=False)
                    | Q(level="amphoe", subdistrict__isnull=True, district__isnull=False, province__isnull=False)
                    | Q(level="province", subdistrict__isnull=True, district__isnull=True, province__isnull=False)
                    | Q(level="national", subdistrict__isnull=True, district__isnull=True, province__isnull=True)
                ),
            ),
            models.UniqueConstraint(
                fields=["subdistrict"], condition=Q(level="tambon"), name="networks_one_per_tambon",
                violation_error_message="ตำบลนี้มีเครือข่ายแล้ว",
            ),
            models.UniqueConstraint(
                fields=["district"], condition=Q(level="amphoe"), name="networks_one_per_amphoe",
                violation_error_message="อำเภอนี้มีเครือข่ายแล้ว",
            ),
            models.UniqueConstraint(
                fields=["province"], condition=Q(level="province"), name="networks_one_per_province",
                violation_error_message="จังหวัดนี้มีเครือข่ายแล้ว",
            ),
        ]

    def __str__(self):
        return self.name

    @staticmethod
    def default_name(level, *, subdistrict=None, district=None, province=None) -> str:
        base = "เครือข่ายกลุ่มออมทรัพย์เพื่อการผลิต"
        if level == Level.TAMBON:
            return f"{base}ตำบล{subdistrict.name_th}"
        if level == Level.AMPHOE:
            return f"{base}อำเภอ{district.name_th}"
        if level == Level.PROVINCE:
            return f"{base}จังหวัด{province.name_th}"
        return f"{base}ระดับประเทศ"

    @property
    def area_name(self) -> str:
        if self.level == Level.TAMBON:
            return f"ตำบล{self.subdistrict.name_th} อำเภอ{self.district.name_th}"
        if self.level == Level.AMPHOE:
            return f"อำเภอ{self.district.name_th} จังหวัด{self.province.name_th}"
        if self.level == Level.PROVINCE:
            return f"จังหวัด{self.province.name_th}"
        return "ทั่วประเทศ"

    def visible_to(self, user) -> bool:
        return Network.objects.visible_to(user).filter(pk=self.pk).exists()

    def current_committee(self):
        """The committee of the latest term (draft or not), or None."""
        return self.committees.order_by("-term_start", "-pk").first()


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
                violation_error_message="เลขที่คำสั่งนี้ของอำเภอในปีเดียวกันถูกใช้แล้ว",
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
            raise ValidationError({"order_year": "กรุณาระบุปี พ.ศ. ของคำสั่ง หรือวันที่สั่ง"})

    @property
    def term_ends_on(self) -> dt.date:
        return term_end_for(self.term_start)

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
        """`๑/๒๕๖๗` as printed after ที่, or "" while the number is not given."""
        if self.order_number is None or self.order_year is None:
            return ""
        return thai.to_thai_digits(f"{self.order_number}/{self.order_year}")

    def visible_to(self, user) -> bool:
        return self.network.visible_to(user)

    def seats_in_order(self) -> list["SeatHolder"]:
        """The seat holders in print order (seat kind, then position), each with `.number`
        (1, 2, ...) and `.seat_title` (as printed in the order)."""
        holders = list(self.holders.select_related("seat_kind", "group__village", "tambon_network__subdistrict")
                       .order_by("seat_kind__order", "position", "pk"))
        for number, holder in enumerate(holders, start=1):
            holder.number = number
            holder.seat_title = holder.seat_kind.title
        return holders


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
    member = models.ForeignKey(SeatHolder, on_delete=models.PROTECT, related_name="+", verbose_name="กรรมการอีก ๑ คน")
    named_at = models.DateTimeField("แจ้งเมื่อ", auto_now=True)
    named_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="ผู้แจ้ง")

    class Meta:
        verbose_name = "ผู้แทนเครือข่ายระดับอำเภอในคณะกรรมการระดับจังหวัด"
        verbose_name_plural = verbose_name
        constraints = [
            models.CheckConstraint(condition=~Q(chair=models.F("member")), name="networks_representatives_two_people", violation_error_message="ผู้แทน ๒ คนต้องเป็นคนละคนกัน"),
        ]

    def __str__(self):
        return f"ผู้แทน{self.network.name}"


class BankAccount(models.Model):
    class Bank(models.TextChoices):
        KTB = "ktb", "ธนาคารกรุงไทย จำกัด (มหาชน)"
        GSB = "gsb", "ธนาคารออมสิน"
        BAAC = "baac", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร"
        OTHER = "other", "สถาบันการเงินอื่น"

    network = models.OneToOneField(Network, on_delete=models.CASCADE, related_name="bank_account", verbose_name="เครือข่าย")
    bank = models.CharField("ธนาคาร", max_length=10, choices=Bank.choices)
    bank_other = models.CharField("ชื่อสถาบันการเงิน (กรณีอื่น)", max_length=200, blank=True)
    branch = models.CharField("สาขา", max_length=200, blank=True)
    account_name = models.CharField("ชื่อบัญชี", max_length=255)
    account_number = models.CharField("เลขที่บัญชี", max_length=30)
    updated_at = models.DateTimeField("แก้ไขล่าสุด", auto_now=True)

    class Meta:
        verbose_name = "บัญชีเงินฝากของเครือข่าย"
        verbose_name_plural = verbose_name
        constraints = [
            models.CheckConstraint(condition=~Q(bank="other") | ~Q(bank_other=""), name="networks_bank_other_named", violation_error_message="กรุณาระบุชื่อสถาบันการเงิน"),
        ]

    def __str__(self):
        return f"{self.bank_name} {self.account_number}"

    def signatories_in_order(self) -> list["Signatory"]:
        """Chair, vice-chair, treasurer: the order of the bylaws' clause 13."""
        order = list(Signatory.Role.values)
        return sorted(self.signatories.all(), key=lambda s: order.index(s.role))

    @property
    def bank_name(self) -> str:
        return self.bank_other if self.bank == self.Bank.OTHER else self.get_bank_display()


class Signatory(models.Model):
    """One of the account's three signatories: the chair, a vice-chair, the treasurer (ข้อ ๑๓).
    The name is kept as signed at the bank, so a change of committee shows as a flag."""

    class Role(models.TextChoices):
        CHAIR = "chair", "ประธานเครือข่าย"
        VICE_CHAIR = "vice-chair", "รองประธาน"
        TREASURER = "treasurer", "เหรัญญิก"

    account = models.ForeignKey(BankAccount, on_delete=models.CASCADE, related_name="signatories", verbose_name="บัญชี")
    role = models.CharField("ในฐานะ", max_length=12, choices=Role.choices)
    title = models.CharField("คำนำหน้า", max_length=30)
    first_name = models.CharField("ชื่อ", max_length=100)
    last_name = models.CharField("นามสกุล", max_length=100)

    class Meta:
        ordering = ["account", "role"]
        verbose_name = "ผู้มีอำนาจลงนาม"
        verbose_name_plural = "ผู้มีอำนาจลงนาม"
        constraints = [
            models.UniqueConstraint(fields=["account", "role"], name="networks_one_signatory_per_role", violation_error_message="ตำแหน่งผู้ลงนามนี้มีผู้ลงนามแล้ว"),
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.full_name}"

    @property
    def full_name(self) -> str:
        return f"{self.title}{self.first_name} {self.last_name}"

    @property
    def person_key(self) -> str:
        return f"{self.first_name.strip()}|{self.last_name.strip()}"


class FundEntry(models.Model):
    """Money in (by the bylaws' four sources, ข้อ ๑๑) or out (by a committee resolution, ข้อ ๑๓)."""

    class Kind(models.TextChoices):
        INCOME = "income", "รายรับ"
        SPENDING = "spending", "รายจ่าย"

    class Source(models.TextChoices):
        FUND_RAISING = "fund-raising", "จัดกิจกรรมเพื่อระดมทุน"
        GROUP_CONTRIBUTION = "group-contribution", "เงินสมทบจากกลุ่มออมทรัพย์เพื่อการผลิต"
        GOVERNMENT = "government", "เงินสนับสนุนจากรัฐบาล"
        OTHER = "other", "รายได้อื่น ๆ"

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="fund_entries", verbose_name="เครือข่าย")
    kind = models.CharField("ประเภท", max_length=10, choices=Kind.choices)
    source = models.CharField("แหล่งที่มา", max_length=20, choices=Source.choices, blank=True)
    occurred_on = models.DateField("วันที่")
    amount = models.DecimalField("จำนวนเงิน (บาท)", max_digits=14, decimal_places=2, validators=[MinValueValidator(0.01)])
    description = models.CharField("รายการ", max_length=255)
    resolution = models.CharField("มติที่ประชุมคณะกรรมการที่อนุมัติ", max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="ผู้บันทึก")
    created_at = models.DateTimeField("บันทึกเมื่อ", auto_now_add=True)

    class Meta:
        ordering = ["network", "occurred_on", "pk"]
        verbose_name = "รายการรับจ่ายของเครือข่าย"
        verbose_name_plural = verbose_name
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="networks_fund_amount_positive", violation_error_message="จำนวนเงินต้องมากกว่าศูนย์"),
            models.CheckConstraint(
                condition=(Q(kind="income") & ~Q(source="")) | (Q(kind="spending", source="") & ~Q(resolution="")),
                name="networks_fund_income_has_source_spending_has_resolution", violation_error_message="รายรับต้องระบุแหล่งที่มา รายจ่ายต้องระบุมติที่ประชุมที่อนุมัติ",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.description}"

    def clean(self):
        if self.kind == self.Kind.INCOME and not self.source:
            raise ValidationError({"source": "กรุณาเลือกแหล่งที่มาของเงิน"})
        if self.kind == self.Kind.SPENDING:
            if not (self.resolution or "").strip():
                raise ValidationError({"resolution": "รายจ่ายต้องระบุมติที่ประชุมคณะกรรมการที่อนุมัติ"})
            self.source = ""


class DrivePlan(models.Model):
    """A network's drive plan (แผนการขับเคลื่อนเครือข่าย) for one Thai fiscal year."""

    class Status(models.TextChoices):
        DRAFT = "draft", "กำลังจัดทำ"
        SUBMITTED = "submitted", "ส่งจังหวัดแล้ว"
        RETURNED = "returned", "จังหวัดส่งกลับแก้ไข"

    STATUS_MOVES = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.RETURNED},
        Status.RETURNED: {Status.SUBMITTED},
    }

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="plans", verbose_name="เครือข่าย")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ (พ.ศ.)", validators=[MinValueValidator(2500)])
    status = models.CharField("สถานะ", max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField("ส่งจังหวัดเมื่อ", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="ผู้ส่ง"
    )
    return_reason = models.TextField("เหตุผลที่ส่งกลับ", blank=True)
    created_at = models.DateTimeField("บันทึกเมื่อ", auto_now_add=True)

    class Meta:
        ordering = ["network", "-fiscal_year"]
        verbose_name = "แผนการขับเคลื่อนเครือข่าย"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(
                fields=["network", "fiscal_year"], name="networks_one_plan_per_fiscal_year",
                violation_error_message="เครือข่ายนี้มีแผนของปีงบประมาณนี้แล้ว",
            ),
        ]

    def __str__(self):
        return f"แผนการขับเคลื่อน{self.network.name} ปีงบประมาณ พ.ศ. {self.fiscal_year}"

    @property
    def fiscal_year_label(self) -> str:
        return f"ปีงบประมาณ พ.ศ. {self.fiscal_year}"

    def month_choices(self) -> list[tuple[int, str]]:
        """October of the year before to September: (month number, "ต.ค. 2568")."""
        choices = []
        for month in [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]:
            year = self.fiscal_year - (1 if month >= 10 else 0)
            choices.append((month, f"{thai.MONTHS[month - 1]} {year}"))
        return choices


class PlanActivity(models.Model):
    MONTH_CHOICES = [(m, thai.MONTHS[m - 1]) for m in [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]]

    plan = models.ForeignKey(DrivePlan, on_delete=models.CASCADE, related_name="activities", verbose_name="แผน")
    position = models.PositiveSmallIntegerField("ลำดับ", default=0)
    name = models.CharField("กิจกรรม", max_length=255)
    objective = models.TextField("วัตถุประสงค์")
    month = models.PositiveSmallIntegerField("เดือนที่ดำเนินการ", choices=MONTH_CHOICES)
    budget = models.DecimalField("งบประมาณ (บาท)", max_digits=14, decimal_places=2, default=0, validators=[MinValueValidator(0)])
    responsible = models.CharField("ผู้รับผิดชอบ", max_length=255)

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = "กิจกรรมตามแผน"
        verbose_name_plural = "กิจกรรมตามแผน"
        constraints = [
            models.CheckConstraint(condition=Q(budget__gte=0), name="networks_plan_budget_not_negative", violation_error_message="งบประมาณต้องไม่ติดลบ"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="networks_plan_month_range", violation_error_message="เดือนไม่ถูกต้อง"),
        ]

    def __str__(self):
        return self.name

    @property
    def month_label(self) -> str:
        year = self.plan.fiscal_year - (1 if self.month >= 10 else 0)
        return f"{thai.MONTHS_SHORT[self.month - 1]} {year}"


class NetworkEvent(models.Model):
    """The record of every change to a network, its committees, money and plans."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="events", verbose_name="เครือข่าย")
    committee = models.ForeignKey(Committee, on_delete=models.SET_NULL, null=True, blank=True, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="ผู้ดำเนินการ")
    action = models.CharField("การดำเนินการ", max_length=50)
    detail = models.TextField("รายละเอียด", blank=True)
    at = models.DateTimeField("เมื่อ", auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "ประวัติการดำเนินการของเครือข่าย"
        verbose_name_plural = verbose_name

    def __str__(self):
        return f"{self.action} {self.detail}"
