"""Text normalised the same way everywhere (core.text): the import, the forms, the list search,
codes, and the command that cleans what was stored before."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.text import clean_code, clean_text
from groups.models import Activity, GroupChange, SavingsGroup
from groups.spreadsheets.importing import spreadsheet_import
from tests.factories import ActivityFactory, GroupFactory
from tests.groups.helpers import group_form_data
from tests.groups.spreadsheet_support import group_row, make_village, write_xlsx

ZWSP, ZWNJ, ZWJ, WJ, BOM, SHY, NBSP = "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u00a0"
NAME = "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว"


@pytest.mark.parametrize(("typed", "stored"), [
    (f"กลุ่ม{ZWSP}ออม{ZWNJ}ทรัพย์{ZWJ}บ้าน{WJ}นา{BOM}{SHY}", "กลุ่มออมทรัพย์บ้านนา"),
    (f"  บ้าน{NBSP}หนอง\u2003บัว\t\nใต้  ", "บ้าน หนอง บัว ใต้"),
    ("น\u0e4d\u0e49\u0e32ตก", "น้ำตก"),  # ํ ้ า typed for ้ ำ
    ("น\u0e49\u0e4d\u0e32ตก", "น้ำตก"),  # ้ ํ า
    ("ท\u0e4d\u0e32นา", "ทำนา"),  # ํ า for ำ
    ("ก\u0e48\u0e35", "กี่"),  # tone mark typed before the vowel above
    ("ป\u0e49\u0e31น", "ปั้น"),
    ("ผ\u0e49\u0e39", "ผู้"),  # NFC orders a tone mark after a vowel below
    ("นา\u0e49\u0e49", "นา้"),  # the same mark twice
    ("e\u0301", "é"),  # NFC
    ("", ""), (None, ""),
])
def test_clean_text(typed, stored):
    assert clean_text(typed) == stored


def test_clean_code_takes_out_invisible_characters_spaces_and_thai_digits():
    assert clean_code(f"5201010519{ZWSP}") == "5201010519"
    assert clean_code(f"{BOM}๕๒๐๑ ๐๑๐๕ ๑๙{NBSP}") == "5201010519"


def _import(user, tmp_path, rows, dry_run=False):
    return spreadsheet_import(kind="groups", path=write_xlsx(tmp_path / "g.xlsx", rows), actor=user, dry_run=dry_run,
                              file_name="g.xlsx")


def test_an_imported_name_with_invisible_characters_is_stored_as_it_is_seen(district_user, tmp_path):
    report = _import(district_user, tmp_path, [group_row(**{"ชื่อกลุ่ม": f"กลุ่มออม{ZWSP}ทรัพย์{NBSP}เพื่อการผลิตบ้านหนองบัว"})])

    assert report.ok, report.errors
    assert SavingsGroup.objects.get().name == "กลุ่มออมทรัพย์ เพื่อการผลิตบ้านหนองบัว"


def test_a_code_with_a_zero_width_space_is_the_same_group_not_a_new_one(district_user, tmp_path):
    group = GroupFactory(code="5201010519", name=NAME, village=make_village("520101", 3, "หนองบัว"))
    row = group_row(f"5201010519{ZWSP}", **{"ชื่อกลุ่ม": f"{NAME}{ZWSP}", "หมู่ที่": 3, "ชื่อหมู่บ้าน": "หนองบัว"})

    report = _import(district_user, tmp_path, [row])

    assert (report.ok, report.created, report.updated) == (True, 0, 1)
    assert "name" not in report.changes[0].fields  # the same name, seen and stored
    assert list(SavingsGroup.objects.values_list("code", flat=True)) == ["5201010519"]
    group.refresh_from_db()
    assert group.name == NAME


def test_a_new_code_that_is_not_digits_is_an_error_naming_the_cell(district_user, tmp_path):
    report = _import(district_user, tmp_path, [group_row("52O1010301")], dry_run=True)

    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (2, "รหัสกลุ่ม", "รหัสกลุ่ม “52O1010301” ต้องเป็นตัวเลขเท่านั้น เช่น 5201010301")]


def test_an_empty_name_is_one_message(district_user, tmp_path):
    report = _import(district_user, tmp_path, [group_row(**{"ชื่อกลุ่ม": f" {ZWSP} "}),
                                               group_row("5201010302", **{"ชื่อกลุ่ม": ""})], dry_run=True)

    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (2, "ชื่อกลุ่ม", "กรุณากรอกชื่อกลุ่ม"), (3, "ชื่อกลุ่ม", "กรุณากรอกชื่อกลุ่ม")]


def test_the_group_form_saves_the_name_and_code_as_they_are_seen(client, district_user):
    client.force_login(district_user)
    response = client.post(reverse("groups:create"), group_form_data(
        code=f"๕๒๐๑๐๑๙๙๐๑{ZWSP}", name=f"กลุ่ม{ZWSP}ออมทรัพย์{NBSP}บ้านน\u0e4d\u0e49\u0e32ตก"))

    assert response.status_code == 302
    group = SavingsGroup.objects.get()
    assert (group.code, group.name) == ("5201019901", "กลุ่มออมทรัพย์ บ้านน้ำตก")


def test_the_group_form_refuses_a_code_that_differs_only_by_an_invisible_character(client, district_user):
    GroupFactory(code="5201019901", village=make_village("520101", 3))
    client.force_login(district_user)
    response = client.post(reverse("groups:create"), group_form_data(code=f"5201019901{ZWSP}"))

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["รหัสกลุ่มนี้มีอยู่แล้วในทะเบียน"]
    assert SavingsGroup.objects.count() == 1


def _listed(client, query):
    response = client.get(reverse("groups:list"), {"q": query})
    return [g.code for g in response.context["page"]]


def test_the_search_finds_a_group_by_its_visible_name_whatever_the_query_holds(client, district_user):
    GroupFactory(code="5201010301", name="กลุ่มออมทรัพย์บ้านน้ำตก", village=make_village("520101", 3))
    client.force_login(district_user)

    assert _listed(client, f"บ้าน{ZWSP}น\u0e4d\u0e49\u0e32ตก{NBSP}") == ["5201010301"]
    assert _listed(client, f"{BOM}๕๒๐๑๐๑๐๓๐๑") == ["5201010301"]


def test_clean_stored_text_cleans_names_and_codes_and_records_each_change(client, district_user, capsys):
    village = make_village("520101", 3, f"หนอง{ZWSP}บัว")
    dirty = GroupFactory(code=f"5201010301{ZWSP}", name=f"กลุ่ม{ZWSP}บ้านน\u0e4d\u0e49\u0e32ตก", village=village,
                         chair_name=f"นาง{NBSP}บัวผัน  ใจมา")
    clean = GroupFactory(code="5201010302", name="กลุ่มบ้านดอน", village=make_village("520101", 4, "ดอน"))
    activity = ActivityFactory(group=clean, name=f"ร้านค้า{SHY}ชุมชน")
    version = dirty.version

    call_command("clean_stored_text")

    dirty.refresh_from_db()
    assert (dirty.code, dirty.name, dirty.chair_name, dirty.village.name) == (
        "5201010301", "กลุ่มบ้านน้ำตก", "นาง บัวผัน ใจมา", "หนองบัว")
    assert dirty.version == version + 1
    change = GroupChange.objects.get(group=dirty)
    assert (change.source, change.action) == ("system", "updated")
    assert set(change.fields) == {"code", "name", "chair_name", "village"}
    assert change.fields["code"] == {"label": "รหัสกลุ่ม", "old": "5201010301<U+200B>", "new": "5201010301"}
    assert Activity.objects.get(pk=activity.pk).name == "ร้านค้าชุมชน"
    assert GroupChange.objects.get(group=clean).action == "activity_updated"
    assert "แก้ไขแล้ว 2 รายการ" in capsys.readouterr().out

    call_command("clean_stored_text")  # a second run finds nothing
    assert GroupChange.objects.count() == 2


def test_clean_stored_text_leaves_a_code_that_would_clash_and_says_so(district_user, capsys):
    village = make_village("520101", 3)
    GroupFactory(code="5201010519", village=village)
    twin = GroupFactory(code=f"5201010519{ZWSP}", village=village)

    with pytest.raises(CommandError, match="ต้องตรวจสอบด้วยตนเอง"):
        call_command("clean_stored_text")

    twin.refresh_from_db()
    assert twin.code == f"5201010519{ZWSP}"
    assert "ซ้ำกับรหัส 5201010519 ของอีกกลุ่มหนึ่ง" in capsys.readouterr().err
    assert GroupChange.objects.count() == 0


def test_clean_stored_text_dry_run_writes_nothing(district_user, capsys):
    GroupFactory(code="5201010301", name=f"กลุ่ม{ZWSP}นา", village=make_village("520101", 3))

    call_command("clean_stored_text", "--dry-run")

    assert SavingsGroup.objects.get().name == f"กลุ่ม{ZWSP}นา"
    assert GroupChange.objects.count() == 0
    assert "จะแก้ไข 1 รายการ" in capsys.readouterr().out
