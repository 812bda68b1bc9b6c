"""The activity sheet: matched by group code + type + name, all or nothing, area rule, history."""

import datetime as dt
from decimal import Decimal

from groups.models import Activity, ActivityType, GroupChange, SavingsGroup
from groups.spreadsheets.files import export_activities
from groups.spreadsheets.importing import spreadsheet_import
from groups.spreadsheets.resources import ActivityResource, columns
from tests.factories import ActivityFactory, GroupFactory
from tests.groups.spreadsheet_support import make_village, write_xlsx

HEADERS = [c.column_name for c in columns(ActivityResource)]


def activity_row(code="G1", **overrides):
    row = {"รหัสกลุ่ม": code, "ประเภทกิจกรรม": "ร้านค้าชุมชน", "ชื่อกิจกรรม": "ร้านค้าชุมชนบ้านหนองบัว",
           "วันที่เริ่ม": "1 ต.ค. 2560", "ทุนดำเนินการ (บาท)": "๕๐,๐๐๐.๐๐", "สมาชิกที่เข้าร่วม (คน)": "๓๐",
           "สถานะกิจกรรม": "ดำเนินการอยู่"}
    row.update(overrides)
    return row


def run(path, user, dry_run=False):
    return spreadsheet_import(kind="activities", path=path, actor=user, dry_run=dry_run)


def test_activities_are_created_then_updated_and_a_second_import_changes_nothing(district_user, tmp_path):
    group = GroupFactory(code="G1", village=make_village("520101", 3))
    path = write_xlsx(tmp_path / "a.xlsx", [activity_row()], HEADERS)

    first = run(path, district_user)

    assert (first.created, first.updated, first.applied) == (1, 0, True)
    activity = Activity.objects.get()
    assert (activity.group, activity.activity_type.name, activity.started_on, activity.capital,
            activity.members_taking_part, activity.status) == (
        group, "ร้านค้าชุมชน", dt.date(2017, 10, 1), Decimal("50000.00"), 30, "running")
    group.refresh_from_db()
    assert group.version == 2
    change = GroupChange.objects.get()
    assert (change.action, change.activity, change.actor, change.source, change.group_version) == (
        "activity_added", activity, district_user, "import", 2)

    write_xlsx(path, [activity_row(**{"ทุนดำเนินการ (บาท)": 60000, "สถานะกิจกรรม": "หยุดชั่วคราว"})], HEADERS)
    second = run(path, district_user)
    assert (second.created, second.updated) == (0, 1)
    assert second.changes[0].fields == {
        "capital": {"label": "ทุนดำเนินการ (บาท)", "old": "50,000.00", "new": "60,000.00"},
        "status": {"label": "สถานะ", "old": "ดำเนินการอยู่", "new": "หยุดชั่วคราว"},
    }
    activity.refresh_from_db()
    assert (activity.capital, activity.status) == (Decimal("60000.00"), "paused")

    third = run(path, district_user)
    assert (third.created, third.updated, third.unchanged) == (0, 0, 1)
    assert GroupChange.objects.count() == 2


def test_activities_export_imports_back_unchanged(district_user, tmp_path):
    group = GroupFactory(code="G1", village=make_village("520101", 3))
    ActivityFactory(group=group, name="=ร้านค้า", started_on=None)
    ActivityFactory(group=group, activity_type=ActivityType.objects.get(name="ฌาปนกิจ"), name="ฌาปนกิจสงเคราะห์",
                    started_on=dt.date(2010, 5, 1), status="stopped")
    path = tmp_path / "a.xlsx"
    export_activities(SavingsGroup.objects.visible_to(district_user), path)

    report = run(path, district_user)

    assert (report.errors, report.unchanged, report.created, report.updated) == ([], 2, 0, 0)


def test_an_activity_error_writes_nothing(district_user, other_district_user, tmp_path):
    GroupFactory(code="G1", village=make_village("520101", 3))
    GroupFactory(code="G2", village=make_village("520201", 1))  # แม่เมาะ
    rows = [
        activity_row(),
        activity_row("G2"),
        activity_row("NOPE"),
        activity_row(**{"ประเภทกิจกรรม": "ตลาดนัด", "ชื่อกิจกรรม": "อื่น"}),
        activity_row(),
    ]
    report = run(write_xlsx(tmp_path / "a.xlsx", rows, HEADERS), district_user)

    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (3, "รหัสกลุ่ม", "กลุ่มรหัส G2 อยู่ในอำเภอแม่เมาะ ซึ่งอยู่นอกเขตที่ท่านดูแล"),
        (4, "รหัสกลุ่ม", "ไม่พบกลุ่มรหัส NOPE ในทะเบียน กรุณานำเข้าข้อมูลกลุ่มก่อน"),
        (5, "ประเภทกิจกรรม", "ไม่รู้จักประเภทกิจกรรม “ตลาดนัด” ให้ใช้ กองทุนสวัสดิการ / ร้านค้าชุมชน / โรงสีข้าว / "
                             "กองทุนปุ๋ย / ฌาปนกิจ / สินเชื่อเพื่อการประกอบอาชีพ / อื่น ๆ"),
        (6, "ชื่อกิจกรรม", "กิจกรรมนี้ซ้ำกับแถวที่ 2 (กลุ่ม ประเภท และชื่อเดียวกัน)"),
    ]
    assert Activity.objects.count() == 0
    assert GroupChange.objects.count() == 0


def test_an_activity_sheet_with_a_title_a_total_row_and_dashes_in_csv(district_user, tmp_path):
    GroupFactory(code="5201010301", village=make_village("520101", 3))
    lines = ["กิจกรรมของกลุ่มออมทรัพย์ อำเภอเมืองลำปาง", ",".join(HEADERS)]
    for row in (activity_row("5201010301", **{"ทุนดำเนินการ (บาท)": "-", "สมาชิกที่เข้าร่วม (คน)": "ไม่มี"}),
                activity_row("5201010301", **{"ชื่อกิจกรรม": "กองทุนปุ๋ยบ้าน\u200bหนองบัว", "ประเภทกิจกรรม": "กองทุนปุ๋ย",
                                              "ทุนดำเนินการ (บาท)": "50000"})):
        lines.append(",".join(str(row.get(h, "")) for h in HEADERS))
    lines.append("รวม,,,,,50000,30,")
    path = tmp_path / "activities.csv"
    path.write_bytes("\r\n".join(lines).encode("utf-8-sig"))

    report = run(path, district_user)

    assert (report.ok, report.created) == (True, 2), report.errors
    assert [str(s) for s in report.skipped] == ["แถว 1: ชื่อเรื่องหรือหมายเหตุเหนือหัวตาราง ไม่นำเข้า",
                                                "แถว 5: แถวรวม ไม่นำเข้า"]
    shop = Activity.objects.get(name="ร้านค้าชุมชนบ้านหนองบัว")
    assert (shop.capital, shop.members_taking_part) == (Decimal("0"), 0)
    assert Activity.objects.filter(name="กองทุนปุ๋ยบ้านหนองบัว").exists()
