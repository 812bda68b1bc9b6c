"""Thai dates, digits and money: one place for how the registry reads and writes them.

Officers type dates as `15/03/2530`, `15 มี.ค. 2530` or `15 มีนาคม 2530`, sometimes with Thai
digits; a four-digit year above 2400 is Buddhist Era (BE), below it Christian Era (CE).
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

BE_OFFSET = 543

MONTHS = [
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
]
MONTHS_SHORT = [
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
]

_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans("0123456789", _THAI_DIGITS)
_TO_ARABIC = str.maketrans(_THAI_DIGITS, "0123456789")

# Month names without dots or spaces, long and short, to their month number.
_MONTH_LOOKUP = {}
for _number, (_long, _short) in enumerate(zip(MONTHS, MONTHS_SHORT, strict=True), start=1):
    _MONTH_LOOKUP[_long] = _number
    _MONTH_LOOKUP[_short.replace(".", "")] = _number
    # The spoken short forms officers also type: มีนา, เมษา, กุมภา, พฤศจิกา ...
    _MONTH_LOOKUP[re.sub(r"(คม|ยน|พันธ์)$", "", _long)] = _number


class ThaiDateError(ValueError):
    """A date an officer typed that cannot be read; the message is Thai."""


DATE_UNREADABLE = "อ่านวันที่ไม่ได้ ให้พิมพ์เช่น 15/03/2530 หรือ 15 มี.ค. 2530"


def _year_refused(year) -> str:
    return f"ปี “{year}” ไม่ถูกต้อง ให้พิมพ์ปี พ.ศ. สี่หลัก เช่น 2530 (หรือสองหลัก เช่น 30)"


def to_thai_digits(value) -> str:
    return str(value).translate(_TO_THAI)


def to_arabic_digits(value: str) -> str:
    return str(value).translate(_TO_ARABIC)


def year_to_ce(year: int, digits: int = 4) -> int:
    """A four-digit year above 2400 is Buddhist Era, below it Christian Era; a two-digit year is
    Buddhist Era 25xx (`30` → 2530, `67` → 2567), as officers shorten it."""
    if digits == 2:
        return 2500 + year - BE_OFFSET
    if year > 2400:
        return year - BE_OFFSET
    if year < 1000:
        raise ThaiDateError(_year_refused(year))
    return year


def _make_date(year_text: str, month: int, day: int) -> dt.date:
    """The date, or a ThaiDateError that names the part that is wrong."""
    year = year_to_ce(int(year_text), len(year_text))
    if not 1 <= month <= 12:
        raise ThaiDateError(f"เดือน “{month}” ไม่มี เดือนต้องเป็น 1 ถึง 12 (วว/ดด/ปปปป เช่น 15/03/2530)")
    try:
        return dt.date(year, month, day)
    except ValueError:
        pass
    if day < 1 or day > 31:
        raise ThaiDateError(f"วันที่ “{day}” ไม่มี วันต้องเป็น 1 ถึง 31")
    raise ThaiDateError(f"ไม่มีวันที่นี้ในปฏิทิน: เดือน{MONTHS[month - 1]} {year + BE_OFFSET} ไม่มีวันที่ {day}")


def from_be_date_cell(value: dt.date) -> dt.date:
    """A real date cell whose year is 2400 or more was typed in Buddhist Era into an Excel set to
    the Gregorian calendar (`15/03/2530` is held as the year 2530 CE): it means 543 years earlier."""
    if value.year < 2400:
        return value
    try:
        return value.replace(year=value.year - BE_OFFSET)
    except ValueError as error:  # 29 February of a year that is leap in one calendar only
        raise ThaiDateError(f"ไม่มีวันที่นี้ในปฏิทิน: เดือนกุมภาพันธ์ {value.year} ไม่มีวันที่ 29") from error


def parse_date(text) -> dt.date | None:
    """Read a date as a Thai officer types it; None for blank; ThaiDateError (naming the wrong
    part) when unreadable."""
    if text is None:
        return None
    if isinstance(text, dt.datetime):
        return from_be_date_cell(text.date())
    if isinstance(text, dt.date):
        return from_be_date_cell(text)
    value = to_arabic_digits(str(text)).strip()
    if not value:
        return None
    value = re.sub(r"\s+", " ", value)
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?", value)
    if match:  # ISO, from the browser's date picker or a machine
        year, month, day = match.groups()
        return _make_date(year, int(month), int(day))
    match = re.fullmatch(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})", value)
    if match:
        day, month, year = match.groups()
        return _make_date(year, int(month), int(day))
    match = re.fullmatch(r"(\d{1,2})\s*([ก-๙.\s]+?)\s*(?:พ\.\s*ศ\.\s*)?(\d{2}|\d{4})", value)
    if match:
        day, month_name, year = match.groups()
        month = _MONTH_LOOKUP.get(month_name.replace(".", "").replace(" ", ""))
        if month is None:
            raise ThaiDateError(f"ไม่รู้จักชื่อเดือน “{month_name.strip()}” ให้พิมพ์เช่น มี.ค. หรือ มีนาคม")
        return _make_date(year, month, int(day))
    match = re.fullmatch(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d+)", value)
    if match:
        raise ThaiDateError(_year_refused(match.group(3)))
    raise ThaiDateError(DATE_UNREADABLE)


def reading_note(raw, date) -> str:
    """What the preview says when a date was read in a way the officer may not expect: a
    two-digit year, or a BE year held in a real date cell; "" otherwise."""
    if isinstance(raw, dt.date) and raw.year >= 2400:
        return f"เซลล์วันที่ปี {raw.year} อ่านเป็นปี พ.ศ.: {format_date(date, 'long')}"
    if isinstance(raw, str) and not re.search(r"\d{4}", to_arabic_digits(raw)):
        return f"อ่าน “{raw.strip()}” เป็นวันที่ {format_date(date, 'long')}"
    return ""


def format_date(value, style: str = "short", digits: str = "arabic") -> str:
    """A date in Buddhist Era with a Thai month name.

    short: `15 มี.ค. 2530`; long: `15 มีนาคม 2530`; numeric: `15/03/2530`.
    digits="thai" writes Thai digits, as printed documents need.
    """
    if value in (None, ""):
        return ""
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    year = value.year + BE_OFFSET
    if style == "numeric":
        text = f"{value.day:02d}/{value.month:02d}/{year}"
    elif style == "long":
        text = f"{value.day} {MONTHS[value.month - 1]} {year}"
    else:
        text = f"{value.day} {MONTHS_SHORT[value.month - 1]} {year}"
    return to_thai_digits(text) if digits == "thai" else text


def format_datetime(value) -> str:
    """`15 มี.ค. 2530 14:05` in Bangkok time."""
    if value in (None, ""):
        return ""
    from django.utils import timezone

    local = timezone.localtime(value)
    return f"{format_date(local.date())} {local:%H:%M}"


def parse_decimal(text) -> Decimal | None:
    """`1,234.50`, `๑,๒๓๔.๕๐` or a number cell; None for blank; ValueError (Thai) when not a number."""
    if text is None:
        return None
    if isinstance(text, (int, float, Decimal)):
        return Decimal(str(text))
    value = to_arabic_digits(str(text)).strip().replace(",", "").replace(" ", "")
    value = value.removesuffix("บาท")
    if not value:
        return None
    try:
        return Decimal(value)
    except InvalidOperation as error:
        raise ValueError(f"“{text}” ไม่ใช่ตัวเลข") from error


def format_money(value) -> str:
    """`1,234,567.50`"""
    if value in (None, ""):
        return ""
    return f"{Decimal(value):,.2f}"


def format_number(value) -> str:
    if value in (None, ""):
        return ""
    return f"{int(value):,}"
