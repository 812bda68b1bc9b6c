"""The import service: values as officers type them, all or nothing, the area rule, idempotence,
history. Files are real .xlsx files written with openpyxl."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from geo.models import Village
from groups import services
from groups.models import GroupChange, SavingsGroup
from groups.spreadsheets.files import export_groups
from groups.spreadsheets.importing import spreadsheet_import
from tests.factories import GroupFactory
from tests.groups.spreadsheet_support import GROUP_HEADERS, group_row, make_village, read_xlsx, write_xlsx


def run(path, user, dry_run=False):
    return spreadsheet_import(kind="groups", path=path, actor=user, dry_run=dry_run, file_name="test.xlsx")


def test_values_typed_the_thai_way_create_the_group_and_its_village(district_user, tmp_path):
    path = write_xlsx(tmp_path / "g.xlsx", [group_row(**{"ข้อมูล ณ วันที่": dt.datetime(2024, 9, 30)})])

    report = run(path, district_user)

    assert (report.ok, report.created, report.updated, report.applied) == (True, 1, 0, True)
    group = SavingsGroup.objects.get(code="5201010301")
    assert group.name == "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว"
    assert group.village_id == "52010103"
    assert group.village.name == "หนองบัว"
    assert group.district_id == "5201"
    assert group.founded_on == dt.date(1987, 3, 15)
    assert group.figures_as_of == dt.date(2024, 9, 30)
    assert (group.members_total, group.members_men, group.members_women) == (120, 50, 70)
    assert group.savings_balance == Decimal("1234.50")
    assert group.loans_outstanding == Decimal("500.00")
    assert group.under_regulation is True
    change = GroupChange.objects.get(group=group)
    assert (change.action, change.source, change.actor, change.group_version) == ("created", "import", district_user, 1)
    assert change.fields["savings_balance"]["new"] == "1,234.50"
    assert change.note == "นำเข้าจากไฟล์ test.xlsx"


def test_tambon_by_code_and_long_date_with_thai_digits(district_user, tmp_path):
    row = group_row(**{"ตำบล": 520101, "อำเภอ": "อ.เมืองลำปาง", "วันที่จัดตั้ง": "๑๕ มีนาคม ๒๕๓๐",
                       "ดำเนินการตามระเบียบฯ พ.ศ. ๒๕๕๕": "ไม่ใช่"})
    report = run(write_xlsx(tmp_path / "g.xlsx", [row]), district_user)

    assert report.ok, report.errors
    group = SavingsGroup.objects.get(code="5201010301")
    assert (group.village.subdistrict_id, group.founded_on, group.under_regulation) == ("520101", dt.date(1987, 3, 15), False)


def test_importing_the_same_file_twice_changes_nothing_the_second_time(district_user, tmp_path):
    path = write_xlsx(tmp_path / "g.xlsx", [group_row(), group_row("5201010302", **{"หมู่ที่": 4, "ชื่อหมู่บ้าน": "ป่าตาล"})])
    run(path, district_user)
    versions = dict(SavingsGroup.objects.values_list("code", "version"))

    second = run(path, district_user)

    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert GroupChange.objects.count() == 2
    assert dict(SavingsGroup.objects.values_list("code", "version")) == versions


def test_exporting_a_district_and_importing_it_back_changes_nothing(district_user, tmp_path):
    village = make_village("520101", 7, "ดอนแก้ว")
    GroupFactory(code="A1", village=village, chair_name="=HYPERLINK(\"http://x\")", chair_phone="+66812345678",
                 officer_name="@somchai", name="-กลุ่มขีด", savings_balance=Decimal("1234567.89"))
    GroupFactory(code="A2", village=village, founded_on=None, figures_as_of=None, members_men=None,
                 members_women=None, under_regulation=False, chair_name="")
    cancelled = GroupFactory(code="A3", village=village)
    services.group_cancel(group=cancelled, actor=district_user, reason="เลิกดำเนินการ")
    GroupFactory(code="B1", village=make_village("520201", 1))  # another district
    before = list(SavingsGroup.objects.order_by("code").values())
    changes = GroupChange.objects.count()
    path = tmp_path / "district.xlsx"
    export_groups(SavingsGroup.objects.visible_to(district_user).order_by("code"), path)

    report = run(path, district_user)

    assert report.errors == []
    assert (report.rows, report.created, report.updated, report.unchanged) == (3, 0, 0, 3)
    assert list(SavingsGroup.objects.order_by("code").values()) == before
    assert GroupChange.objects.count() == changes


def test_a_file_with_one_bad_row_writes_nothing(district_user, tmp_path):
    existing = GroupFactory(code="5201010301", village=make_village("520101", 3, "หนองบัว"))
    rows = [
        group_row(**{"ชื่อกลุ่ม": "ชื่อใหม่"}),  # would change
        group_row("5201010399", **{"หมู่ที่": 9, "ชื่อหมู่บ้าน": "บ้านใหม่"}),  # would be new, with a new village
        group_row("5201010398", **{"วันที่จัดตั้ง": "31/02/2530"}),  # bad
    ]
    report = run(write_xlsx(tmp_path / "g.xlsx", rows), district_user)

    assert report.applied is False
    assert [(e.row, e.column, e.message) for e in report.errors] == [(4, "วันที่จัดตั้ง", "ไม่มีวันที่นี้ในปฏิทิน: เดือนกุมภาพันธ์ 2530 ไม่มีวันที่ 31")]
    assert (report.created, report.updated) == (1, 1)  # what would have happened, for the preview
    existing.refresh_from_db()
    assert existing.name != "ชื่อใหม่"
    assert existing.version == 1
    assert SavingsGroup.objects.count() == 1
    assert not Village.objects.filter(code="52010109").exists()
    assert GroupChange.objects.count() == 0


def test_a_row_outside_the_users_district_is_an_error_and_nothing_is_written(district_user, tmp_path):
    other = GroupFactory(code="OTHER1", village=make_village("520201", 1))
    rows = [
        group_row(),
        group_row("5202010101", **{"ตำบล": "บ้านดง", "อำเภอ": "แม่เมาะ", "หมู่ที่": 1}),
        group_row("OTHER1", **{"ชื่อกลุ่ม": "ยึดกลุ่มอำเภออื่น"}),
    ]
    report = run(write_xlsx(tmp_path / "g.xlsx", rows), district_user)

    assert [(e.row, e.column) for e in report.errors] == [(3, "ตำบล"), (4, "รหัสกลุ่ม")]
    assert report.errors[0].message == "ตำบลบ้านดง อำเภอแม่เมาะ อยู่นอกเขตที่ท่านดูแล นำเข้าไม่ได้"
    assert "นอกเขตที่ท่านดูแล" in report.errors[1].message
    assert SavingsGroup.objects.count() == 1
    other.refresh_from_db()
    assert other.village_id == "52020101" and other.name != "ยึดกลุ่มอำเภออื่น"


def test_province_staff_import_every_district_of_their_province_only(province_user, tmp_path):
    rows = [group_row(), group_row("5202010101", **{"ตำบล": "บ้านดง", "อำเภอ": "แม่เมาะ", "หมู่ที่": 1})]
    assert run(write_xlsx(tmp_path / "ok.xlsx", rows), province_user).created == 2

    surat = group_row("8401010101", **{"ตำบล": "ตลาด", "อำเภอ": "เมืองสุราษฎร์ธานี", "จังหวัด": "สุราษฎร์ธานี"})
    report = run(write_xlsx(tmp_path / "no.xlsx", [surat]), province_user)
    assert [(e.row, e.column) for e in report.errors] == [(2, "ตำบล")]
    assert not SavingsGroup.objects.filter(code="8401010101").exists()


def test_national_staff_may_not_import(national_user, tmp_path):
    with pytest.raises(PermissionDenied):
        run(write_xlsx(tmp_path / "g.xlsx", [group_row()]), national_user)
    assert SavingsGroup.objects.count() == 0


@pytest.mark.parametrize(("column", "value", "message"), [
    ("วันที่จัดตั้ง", "15/13/2530", "เดือน “13” ไม่มี เดือนต้องเป็น 1 ถึง 12 (วว/ดด/ปปปป เช่น 15/03/2530)"),
    ("วันที่จัดตั้ง", "เมื่อวาน", "อ่านวันที่ไม่ได้ ให้พิมพ์เช่น 15/03/2530 หรือ 15 มี.ค. 2530"),
    ("วันที่จัดตั้ง", "15 มีน. 2530", "ไม่รู้จักชื่อเดือน “มีน.” ให้พิมพ์เช่น มี.ค. หรือ มีนาคม"),
    ("วันที่จัดตั้ง", "15/03/2599", "วันที่จัดตั้งต้องไม่เป็นวันในอนาคต"),
    ("จำนวนสมาชิก (คน)", "สิบ", "“สิบ” ไม่ใช่จำนวนเต็ม"),
    ("จำนวนสมาชิก (คน)", 12.5, "“12.5” ต้องเป็นจำนวนเต็ม"),
    ("จำนวนสมาชิก (คน)", "100", "ชาย 50 + หญิง 70 = 120 คน มากกว่าจำนวนสมาชิกทั้งหมด 100 คน"),
    ("เงินสัจจะสะสม (บาท)", "หนึ่งพัน", "“หนึ่งพัน” ไม่ใช่ตัวเลข"),
    ("เงินสัจจะสะสม (บาท)", "-5", "จำนวนต้องไม่ติดลบ"),
    ("เงินสัจจะสะสม (บาท)", "1.234", "“1.234” มีทศนิยมเกิน 2 ตำแหน่ง"),
    ("ดำเนินการตามระเบียบฯ พ.ศ. ๒๕๕๕", "อาจจะ", "“อาจจะ” ต้องเป็น ใช่ หรือ ไม่ใช่"),
    ("สถานะ", "ยุบ", "“ยุบ” ไม่ใช่สถานะที่รู้จัก ให้ใช้ ดำเนินการอยู่ / ยกเลิก / นำออกจากฐานข้อมูล"),
    ("สถานะ", "ยกเลิก", "กลุ่มใหม่ต้องมีสถานะ “ดำเนินการอยู่”"),
    ("หมู่ที่", "0", "หมู่ที่ต้องอยู่ระหว่าง 1 ถึง 99"),
    ("หมู่ที่", "", "กรุณากรอกหมู่ที่"),
    ("ตำบล", "ไม่มีตำบลนี้", "ไม่พบตำบล “ไม่มีตำบลนี้” ในอำเภอเมืองลำปาง"),
    ("ตำบล", "520201", "ตำบลรหัส 520201 (บ้านดง) ไม่ได้อยู่ในอำเภอเมืองลำปาง"),
    ("อำเภอ", "ไม่มีอำเภอนี้", "ไม่พบอำเภอ “ไม่มีอำเภอนี้” ในจังหวัดลำปาง"),
    ("จังหวัด", "สุราษฎร์ธานี", "ไม่พบอำเภอ “เมืองลำปาง” ในจังหวัดสุราษฎร์ธานี"),
    ("ชื่อกลุ่ม", "", "กรุณากรอกชื่อกลุ่ม"),
    ("ชื่อกลุ่ม", "ก" * 256, "ยาวเกิน 255 ตัวอักษร (ตอนนี้ 256 ตัวอักษร)"),
    ("รหัสกลุ่ม", "", "กรุณากรอกรหัสกลุ่ม"),
])
def test_each_bad_value_gets_its_thai_message_and_nothing_is_written(district_user, tmp_path, column, value, message):
    report = run(write_xlsx(tmp_path / "g.xlsx", [group_row(**{column: value})]), district_user)

    errors = [(e.row, e.column, e.message) for e in report.errors]
    expected_column = "อำเภอ" if column == "จังหวัด" else column
    assert (2, expected_column, message) in errors
    assert SavingsGroup.objects.count() == 0
    assert GroupChange.objects.count() == 0


def test_a_status_is_not_changed_by_an_import(district_user, tmp_path):
    GroupFactory(code="5201010301", village=make_village("520101", 3, "หนองบัว"))
    report = run(write_xlsx(tmp_path / "g.xlsx", [group_row(**{"สถานะ": "ยกเลิก"})]), district_user)

    assert [e.message for e in report.errors] == [
        "เปลี่ยนสถานะจาก “ดำเนินการอยู่” ด้วยการนำเข้าไม่ได้ กรุณาเปลี่ยนที่หน้ากลุ่ม (ต้องระบุเหตุผล)"]
    assert SavingsGroup.objects.get().status == "active"


def test_duplicate_codes_and_disagreeing_village_names_are_errors(district_user, tmp_path):
    rows = [group_row(), group_row(), group_row("5201010302", **{"ชื่อหมู่บ้าน": "ชื่ออื่น"})]
    report = run(write_xlsx(tmp_path / "g.xlsx", rows), district_user)

    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (3, "รหัสกลุ่ม", "รหัสกลุ่ม 5201010301 ซ้ำกับแถวที่ 2"),
        (4, "ชื่อหมู่บ้าน", "ชื่อหมู่บ้าน “ชื่ออื่น” ไม่ตรงกับแถวที่ 2 (“หนองบัว”) ซึ่งเป็นหมู่ที่ 3 ตำบลเวียงเหนือ เดียวกัน"),
    ]


def test_a_new_village_needs_a_name(district_user, tmp_path):
    report = run(write_xlsx(tmp_path / "g.xlsx", [group_row(**{"ชื่อหมู่บ้าน": ""})]), district_user)

    assert [e.message for e in report.errors] == ["ยังไม่มีหมู่ที่ 3 ของตำบลเวียงเหนือ ในทะเบียน กรุณากรอกชื่อหมู่บ้าน"]  # geo.Village.name_required


def test_headers_are_forgiving_and_unknown_columns_are_reported(district_user, tmp_path):
    headers = ["  หมายเหตุ ", " ชื่อกลุ่ม ", "รหัส กลุ่ม", "หมู่ที่", "ชื่อหมู่บ้าน", "ตำบล", "อำเภอ",
               "ตามระเบียบฯ ๒๕๕๕", "จำนวนสมาชิก", "เงินสัจจะสะสม(บาท)"]
    row = ["ทดสอบ", "กลุ่มหัวตารางเพี้ยน", "5201010301", 3, "หนองบัว", "เวียงเหนือ", "เมืองลำปาง", "ใช่", 10, "๑,๐๐๐"]
    path = write_xlsx(tmp_path / "g.xlsx", [row], headers, title_rows=[["ทะเบียนกลุ่มออมทรัพย์ อำเภอเมืองลำปาง"]])

    report = run(path, district_user)

    assert report.errors == []
    assert report.ignored_columns == ["หมายเหตุ"]
    assert "วันที่จัดตั้ง" in report.absent_columns
    group = SavingsGroup.objects.get(code="5201010301")
    assert (group.name, group.members_total, group.savings_balance) == ("กลุ่มหัวตารางเพี้ยน", 10, Decimal("1000.00"))


def test_a_changed_group_gets_its_history_and_a_new_version(district_user, tmp_path):
    group = GroupFactory(code="5201010301", village=make_village("520101", 3, "หนองบัว"))
    path = tmp_path / "g.xlsx"
    export_groups(SavingsGroup.objects.all(), path)
    rows = read_xlsx(path)
    rows[1][GROUP_HEADERS.index("เงินสัจจะสะสม (บาท)")] = "๒๐๐,๐๐๐.๒๕"
    rows[1][GROUP_HEADERS.index("ชื่อหมู่บ้าน")] = "หนองบัวใหม่"
    write_xlsx(path, rows[1:], rows[0])

    preview = run(path, district_user, dry_run=True)
    assert [c.fields for c in preview.changes] == [{
        "savings_balance": {"label": "เงินสัจจะสะสม (บาท)", "old": "125,000.00", "new": "200,000.25"},
        "village": {"label": "หมู่บ้าน", "old": "หมู่ที่ 3 หนองบัว", "new": "หมู่ที่ 3 หนองบัวใหม่"},
    }]
    assert GroupChange.objects.count() == 0

    report = run(path, district_user)

    group.refresh_from_db()
    assert (report.updated, group.savings_balance, group.version, group.village.name) == (
        1, Decimal("200000.25"), 2, "หนองบัวใหม่")
    change = GroupChange.objects.get(group=group)
    assert (change.action, change.actor, change.source, change.group_version) == ("updated", district_user, "import", 2)
    assert change.fields == preview.changes[0].fields


def test_a_village_name_too_long_is_an_error(district_user, tmp_path):
    report = run(write_xlsx(tmp_path / "g.xlsx", [group_row(**{"ชื่อหมู่บ้าน": "บ" * 151})]), district_user)

    assert [(e.column, e.message) for e in report.errors] == [("ชื่อหมู่บ้าน", "ยาวเกิน 150 ตัวอักษร (ตอนนี้ 151 ตัวอักษร)")]
