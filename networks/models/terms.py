"""Facts every network model shares: levels, the 4-year term, the Thai fiscal year, national IDs."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models

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
        raise ValidationError("เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก", code="national_id_length")
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
