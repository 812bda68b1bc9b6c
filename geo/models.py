"""Thailand's administrative areas with DOPA codes: province → amphoe → tambon → village.

Provinces, amphoe and tambon come from the geothai package (`load_geography`); villages come in
with the group records that name them.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class Province(models.Model):
    code = models.CharField("รหัสจังหวัด", max_length=2, primary_key=True)
    name_th = models.CharField("ชื่อจังหวัด", max_length=100)
    name_en = models.CharField("ชื่อภาษาอังกฤษ", max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = "จังหวัด"
        verbose_name_plural = "จังหวัด"

    def __str__(self):
        return self.name_th


class District(models.Model):
    """An amphoe (อำเภอ); Bangkok's khet are loaded too but have no CDD district office."""

    code = models.CharField("รหัสอำเภอ", max_length=4, primary_key=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="districts")
    name_th = models.CharField("ชื่ออำเภอ", max_length=100)
    name_en = models.CharField("ชื่อภาษาอังกฤษ", max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = "อำเภอ"
        verbose_name_plural = "อำเภอ"

    def __str__(self):
        return self.name_th

    @property
    def display_name(self):
        """อำเภอเมืองลำปาง (Bangkok's khet already carry เขต)."""
        return self.name_th if self.name_th.startswith("เขต") else f"อำเภอ{self.name_th}"


class Subdistrict(models.Model):
    """A tambon (ตำบล)."""

    code = models.CharField("รหัสตำบล", max_length=6, primary_key=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="subdistricts")
    name_th = models.CharField("ชื่อตำบล", max_length=100)
    name_en = models.CharField("ชื่อภาษาอังกฤษ", max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = "ตำบล"
        verbose_name_plural = "ตำบล"

    def __str__(self):
        return self.name_th


# The moo number of a village, as every form and import says it.
MOO_RANGE = "หมู่ที่ต้องอยู่ระหว่าง 1 ถึง 99"
MOO_REQUIRED = "กรุณากรอกหมู่ที่"


class Village(models.Model):
    """A village (หมู่บ้าน): code = tambon code + two-digit moo number."""

    code = models.CharField("รหัสหมู่บ้าน", max_length=8, primary_key=True)
    subdistrict = models.ForeignKey(Subdistrict, on_delete=models.PROTECT, related_name="villages")
    moo = models.PositiveSmallIntegerField(
        "หมู่ที่", validators=[MinValueValidator(1, MOO_RANGE), MaxValueValidator(99, MOO_RANGE)]
    )
    name = models.CharField("ชื่อหมู่บ้าน", max_length=150)

    class Meta:
        ordering = ["code"]
        verbose_name = "หมู่บ้าน"
        verbose_name_plural = "หมู่บ้าน"
        constraints = [
            models.UniqueConstraint(fields=["subdistrict", "moo"], name="geo_village_one_moo_per_tambon"),
            models.CheckConstraint(condition=models.Q(moo__gte=1, moo__lte=99), name="geo_village_moo_range",
                                   violation_error_message=MOO_RANGE),
        ]

    def __str__(self):
        return f"หมู่ที่ {self.moo} {self.name}"

    @staticmethod
    def name_required(moo, subdistrict_name: str) -> str:
        """A group in a village not yet in the registry must name it (form, import and service alike)."""
        return f"ยังไม่มีหมู่ที่ {moo} ของตำบล{subdistrict_name} ในทะเบียน กรุณากรอกชื่อหมู่บ้าน"

    @staticmethod
    def code_for(subdistrict_code: str, moo: int) -> str:
        return f"{subdistrict_code}{moo:02d}"
