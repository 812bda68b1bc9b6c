"""A new district officer's path through spreadsheets, in Chromium: download the blank template,
fill three groups the way officers type (BE dates, Thai digits), import them, see them in the list,
export the district and import that export back with zero changes."""

import re

import openpyxl
import pytest
from playwright.sync_api import expect

from groups.models import GroupChange, SavingsGroup
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_template_to_import_to_list_to_export_and_back_with_no_changes(page, district_user, tmp_path):
    log_in(page, district_user.username)
    page.goto("/groups/")
    page.get_by_role("link", name="นำเข้าจาก Excel").click()

    with page.expect_download() as download:
        page.get_by_role("link", name="แบบฟอร์มข้อมูลกลุ่ม").click()
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)

    workbook = openpyxl.load_workbook(template)
    sheet = workbook.worksheets[0]
    headers = [c.value for c in sheet[1]]
    rows = [
        {"รหัสกลุ่ม": "๕๒๐๑๐๑๐๓๐๑", "ชื่อกลุ่ม": "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว", "หมู่ที่": "๓",
         "ชื่อหมู่บ้าน": "หนองบัว", "ตำบล": "เวียงเหนือ", "อำเภอ": "เมืองลำปาง", "จังหวัด": "ลำปาง",
         "วันที่จัดตั้ง": "15/03/2530", "ดำเนินการตามระเบียบฯ พ.ศ. ๒๕๕๕": "ใช่", "จำนวนสมาชิก (คน)": "๑๒๐",
         "ชาย (คน)": "๕๐", "หญิง (คน)": "๗๐", "เงินสัจจะสะสม (บาท)": "๑,๒๓๔,๕๖๗.๕๐", "ข้อมูล ณ วันที่": "30 ก.ย. 2567"},
        {"รหัสกลุ่ม": "5201010401", "ชื่อกลุ่ม": "กลุ่มสัจจะออมทรัพย์บ้านป่าตาล", "หมู่ที่": 4, "ชื่อหมู่บ้าน": "ป่าตาล",
         "ตำบล": "520101", "อำเภอ": "เมืองลำปาง", "วันที่จัดตั้ง": "๑ ม.ค. ๒๕๔๕", "ดำเนินการตามระเบียบฯ พ.ศ. ๒๕๕๕": "ไม่ใช่",
         "จำนวนสมาชิก (คน)": 45, "เงินสัจจะสะสม (บาท)": "98,000"},
        {"รหัสกลุ่ม": "5201020101", "ชื่อกลุ่ม": "กลุ่มออมทรัพย์เพื่อการผลิตบ้านดอนแก้ว", "หมู่ที่": "๑",
         "ชื่อหมู่บ้าน": "ดอนแก้ว", "ตำบล": "หัวเวียง", "อำเภอ": "เมืองลำปาง", "วันที่จัดตั้ง": "20/06/2551",
         "ดำเนินการตามระเบียบฯ พ.ศ. ๒๕๕๕": "ใช่", "จำนวนสมาชิก (คน)": "๓๐", "เงินสัจจะสะสม (บาท)": "๕๐,๐๐๐.๒๕"},
    ]
    for number, row in enumerate(rows, start=2):
        for column, header in enumerate(headers, start=1):
            if header in row:
                sheet.cell(number, column, row[header])
    filled = tmp_path / "กลุ่มใหม่.xlsx"
    workbook.save(filled)

    page.set_input_files("input[type=file]", str(filled))
    page.get_by_role("button", name="ตรวจสอบไฟล์").click()
    page.wait_for_url("**/spreadsheets/import/preview/")
    assert page.locator(".counts").inner_text().split() == [
        "3", "แถวในไฟล์", "3", "เพิ่มใหม่", "0", "แก้ไข", "0", "ไม่เปลี่ยนแปลง", "0", "แถวที่ผิดพลาด"]
    assert SavingsGroup.objects.count() == 0
    page.get_by_role("button", name="ยืนยันนำเข้า (เพิ่ม 3 · แก้ไข 0)").click()

    page.wait_for_url("**/groups/")
    assert "เพิ่มใหม่ 3" in page.locator(".messages").inner_text()
    table = page.locator("#results table").inner_text()
    for name in ("กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว", "กลุ่มสัจจะออมทรัพย์บ้านป่าตาล", "กลุ่มออมทรัพย์เพื่อการผลิตบ้านดอนแก้ว"):
        assert name in table
    assert "1,234,567.50" in table
    assert GroupChange.objects.filter(source="import", actor=district_user).count() == 3

    page.goto("/spreadsheets/")
    with page.expect_download() as download:
        page.locator("tr", has_text="อำเภอเมืองลำปาง").get_by_role("link").first.click()
    exported = tmp_path / "export.xlsx"
    download.value.save_as(exported)

    page.set_input_files("input[type=file]", str(exported))
    page.get_by_role("button", name="ตรวจสอบไฟล์").click()
    page.wait_for_url("**/spreadsheets/import/preview/")
    assert page.locator(".counts").inner_text().split() == [
        "3", "แถวในไฟล์", "0", "เพิ่มใหม่", "0", "แก้ไข", "3", "ไม่เปลี่ยนแปลง", "0", "แถวที่ผิดพลาด"]
    assert page.get_by_text("ข้อมูลในไฟล์ตรงกับทะเบียนทุกแถว ไม่มีสิ่งที่ต้องบันทึก").is_visible()
    assert GroupChange.objects.count() == 3


def test_a_bad_row_is_shown_with_its_row_column_and_message_and_nothing_is_saved(page, district_user, tmp_path):
    from tests.groups.spreadsheet_support import group_row, write_xlsx

    path = write_xlsx(tmp_path / "bad.xlsx", [group_row(), group_row("5201010302", **{"วันที่จัดตั้ง": "31/02/2530"})])
    log_in(page, district_user.username)
    page.goto("/spreadsheets/")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="ตรวจสอบไฟล์").click()

    page.wait_for_url("**/spreadsheets/import/preview/")
    assert page.locator("#errors tbody tr").inner_text().split("\t") == ["3", "วันที่จัดตั้ง", "ไม่มีวันที่นี้ในปฏิทิน: เดือนกุมภาพันธ์ 2530 ไม่มีวันที่ 31"]
    assert page.get_by_role("button", name="ยืนยันนำเข้า").count() == 0
    with page.expect_download() as download:
        page.get_by_role("link", name="ดาวน์โหลดไฟล์พร้อมข้อผิดพลาดข้างแต่ละแถว").click()
    assert download.value.suggested_filename == "ข้อผิดพลาด-bad.xlsx"
    assert SavingsGroup.objects.count() == 0


def test_the_list_export_follows_filters_applied_in_place(page, district_user, tmp_path):
    from tests.factories import GroupFactory
    from tests.groups.spreadsheet_support import make_village, read_xlsx

    village = make_village("520101", 3)
    GroupFactory(code="K1", village=village, name="กลุ่มดอนแก้ว")
    GroupFactory(code="K2", village=village, name="กลุ่มป่าตาล")
    log_in(page, district_user.username)
    page.goto("/groups/")
    page.fill("input[name=q]", "ดอนแก้ว")
    page.press("input[name=q]", "Tab")  # a change: htmx swaps the results and pushes the filters
    expect(page).to_have_url(re.compile(r"[?&]q="))

    with page.expect_download() as download:
        page.get_by_role("link", name="ส่งออก Excel (กลุ่มตามตัวกรอง)").click()
    path = tmp_path / "list.xlsx"
    download.value.save_as(path)
    assert [row[0] for row in read_xlsx(path)[1:]] == ["K1"]


def _shoot(page, name):
    """SCREENSHOTS=/some/folder keeps pictures of the pages at phone and desktop width."""
    import os

    folder = os.environ.get("SCREENSHOTS")
    if not folder:
        return
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_unknown_header_is_mapped_in_the_browser_and_the_group_is_found_by_its_name(page, district_user, tmp_path):
    from tests.groups.spreadsheet_support import GROUP_HEADERS, group_row, write_xlsx

    unknown = "ชื่อกลุ่มออมทรัพย์เพื่อการผลิต"
    headers = [unknown if h == "ชื่อกลุ่ม" else h for h in GROUP_HEADERS]
    row = group_row(**{"ข้อมูล ณ วันที่": "30/09/67"})
    row[unknown] = "กลุ่มออมทรัพย์\u200bบ้านน\u0e4d\u0e49\u0e32ตก"  # a zero-width space, ํ ้ า typed for ้ ำ
    path = write_xlsx(tmp_path / "จังหวัดส่งมา.xlsx", [row], headers, title_rows=[["ทะเบียนกลุ่ม อำเภอเมืองลำปาง"]])

    log_in(page, district_user.username)
    page.goto("/spreadsheets/")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="ตรวจสอบไฟล์").click()
    page.wait_for_url("**/spreadsheets/import/preview/")
    assert "ไฟล์ขาดคอลัมน์ที่จำเป็น: ชื่อกลุ่ม" in page.get_by_role("alert").inner_text()
    assert page.get_by_role("button", name="ยืนยันนำเข้า").count() == 0
    _shoot(page, "mapping")

    page.get_by_label(unknown).select_option(label="ชื่อกลุ่ม (จำเป็น)")
    page.get_by_role("button", name="ตรวจสอบอีกครั้ง").click()
    page.wait_for_url("**/spreadsheets/import/preview/")
    assert page.locator(".counts").inner_text().split()[:4] == ["1", "แถวในไฟล์", "1", "เพิ่มใหม่"]
    assert page.locator("#skipped").inner_text() == "แถว 1: ชื่อเรื่องหรือหมายเหตุเหนือหัวตาราง ไม่นำเข้า"
    assert "อ่าน “30/09/67” เป็นวันที่ 30 กันยายน 2567" in page.locator("#notes").inner_text()
    _shoot(page, "preview")
    page.get_by_role("button", name="ยืนยันนำเข้า (เพิ่ม 1 · แก้ไข 0)").click()

    page.wait_for_url("**/groups/")
    page.fill("input[name=q]", "บ้านน้ำตก")
    page.press("input[name=q]", "Enter")
    expect(page).to_have_url(re.compile(r"[?&]q="))
    assert "กลุ่มออมทรัพย์บ้านน้ำตก" in page.locator("#results table").inner_text()
    assert SavingsGroup.objects.get().name == "กลุ่มออมทรัพย์บ้านน้ำตก"
