"""Helpers for the spreadsheet tests: workbooks written the way officers' files arrive."""

import datetime as dt
from decimal import Decimal

import openpyxl

from groups.spreadsheets.resources import GroupResource, columns

GROUP_HEADERS = [c.column_name for c in columns(GroupResource)]


def group_row(code="5201010301", **overrides):
    """A valid row for amphoe เมืองลำปาง, tambon เวียงเหนือ (520101), as an officer types it."""
    row = {
        "รหัสกลุ่ม": code, "ชื่อกลุ่ม": "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว", "หมู่ที่": "๓",
        "ชื่อหมู่บ้าน": "หนองบัว", "ตำบล": "เวียงเหนือ", "อำเภอ": "เมืองลำปาง", "จังหวัด": "ลำปาง",
        "วันที่จัดตั้ง": "15/03/2530", "ดำเนินการตามระเบียบฯ พ.ศ. ๒๕๕๕": "ใช่", "สถานะ": "ดำเนินการอยู่",
        "จำนวนสมาชิก (คน)": "๑๒๐", "ชาย (คน)": 50, "หญิง (คน)": "70", "เงินสัจจะสะสม (บาท)": "1,234.50",
        "เงินให้กู้คงค้าง (บาท)": "๕๐๐", "ข้อมูล ณ วันที่": "30 ก.ย. 2567", "ชื่อประธานกลุ่ม": "นางบัวผัน ใจมา",
        "โทรศัพท์ประธาน": "0812345678", "พัฒนากรผู้รับผิดชอบ": "นางสาวศิริพร ทองมา",
    }
    row.update(overrides)
    return row


def write_xlsx(path, rows, headers=None, *, title_rows=()):
    """rows: dicts by header (missing keys are blank) or plain lists."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for title in title_rows:
        sheet.append(title)
    headers = headers if headers is not None else GROUP_HEADERS
    if headers:
        sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h, "") for h in headers] if isinstance(row, dict) else row)
    workbook.save(path)
    return path


def read_xlsx(path):
    workbook = openpyxl.load_workbook(path, read_only=True)
    rows = [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    return rows


def real_date(day, month, year_ce):
    return dt.datetime(year_ce, month, day)


MONEY = Decimal


def make_village(tambon_code, moo, name="บ้านทดสอบ"):
    from geo.models import Village

    village, _ = Village.objects.get_or_create(
        code=Village.code_for(tambon_code, moo), defaults={"subdistrict_id": tambon_code, "moo": moo, "name": name})
    return village
