"""Reading and writing dates, digits and money the way Thai officers do (core/thai.py)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template

from core import thai
from core.forms import ThaiDateField, ThaiDecimalField

MARCH_15_1987 = dt.date(1987, 3, 15)


@pytest.mark.parametrize("text", [
    "15/03/2530", "15/3/2530", "15-03-2530", "15.03.2530", " 15 / 03 / 2530 ",
    "15 มี.ค. 2530", "15 มี.ค.2530", "15มี.ค.2530", "15 มีค 2530", "15 มีนาคม 2530", "15  มีนาคม   2530",
    "15 มีนา 2530", "15 มี.ค. พ.ศ. 2530", "15 มีนาคม พ.ศ. 2530",
    "๑๕/๐๓/๒๕๓๐", "๑๕ มี.ค. ๒๕๓๐", "๑๕ มีนาคม ๒๕๓๐",
    "1987-03-15", "2530-03-15", "1987-03-15T00:00:00",
    "15/03/1987", "15 มี.ค. 1987",
])
def test_dates_as_officers_type_them(text):
    assert thai.parse_date(text) == MARCH_15_1987


@pytest.mark.parametrize(("text", "expected"), [
    ("1 ม.ค. 2543", dt.date(2000, 1, 1)),
    ("29 ก.พ. 2567", dt.date(2024, 2, 29)),
    ("31 ธันวาคม 2567", dt.date(2024, 12, 31)),
    ("9 ธ.ค. 2567", dt.date(2024, 12, 9)),
    ("21 พฤศจิกายน 2567", dt.date(2024, 11, 21)),
    ("19 ก.ค. 2566", dt.date(2023, 7, 19)),
    ("1 เมษา 2560", dt.date(2017, 4, 1)),
])
def test_every_month_name_form(text, expected):
    assert thai.parse_date(text) == expected


@pytest.mark.parametrize(("year", "ce"), [(2401, 1858), (2530, 1987), (2567, 2024), (2400, 2400), (2024, 2024),
                                          (1987, 1987)])
def test_a_year_above_2400_is_buddhist_era_below_it_christian_era(year, ce):
    assert thai.year_to_ce(year) == ce
    assert thai.parse_date(f"01/06/{year}") == dt.date(ce, 6, 1)


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_blank_is_no_date(blank):
    assert thai.parse_date(blank) is None


def test_date_objects_pass_through():
    assert thai.parse_date(MARCH_15_1987) == MARCH_15_1987
    assert thai.parse_date(dt.datetime(1987, 3, 15, 10, 30)) == MARCH_15_1987


@pytest.mark.parametrize(("text", "message"), [
    ("31/02/2530", "ไม่มีวันที่นี้ในปฏิทิน: เดือนกุมภาพันธ์ 2530 ไม่มีวันที่ 31"),
    ("29/02/2566", "ไม่มีวันที่นี้ในปฏิทิน: เดือนกุมภาพันธ์ 2566 ไม่มีวันที่ 29"),
    ("15/13/2530", "เดือน “13” ไม่มี เดือนต้องเป็น 1 ถึง 12 (วว/ดด/ปปปป เช่น 15/03/2530)"),
    ("32 มี.ค. 2530", "วันที่ “32” ไม่มี วันต้องเป็น 1 ถึง 31"),
    ("15/03/3", "ปี “3” ไม่ถูกต้อง ให้พิมพ์ปี พ.ศ. สี่หลัก เช่น 2530 (หรือสองหลัก เช่น 30)"),
    ("เมื่อวาน", "อ่านวันที่ไม่ได้ ให้พิมพ์เช่น 15/03/2530 หรือ 15 มี.ค. 2530"),
    ("15 March 1987", "อ่านวันที่ไม่ได้ ให้พิมพ์เช่น 15/03/2530 หรือ 15 มี.ค. 2530"),
    ("15 มีนาคา 2530", "ไม่รู้จักชื่อเดือน “มีนาคา” ให้พิมพ์เช่น มี.ค. หรือ มีนาคม"),
    ("15/03/0999", "ปี “999” ไม่ถูกต้อง ให้พิมพ์ปี พ.ศ. สี่หลัก เช่น 2530 (หรือสองหลัก เช่น 30)"),
])
def test_unreadable_dates_get_a_thai_message(text, message):
    with pytest.raises(thai.ThaiDateError) as error:
        thai.parse_date(text)
    assert str(error.value) == message


@pytest.mark.parametrize(("style", "digits", "expected"), [
    ("short", "arabic", "15 มี.ค. 2530"),
    ("long", "arabic", "15 มีนาคม 2530"),
    ("numeric", "arabic", "15/03/2530"),
    ("long", "thai", "๑๕ มีนาคม ๒๕๓๐"),
    ("short", "thai", "๑๕ มี.ค. ๒๕๓๐"),
])
def test_format_date_in_buddhist_era(style, digits, expected):
    assert thai.format_date(MARCH_15_1987, style, digits=digits) == expected


def test_formatted_dates_read_back():
    for style in ("short", "long", "numeric"):
        for digits in ("arabic", "thai"):
            assert thai.parse_date(thai.format_date(MARCH_15_1987, style, digits=digits)) == MARCH_15_1987


def test_format_datetime_is_bangkok_time():
    moment = dt.datetime(2024, 11, 20, 18, 5, tzinfo=dt.UTC)  # 01:05 on the 21st in Bangkok
    assert thai.format_datetime(moment) == "21 พ.ย. 2567 01:05"
    assert thai.format_date(moment) == "21 พ.ย. 2567"


def test_blank_values_format_as_empty():
    assert thai.format_date(None) == thai.format_datetime(None) == thai.format_money(None) == ""
    assert thai.format_number("") == ""


@pytest.mark.parametrize(("text", "expected"), [
    ("1,234.50", Decimal("1234.50")), ("๑,๒๓๔.๕๐", Decimal("1234.50")), ("1234", Decimal("1234")),
    ("12,500 บาท", Decimal("12500")), (" 7 ", Decimal("7")), (1500, Decimal("1500")), ("", None),
])
def test_parse_decimal(text, expected):
    assert thai.parse_decimal(text) == expected


def test_parse_decimal_refuses_words():
    with pytest.raises(ValueError, match="“หนึ่งพัน” ไม่ใช่ตัวเลข"):
        thai.parse_decimal("หนึ่งพัน")


def test_money_and_numbers():
    assert thai.format_money(Decimal("1234567.5")) == "1,234,567.50"
    assert thai.format_money(0) == "0.00"
    assert thai.format_number(1280) == "1,280"
    assert thai.to_thai_digits("ที่ 12/2567") == "ที่ ๑๒/๒๕๖๗"
    assert thai.to_arabic_digits("๐๑๒๓๔๕๖๗๘๙") == "0123456789"


def test_template_filters():
    template = Template(
        "{{ d|thai_date }}|{{ d|thai_date:'long' }}|{{ d|doc_date }}|{{ m|baht }}|{{ n|number }}|{{ n|thai_digits }}")
    rendered = template.render(Context({"d": dt.date(2024, 11, 21), "m": Decimal("1234567.5"), "n": 1280}))
    assert rendered == "21 พ.ย. 2567|21 พฤศจิกายน 2567|๒๑ พฤศจิกายน ๒๕๖๗|1,234,567.50|1,280|๑๒๘๐"


def test_date_field_accepts_thai_input_and_shows_buddhist_era():
    field = ThaiDateField(required=False)
    assert field.clean("๑๕ มีนาคม ๒๕๓๐") == MARCH_15_1987
    assert field.widget.format_value(MARCH_15_1987) == "15/03/2530"
    html = field.widget.render("founded_on", MARCH_15_1987, attrs={"id": "id_founded_on"})
    assert 'value="15/03/2530"' in html
    assert 'type="date" class="thai-date-picker"' in html
    assert 'data-for="id_founded_on"' in html


def test_date_field_error_is_thai():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        ThaiDateField().clean("30/02/2567")
    assert error.value.messages == ["ไม่มีวันที่นี้ในปฏิทิน: เดือนกุมภาพันธ์ 2567 ไม่มีวันที่ 30"]


def test_decimal_field_reads_commas_and_shows_them():
    from django.core.exceptions import ValidationError

    field = ThaiDecimalField(max_digits=14, decimal_places=2, min_value=0)
    assert field.clean("1,234,567.50") == Decimal("1234567.50")
    assert field.widget.format_value(Decimal("1234567.5")) == "1,234,567.50"
    with pytest.raises(ValidationError) as error:
        field.clean("-1")
    assert error.value.messages == ["จำนวนเงินต้องไม่ติดลบ"]
