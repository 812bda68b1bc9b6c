"""Users and the office each one is posted to.

A user is posted to one office: a district (amphoe) office, a provincial office, or the
department. The office decides the user's area; `accounts.scope` turns it into query filters.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q


class Office(models.Model):
    class Level(models.TextChoices):
        DISTRICT = "district", "สำนักงานพัฒนาชุมชนอำเภอ"
        PROVINCE = "province", "สำนักงานพัฒนาชุมชนจังหวัด"
        NATIONAL = "national", "กรมการพัฒนาชุมชน"

    level = models.CharField("ระดับ", max_length=10, choices=Level.choices)
    province = models.ForeignKey(
        "geo.Province", on_delete=models.PROTECT, null=True, blank=True, related_name="offices"
    )
    district = models.ForeignKey(
        "geo.District", on_delete=models.PROTECT, null=True, blank=True, related_name="offices"
    )
    name = models.CharField("ชื่อสำนักงาน", max_length=200)
    address = models.TextField("ที่ตั้ง", blank=True)
    phone = models.CharField("โทรศัพท์", max_length=50, blank=True)
    # The office's own letter prefix, e.g. "ลป ๐๐๑๙.๔" or "ที่ว่าการอำเภอ" reference (printed documents).
    document_prefix = models.CharField("อักษรย่อหนังสือราชการ", max_length=50, blank=True)
    garuda = models.ImageField(
        "ตราครุฑ (สำหรับพิมพ์เอกสาร)", upload_to="garuda/", blank=True,
        help_text="ภาพตราครุฑที่สำนักงานใช้ หากไม่มี เอกสารจะเว้นที่ว่างไว้",
    )
    chief_name = models.CharField("ชื่อผู้บริหาร (นายอำเภอ/ผู้ว่าราชการจังหวัด)", max_length=200, blank=True)
    chief_title = models.CharField("ตำแหน่งผู้บริหาร", max_length=200, blank=True)

    class Meta:
        ordering = ["level", "province", "district"]
        verbose_name = "สำนักงาน"
        verbose_name_plural = "สำนักงาน"
        constraints = [
            models.CheckConstraint(
                name="accounts_office_area_matches_level",
                condition=(
                    Q(level="district", district__isnull=False, province__isnull=False)
                    | Q(level="province", district__isnull=True, province__isnull=False)
                    | Q(level="national", district__isnull=True, province__isnull=True)
                ),
            ),
            models.UniqueConstraint(
                fields=["district"], condition=Q(level="district"), name="accounts_office_one_per_district"
            ),
            models.UniqueConstraint(
                fields=["province"], condition=Q(level="province"), name="accounts_office_one_per_province"
            ),
        ]

    def __str__(self):
        return self.name

    def garuda_for_print(self):
        """This office's Garuda image, or its province office's, or None."""
        if self.garuda:
            return self.garuda
        if self.level == self.Level.DISTRICT:
            parent = Office.objects.filter(level=self.Level.PROVINCE, province_id=self.province_id).first()
            if parent and parent.garuda:
                return parent.garuda
        return None


class User(AbstractUser):
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="staff", verbose_name="สังกัด"
    )
    position = models.CharField("ตำแหน่ง", max_length=200, blank=True)
    phone = models.CharField("โทรศัพท์", max_length=50, blank=True)

    class Meta:
        verbose_name = "ผู้ใช้"
        verbose_name_plural = "ผู้ใช้"

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def level(self) -> str | None:
        return self.office.level if self.office_id else None

    @property
    def is_district_staff(self) -> bool:
        return self.level == Office.Level.DISTRICT

    @property
    def is_province_staff(self) -> bool:
        return self.level == Office.Level.PROVINCE

    @property
    def is_national_staff(self) -> bool:
        return self.level == Office.Level.NATIONAL
