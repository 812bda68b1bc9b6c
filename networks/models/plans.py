"""Drive plans (แผนการขับเคลื่อนเครือข่าย) per Thai fiscal year."""


from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from core import thai
from core.machine import Machine
from networks.models.network import Network

# One plan per network and fiscal year (a constraint; the service says it first).
PLAN_YEAR_TAKEN = "เครือข่ายนี้มีแผนของปีงบประมาณนี้แล้ว"


class DrivePlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Plans of the networks the user sees."""
        return self.filter(network__in=Network.objects.visible_to(user))


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

    objects = DrivePlanQuerySet.as_manager()

    class Meta:
        ordering = ["network", "-fiscal_year"]
        verbose_name = "แผนการขับเคลื่อนเครือข่าย"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(
                fields=["network", "fiscal_year"], name="networks_one_plan_per_fiscal_year",
                violation_error_message=PLAN_YEAR_TAKEN,
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


# A plan is created a draft; networks.services.plans makes every move through this guard.
PLAN_STATUS = Machine(field="status", choices=DrivePlan.Status, initial={DrivePlan.Status.DRAFT},
                      moves=DrivePlan.STATUS_MOVES, label="สถานะแผน")


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
