"""Files that are refused before any row is read: each with its Thai message, nothing written."""

import zipfile

import pytest

from core import tabular
from groups.models import GroupChange, SavingsGroup
from groups.spreadsheets import files as spreadsheets
from groups.spreadsheets.files import SpreadsheetRefused
from groups.spreadsheets.importing import spreadsheet_import
from tests.groups.spreadsheet_support import GROUP_HEADERS, group_row, write_xlsx


def refused(path, user):
    with pytest.raises(SpreadsheetRefused) as caught:
        spreadsheet_import(kind="groups", path=path, actor=user, dry_run=False)
    assert SavingsGroup.objects.count() == 0
    assert GroupChange.objects.count() == 0
    return str(caught.value)


def test_a_text_file_is_read_as_csv_whatever_its_name(district_user, tmp_path):
    path = tmp_path / "groups.xlsx"
    path.write_text("รหัสกลุ่ม,ชื่อกลุ่ม\n1,กลุ่ม\n", encoding="utf-8")
    assert refused(path, district_user) == "ไฟล์ขาดคอลัมน์ที่จำเป็น: หมู่ที่, ตำบล, อำเภอ"


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"%PDF-1.7\n\x00\xff\xfe"])
def test_a_binary_file_that_is_no_spreadsheet_is_refused(district_user, tmp_path, content):
    path = tmp_path / "groups.xlsx"
    path.write_bytes(content)
    assert refused(path, district_user) == "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) กรุณาใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ"


def test_an_empty_file_is_refused(district_user, tmp_path):
    path = tmp_path / "groups.xlsx"
    path.write_bytes(b"")
    assert refused(path, district_user) == "ไฟล์ว่างเปล่า ไม่มีข้อมูล"


def test_a_damaged_xls_file_is_refused(district_user, tmp_path):
    path = tmp_path / "groups.xls"
    path.write_bytes(tabular.OLE_MAGIC + b"\0" * 1024)
    assert refused(path, district_user) == tabular.CORRUPT


def test_a_password_protected_file_is_refused(district_user, tmp_path):
    # Excel wraps an encrypted .xlsx in an OLE container holding an "EncryptionInfo" stream.
    path = tmp_path / "groups.xlsx"
    path.write_bytes(tabular.OLE_MAGIC + b"\0" * 512 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 512)
    assert refused(path, district_user).startswith("ไฟล์นี้ตั้งรหัสผ่านไว้")


def test_a_corrupt_file_is_refused(district_user, tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", [group_row()])
    path = tmp_path / "groups.xlsx"
    data = bytearray(good.read_bytes())
    data[200:1200] = b"\x00" * 1000  # damage the compressed data, keep the central directory
    path.write_bytes(bytes(data))
    assert refused(path, district_user) == spreadsheets._CORRUPT


def test_a_zip_that_is_not_a_workbook_is_refused(district_user, tmp_path):
    path = tmp_path / "groups.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "ไม่ใช่สมุดงาน")
    assert refused(path, district_user) == "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) กรุณาใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ"


def test_a_zip_bomb_is_refused_from_its_central_directory(district_user, tmp_path, settings):
    settings.UPLOAD_UNPACKED_LIMIT_MB = 10
    path = tmp_path / "groups.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))  # 20 MB from ~20 KB
    assert path.stat().st_size < 100 * 1024
    assert refused(path, district_user).startswith("ไฟล์นี้มีข้อมูลเมื่อแตกไฟล์แล้วใหญ่ผิดปกติ")


def test_a_file_over_the_size_limit_is_refused(district_user, tmp_path, settings):
    settings.UPLOAD_LIMIT_MB = 1
    path = tmp_path / "groups.xlsx"
    path.write_bytes(b"PK" + b"\0" * (1024 * 1024 + 10))
    assert refused(path, district_user).startswith("ไฟล์มีขนาด 1.0 MB เกินขนาดที่รับได้ 1 MB")


def test_a_sheet_without_known_headers_is_refused(district_user, tmp_path):
    path = write_xlsx(tmp_path / "groups.xlsx", [["a", "b"]], ["ชื่อ", "นามสกุล"])
    assert refused(path, district_user).startswith("ไม่พบหัวตารางที่ระบบรู้จักในแถวแรก ๆ ของไฟล์")


def test_an_empty_sheet_is_refused(district_user, tmp_path):
    path = write_xlsx(tmp_path / "groups.xlsx", [], [])
    assert refused(path, district_user) == "ไฟล์นี้ไม่มีข้อมูล (แผ่นงานว่างเปล่า)"


def test_a_sheet_with_headers_only_is_refused(district_user, tmp_path):
    path = write_xlsx(tmp_path / "groups.xlsx", [])
    assert refused(path, district_user) == "ไฟล์นี้มีแต่หัวตาราง ยังไม่มีข้อมูลกลุ่มหรือกิจกรรม"


def test_a_sheet_missing_a_required_column_is_refused(district_user, tmp_path):
    headers = [h for h in GROUP_HEADERS if h != "ตำบล"]
    path = write_xlsx(tmp_path / "groups.xlsx", [group_row()], headers)
    assert refused(path, district_user) == "ไฟล์ขาดคอลัมน์ที่จำเป็น: ตำบล"


def test_a_sheet_stretched_to_too_many_rows_is_refused(district_user, tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_ROWS", 5)
    path = write_xlsx(tmp_path / "groups.xlsx", [group_row(f"C{n}") for n in range(6)])
    assert refused(path, district_user).startswith("แผ่นงาน “Sheet” มีแถวหรือคอลัมน์มากเกินไป")
