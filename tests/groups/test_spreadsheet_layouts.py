"""Sheets as provinces really send them: title rows, headers over two rows with merged parents,
totals, blank rows, notes and signatures under the table, `-` for none, BE years in date cells,
two-digit years, and every file format (.xlsx, .xls, .ods, .csv in the encodings Thai offices
write). Each test builds or reads a real file and checks what is stored and what the preview says."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from geo.models import Village
from groups.models import GroupChange, SavingsGroup
from groups.spreadsheets.importing import spreadsheet_import
from tests.groups.spreadsheet_support import GROUP_HEADERS, group_row, write_xlsx

FIXTURES = Path(__file__).parent / "fixtures"


def run(path, user, dry_run=False):
    return spreadsheet_import(kind="groups", path=path, actor=user, dry_run=dry_run, file_name=Path(path).name)


def skipped(report):
    return [str(rows) for rows in report.skipped]


def _two_row_header_sheet(path, rows, *, totals=True, footer=True):
    """Title rows, a header over two rows (จำนวนสมาชิก merged above รวม / ชาย / หญิง), data rows,
    a blank row, a total row with sums, a note and a signature."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["ทะเบียนกลุ่มออมทรัพย์เพื่อการผลิต อำเภอเมืองลำปาง"])
    sheet.append(["ข้อมูล ณ วันที่ 30 กันยายน 2567"])
    sheet.append(["รหัสกลุ่ม", "ชื่อกลุ่ม", "หมู่ที่", "ชื่อหมู่บ้าน", "ตำบล", "อำเภอ", "จำนวนสมาชิก", None, None,
                  "เงินสัจจะสะสม (บาท)"])
    sheet.append([None, None, None, None, None, None, "รวม", "ชาย", "หญิง"])
    for cells in ["A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:I3", "J3:J4"]:
        sheet.merge_cells(cells)
    for row in rows:
        sheet.append(row)
    if totals:
        sheet.append([])
        sheet.append(["รวม", None, None, None, None, None, "=SUM(G5:G6)", 60, 90, 3000.5])
        sheet.merge_cells(f"A{sheet.max_row}:F{sheet.max_row}")
    if footer:
        sheet.append(["หมายเหตุ: ข้อมูลจากพัฒนากรประจำตำบล"])
        sheet.append([None, None, None, None, "ลงชื่อ ............................ ผู้รายงาน"])
    workbook.save(path)
    return path


ROWS = [
    ["5201010301", "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว", 3, "หนองบัว", "เวียงเหนือ", "เมืองลำปาง", 120, 50, 70, 1000.5],
    ["5201010401", "กลุ่มสัจจะออมทรัพย์บ้านป่าตาล", 4, "ป่าตาล", "เวียงเหนือ", "เมืองลำปาง", 75, 10, 20, 2000],
]


def test_title_rows_two_row_header_totals_and_signature_import_with_the_skipped_rows_named(district_user, tmp_path):
    report = run(_two_row_header_sheet(tmp_path / "g.xlsx", ROWS), district_user)

    assert (report.ok, report.rows, report.created) == (True, 2, 2), report.errors
    assert skipped(report) == [
        "แถว 1–2: ชื่อเรื่องหรือหมายเหตุเหนือหัวตาราง ไม่นำเข้า", "แถว 7: แถวว่าง ไม่นำเข้า", "แถว 8: แถวรวม ไม่นำเข้า",
        "แถว 9–10: ข้อความใต้ตาราง (หมายเหตุหรือลงชื่อ) ไม่นำเข้า"]
    first, second = SavingsGroup.objects.order_by("code")
    assert (first.members_total, first.members_men, first.members_women) == (120, 50, 70)
    assert (second.members_total, second.members_men, second.members_women, second.savings_balance) == (
        75, 10, 20, Decimal("2000.00"))
    assert "รวม" not in SavingsGroup.objects.values_list("code", flat=True)


def test_a_total_row_holding_only_sums_and_no_code_is_skipped(district_user, tmp_path):
    rows = [group_row(), [None] * 10 + [120, 50, 70, 1234.5, 500.0]]
    report = run(write_xlsx(tmp_path / "g.xlsx", rows), district_user, dry_run=True)

    assert (report.ok, report.rows) == (True, 1)
    assert skipped(report) == ["แถว 3: แถวรวม (มีแต่ตัวเลข ไม่มีรหัส) ไม่นำเข้า"]


def test_a_row_that_looks_like_data_with_an_error_is_still_an_error(district_user, tmp_path):
    rows = [group_row(), group_row("", **{"ชื่อกลุ่ม": "รวมใจพัฒนา"})]
    report = run(write_xlsx(tmp_path / "g.xlsx", rows), district_user, dry_run=True)

    assert [(e.row, e.column, e.message) for e in report.errors] == [(3, "รหัสกลุ่ม", "กรุณากรอกรหัสกลุ่ม")]
    assert report.skipped == []


@pytest.mark.parametrize("none", ["-", "–", "—", "ไม่มี", " - ", ""])
def test_a_dash_or_none_means_zero_for_counts_and_money_and_unknown_for_men_and_women(district_user, tmp_path, none):
    row = group_row(**{"จำนวนสมาชิก (คน)": none, "ชาย (คน)": none, "หญิง (คน)": none, "เงินสัจจะสะสม (บาท)": none,
                       "เงินให้กู้คงค้าง (บาท)": none, "วันที่จัดตั้ง": none})
    report = run(write_xlsx(tmp_path / "g.xlsx", [row]), district_user)

    assert report.ok, report.errors
    group = SavingsGroup.objects.get()
    assert (group.members_total, group.members_men, group.members_women) == (0, None, None)
    assert (group.savings_balance, group.loans_outstanding, group.founded_on) == (Decimal("0"), Decimal("0"), None)


def test_a_be_year_in_a_real_date_cell_is_read_as_buddhist_era_and_shown(district_user, tmp_path):
    row = group_row(**{"วันที่จัดตั้ง": dt.datetime(2530, 3, 15), "ข้อมูล ณ วันที่": dt.datetime(2024, 9, 30)})
    report = run(write_xlsx(tmp_path / "g.xlsx", [row]), district_user)

    assert report.ok, report.errors
    group = SavingsGroup.objects.get()
    assert (group.founded_on, group.figures_as_of) == (dt.date(1987, 3, 15), dt.date(2024, 9, 30))
    assert [(n.row, n.column, n.message) for n in report.notes] == [
        (2, "วันที่จัดตั้ง", "เซลล์วันที่ปี 2530 อ่านเป็นปี พ.ศ.: 15 มีนาคม 2530")]


@pytest.mark.parametrize("typed", ["15/03/30", "15 มี.ค. 30", "๑๕/๐๓/๓๐", "15-3-30"])
def test_a_two_digit_year_is_buddhist_era_and_the_preview_shows_the_full_date(district_user, tmp_path, typed):
    report = run(write_xlsx(tmp_path / "g.xlsx", [group_row(**{"วันที่จัดตั้ง": typed})]), district_user)

    assert report.ok, report.errors
    assert SavingsGroup.objects.get().founded_on == dt.date(1987, 3, 15)
    assert [(n.column, n.message) for n in report.notes] == [
        ("วันที่จัดตั้ง", f"อ่าน “{typed}” เป็นวันที่ 15 มีนาคม 2530")]


@pytest.mark.parametrize(("typed", "message"), [
    ("15/13/2530", "เดือน “13” ไม่มี เดือนต้องเป็น 1 ถึง 12 (วว/ดด/ปปปป เช่น 15/03/2530)"),
    ("32/03/2530", "วันที่ “32” ไม่มี วันต้องเป็น 1 ถึง 31"),
    ("29/02/2566", "ไม่มีวันที่นี้ในปฏิทิน: เดือนกุมภาพันธ์ 2566 ไม่มีวันที่ 29"),
    ("15/03/253", "ปี “253” ไม่ถูกต้อง ให้พิมพ์ปี พ.ศ. สี่หลัก เช่น 2530 (หรือสองหลัก เช่น 30)"),
])
def test_a_date_that_cannot_be_read_names_the_wrong_part(district_user, tmp_path, typed, message):
    report = run(write_xlsx(tmp_path / "g.xlsx", [group_row(**{"วันที่จัดตั้ง": typed})]), district_user, dry_run=True)

    assert [(e.row, e.column, e.message) for e in report.errors] == [(2, "วันที่จัดตั้ง", message)]


# ---------------------------------------------------------------- formats

def _csv_text():
    lines = [",".join(GROUP_HEADERS)]
    for code, moo, name in [("5201010301", 3, "หนองบัว"), ("5201010401", 4, "ป่าตาล")]:
        row = group_row(code, **{"หมู่ที่": moo, "ชื่อหมู่บ้าน": name, "ชื่อกลุ่ม": f"กลุ่มออมทรัพย์บ้าน{name}",
                                 "เงินสัจจะสะสม (บาท)": "1234.50", "ชาย (คน)": "50"})
        lines.append(",".join(str(row[h]) for h in GROUP_HEADERS))
    return "\r\n".join(lines) + "\r\n"


@pytest.mark.parametrize(("encoding", "name"), [
    ("utf-8", "utf8.csv"), ("utf-8-sig", "utf8-bom.csv"), ("cp874", "windows-874.csv"), ("tis-620", "tis620.csv"),
    ("utf-16", "unicode.txt"),
])
def test_csv_in_every_encoding_thai_offices_write_imports_the_same(district_user, tmp_path, encoding, name):
    path = tmp_path / name
    path.write_bytes(_csv_text().encode(encoding))

    report = run(path, district_user)

    assert (report.ok, report.created) == (True, 2), report.errors
    group = SavingsGroup.objects.get(code="5201010301")
    assert (group.name, group.village.name, group.founded_on, group.savings_balance, group.members_men) == (
        "กลุ่มออมทรัพย์บ้านหนองบัว", "หนองบัว", dt.date(1987, 3, 15), Decimal("1234.50"), 50)


def test_a_semicolon_csv_is_read_too(district_user, tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(_csv_text().replace(",", ";"), encoding="utf-8")
    assert run(path, district_user, dry_run=True).created == 2


@pytest.mark.parametrize("name", ["groups-plain.xls", "groups-plain.ods"])
def test_xls_and_ods_saved_by_libreoffice_import_the_same(district_user, name):
    report = run(FIXTURES / name, district_user)

    assert (report.ok, report.created) == (True, 2), report.errors
    group = SavingsGroup.objects.get(code="5201010301")
    assert (group.name, group.village_id, group.founded_on, group.members_total, group.savings_balance) == (
        "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว", "52010103", dt.date(1987, 3, 15), 120, Decimal("1234.50"))
    assert SavingsGroup.objects.get(code="5201010401").savings_balance == Decimal("98000.00")


def test_the_lampang_provincial_sheet_saved_as_xls_imports_with_skipped_rows_named(province_user):
    """Made with LibreOffice (tests/groups/fixtures/make_fixtures.py): titles, a two-row header with
    merged parents, a sequence column, subtotals per amphoe, a grand total, `-` and ไม่มี, a
    zero-width space, BE years in date cells, a two-digit year and a signature block."""
    report = run(FIXTURES / "lampang-province.xls", province_user)

    assert (report.ok, report.rows, report.created) == (True, 5, 5), report.errors
    assert skipped(report) == [
        "แถว 1–2: ชื่อเรื่องหรือหมายเหตุเหนือหัวตาราง ไม่นำเข้า", "แถว 9: แถวรวม ไม่นำเข้า", "แถว 12–13: แถวรวม ไม่นำเข้า",
        "แถว 14: แถวว่าง ไม่นำเข้า",
        "แถว 15: ข้อความใต้ตาราง (หมายเหตุหรือลงชื่อ) ไม่นำเข้า", "แถว 16: แถวว่าง ไม่นำเข้า",
        "แถว 17–19: ข้อความใต้ตาราง (หมายเหตุหรือลงชื่อ) ไม่นำเข้า"]
    assert set(report.ignored_columns) == {"ลำดับ", "หมายเหตุ"}
    groups = {g.code: g for g in SavingsGroup.objects.select_related("village")}
    assert sorted(groups) == ["5201010301", "5201010401", "5201020101", "5202010101", "5202010201"]
    nong_bua = groups["5201010301"]
    assert (nong_bua.village.name, nong_bua.founded_on, nong_bua.members_total, nong_bua.members_men,
            nong_bua.members_women, nong_bua.savings_balance, nong_bua.loans_outstanding) == (
        "หนองบัว", dt.date(1987, 3, 15), 120, 50, 70, Decimal("1234567.50"), Decimal("850000.00"))
    pa_tan = groups["5201010401"]
    assert (pa_tan.name, pa_tan.founded_on, pa_tan.members_men, pa_tan.loans_outstanding) == (
        "กลุ่มสัจจะออมทรัพย์บ้านป่าตาล", dt.date(2002, 10, 1), None, Decimal("0"))
    sop_pat = groups["5202010201"]
    assert (sop_pat.founded_on, sop_pat.members_total, sop_pat.members_men, sop_pat.savings_balance) == (
        None, 25, None, Decimal("0"))
    assert sum(g.members_total for g in groups.values()) == 300  # the sheet's own grand total
    assert sum(g.savings_balance for g in groups.values()) == Decimal("1792567.75")
    assert Village.objects.count() == 5
    assert GroupChange.objects.filter(source="import", actor=province_user).count() == 5
    assert {n.message for n in report.notes} >= {"อ่าน “01/10/45” เป็นวันที่ 1 ตุลาคม 2545"}
