"""No input crashes the importer: generated workbooks (any cell type, any value, in every documented
column) get a Thai refusal or a clean preview, never an exception, and a dry run writes nothing.
The files that crashed it before are kept below as plain regression tests."""

import datetime as dt

import pytest
from hypothesis import given

from geo.models import Village
from groups.models import Activity, GroupChange, SavingsGroup
from groups.spreadsheets.files import SpreadsheetRefused, read_sheet, write_errors
from groups.spreadsheets.importing import spreadsheet_import
from groups.spreadsheets.resources import ActivityResource, GroupResource, columns
from tests.factories import GroupFactory
from tests.groups.fuzz_support import FUZZ, has_thai, workbook_spec, write_workbook
from tests.groups.spreadsheet_support import GROUP_HEADERS, group_row, make_village, write_xlsx

ACTIVITY_HEADERS = [c.column_name for c in columns(ActivityResource)]
ACTIVITY_ROW = {"รหัสกลุ่ม": "5201010301", "ชื่อกลุ่ม": "กลุ่มหนองบัว", "ประเภทกิจกรรม": "ร้านค้าชุมชน",
                "ชื่อกิจกรรม": "ร้านค้าชุมชนบ้านหนองบัว", "วันที่เริ่ม": "1 ต.ค. 2560", "ทุนดำเนินการ (บาท)": "50,000",
                "สมาชิกที่เข้าร่วม (คน)": "๓๐", "สถานะกิจกรรม": "ดำเนินการอยู่"}
RESOURCES = {"groups": GroupResource, "activities": ActivityResource}


@pytest.fixture
def activity_group(district_user):
    return GroupFactory(code="5201010301", village=make_village("520101", 3))


def _counts():
    return (SavingsGroup.objects.count(), Village.objects.count(), GroupChange.objects.count(),
            Activity.objects.count())


def _dry_run_is_clean(kind, path, user):
    """A Thai refusal, or a report whose every message is Thai; the errors file can be written."""
    before = _counts()
    try:
        report = spreadsheet_import(kind=kind, path=path, actor=user, dry_run=True, file_name="fuzz.xlsx")
    except SpreadsheetRefused as refusal:
        assert has_thai(str(refusal)), str(refusal)
        return None
    assert report.applied is False
    for error in report.errors:
        assert has_thai(error.message), error
    for skipped in getattr(report, "skipped", []):
        assert has_thai(skipped.reason), skipped
    write_errors(path.with_suffix(".errors.xlsx"), read_sheet(path, RESOURCES[kind]), RESOURCES[kind],
                 report.errors_by_row())
    assert _counts() == before
    return report


@FUZZ
@given(spec=workbook_spec(group_row(), GROUP_HEADERS))
def test_generated_group_workbooks_never_crash_the_import(district_user, tmp_path, spec):
    path = tmp_path / "fuzz.xlsx"
    write_workbook(path, spec)
    _dry_run_is_clean("groups", path, district_user)


@FUZZ
@given(spec=workbook_spec(ACTIVITY_ROW, ACTIVITY_HEADERS))
def test_generated_activity_workbooks_never_crash_the_import(district_user, activity_group, tmp_path, spec):
    path = tmp_path / "fuzz.xlsx"
    write_workbook(path, spec)
    _dry_run_is_clean("activities", path, district_user)




# ---------------------------------------------------------------- the files that crashed it

@pytest.mark.parametrize("column", ["อำเภอ", "ตำบล", "จังหวัด"])
@pytest.mark.parametrize("value", [True, False])
def test_a_true_false_cell_in_a_place_column_is_an_error_on_that_cell(district_user, tmp_path, column, value):
    path = write_xlsx(tmp_path / "g.xlsx", [group_row(**{column: value})])

    report = _dry_run_is_clean("groups", path, district_user)

    assert [(e.row, e.column) for e in report.errors] == [(2, column)]
    assert report.errors[0].message == "ต้องเป็นข้อความ ไม่ใช่ TRUE/FALSE"


@pytest.mark.parametrize("value", [1e30, 1e300, -1e300, "1e30", "1E300"])
@pytest.mark.parametrize("column", ["เงินสัจจะสะสม (บาท)", "เงินให้กู้คงค้าง (บาท)"])
def test_a_huge_number_in_a_money_column_is_an_error_on_that_cell(district_user, tmp_path, column, value):
    path = write_xlsx(tmp_path / "g.xlsx", [group_row(**{column: value})])

    report = _dry_run_is_clean("groups", path, district_user)

    assert [(e.row, e.column) for e in report.errors] == [(2, column)]
    assert report.errors[0].message.startswith("จำนวนเงินใหญ่เกินไป")


def test_a_huge_number_in_the_activity_capital_column_is_an_error(district_user, activity_group, tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", [{**ACTIVITY_ROW, "ทุนดำเนินการ (บาท)": 1e300}], ACTIVITY_HEADERS)

    report = _dry_run_is_clean("activities", path, district_user)

    assert [(e.row, e.column) for e in report.errors] == [(2, "ทุนดำเนินการ (บาท)")]


def test_a_huge_whole_number_in_a_count_column_is_an_error(district_user, tmp_path):
    path = write_xlsx(tmp_path / "g.xlsx", [group_row(**{"จำนวนสมาชิก (คน)": 1e300, "ชาย (คน)": "", "หญิง (คน)": ""})])

    report = _dry_run_is_clean("groups", path, district_user)

    assert [(e.row, e.column) for e in report.errors] == [(2, "จำนวนสมาชิก (คน)")]


def test_a_time_cell_in_a_date_column_is_an_error_naming_the_cell(district_user, tmp_path):
    path = write_xlsx(tmp_path / "g.xlsx", [group_row(**{"วันที่จัดตั้ง": dt.time(10, 30)})])

    report = _dry_run_is_clean("groups", path, district_user)

    assert [(e.row, e.column) for e in report.errors] == [(2, "วันที่จัดตั้ง")]
