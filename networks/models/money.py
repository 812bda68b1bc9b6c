"""The network's bank account, its signatories and its income and spending."""


from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from networks.models.network import Network

# An account at an "other" bank names it (a constraint; the service says it first).
BANK_NAME_REQUIRED = "กรุณาระบุชื่อสถาบันการเงิน"


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
            models.CheckConstraint(condition=~Q(bank="other") | ~Q(bank_other=""), name="networks_bank_other_named", violation_error_message=BANK_NAME_REQUIRED),
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


def signatory_required(role) -> str:
    """An account names all three signatories (the service and the form say it alike)."""
    return f"กรุณาเลือก{Signatory.Role(role).label}"


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


class FundEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Entries of the networks the user sees."""
        from networks.models.network import Network

        return self.filter(network__in=Network.objects.visible_to(user))

    def in_force(self):
        """Entries not voided: the ones the balance counts."""
        return self.filter(voided_at__isnull=True)


class FundEntry(models.Model):
    """Money in (by the bylaws' four sources, ข้อ ๑๑) or out (by a committee resolution, ข้อ ๑๓).
    A mistake is corrected (with a reason) or voided (kept, struck through, out of the balance);
    never deleted, so the account's history stays whole. Each correction is a NetworkEvent."""

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
    corrected_at = models.DateTimeField("แก้ไขล่าสุดเมื่อ", null=True, blank=True)
    correction_reason = models.CharField("เหตุผลที่แก้ไขล่าสุด", max_length=255, blank=True)
    voided_at = models.DateTimeField("ยกเลิกเมื่อ", null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="ผู้ยกเลิก"
    )
    void_reason = models.CharField("เหตุผลที่ยกเลิก", max_length=255, blank=True)

    objects = FundEntryQuerySet.as_manager()

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
            models.CheckConstraint(
                condition=Q(voided_at__isnull=True, voided_by__isnull=True, void_reason="")
                | (Q(voided_at__isnull=False, voided_by__isnull=False) & ~Q(void_reason="")),
                name="networks_fund_void_has_who_and_why", violation_error_message="การยกเลิกรายการต้องมีผู้ยกเลิกและเหตุผล",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.description}"

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None

    def clean(self):
        if self.kind == self.Kind.INCOME and not self.source:
            raise ValidationError({"source": "กรุณาเลือกแหล่งที่มาของเงิน"})
        if self.kind == self.Kind.SPENDING:
            if not (self.resolution or "").strip():
                raise ValidationError({"resolution": "รายจ่ายต้องระบุมติที่ประชุมคณะกรรมการที่อนุมัติ"})
            self.source = ""
