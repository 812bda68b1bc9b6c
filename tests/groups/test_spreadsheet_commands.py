"""import_registry / export_registry on the command line, and the side door closed: the Resources
do not import through django-import-export's own pipeline."""

import pytest
import tablib
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from geo.models import Village
from groups.models import GroupChange, SavingsGroup
from groups.spreadsheets.resources import ActivityResource, GroupResource
from tests.factories import GroupFactory
from tests.groups.spreadsheet_support import group_row, make_village, read_xlsx, write_xlsx


def test_dry_run_checks_and_writes_nothing(district_user, tmp_path, capsys):
    path = write_xlsx(tmp_path / "g.xlsx", [group_row()])

    call_command("import_registry", "groups", str(path), "--dry-run", "--as", district_user.username)

    assert "1 แถว: ใหม่ 1 · แก้ไข 0 · ไม่เปลี่ยนแปลง 0 · ผิดพลาด 0 แถว" in capsys.readouterr().out
    assert SavingsGroup.objects.count() == 0


def test_import_as_a_user_records_them_and_keeps_to_their_area(district_user, other_district_user, tmp_path, capsys):
    path = write_xlsx(tmp_path / "g.xlsx", [group_row()])

    with pytest.raises(CommandError, match="ไม่ได้นำเข้า: ไฟล์มีข้อผิดพลาด 1 รายการ"):
        call_command("import_registry", "groups", str(path), "--as", other_district_user.username)
    assert "แถว 2 คอลัมน์ ตำบล: ตำบลเวียงเหนือ อำเภอเมืองลำปาง อยู่นอกเขตที่ท่านดูแล นำเข้าไม่ได้" in capsys.readouterr().err
    assert SavingsGroup.objects.count() == 0

    call_command("import_registry", "groups", str(path), "--as", district_user.username)
    assert GroupChange.objects.get().actor == district_user


def test_a_refused_file_or_unknown_user_exits_with_an_error(district_user, tmp_path):
    path = tmp_path / "g.xlsx"
    path.write_text("hello")
    with pytest.raises(CommandError, match="ไม่พบหัวตารางที่ระบบรู้จัก"):
        call_command("import_registry", "groups", str(path), "--as", district_user.username)
    with pytest.raises(CommandError, match="ไม่พบผู้ใช้ nobody"):
        call_command("import_registry", "groups", str(path), "--as", "nobody")
    with pytest.raises(CommandError, match="ท่านดูข้อมูลได้อย่างเดียว"):
        from tests.factories import UserFactory
        UserFactory(username="reader")
        call_command("import_registry", "groups", str(path), "--as", "reader")


def test_import_without_as_is_refused_and_writes_nothing(district_user, tmp_path):
    path = write_xlsx(tmp_path / "g.xlsx", [group_row()])

    for extra in ([], ["--dry-run"]):
        with pytest.raises(CommandError, match="กรุณาระบุผู้ใช้ที่นำเข้าด้วย --as"):
            call_command("import_registry", "groups", str(path), *extra)

    assert (SavingsGroup.objects.count(), GroupChange.objects.count()) == (0, 0)


def test_export_by_district_and_province(geography, tmp_path, capsys):
    GroupFactory(code="A1", village=make_village("520101", 1))
    GroupFactory(code="B1", village=make_village("520201", 1))
    GroupFactory(code="S1", village=make_village("840101", 1))

    call_command("export_registry", "groups", str(tmp_path / "d.xlsx"), "--district", "5201")
    call_command("export_registry", "groups", str(tmp_path / "p.xlsx"), "--province", "52")
    call_command("export_registry", "activities", str(tmp_path / "a.xlsx"), "--province", "84")

    assert [r[0] for r in read_xlsx(tmp_path / "d.xlsx")[1:]] == ["A1"]
    assert [r[0] for r in read_xlsx(tmp_path / "p.xlsx")[1:]] == ["A1", "B1"]
    assert read_xlsx(tmp_path / "a.xlsx")[1:] == []
    assert "ส่งออก 1 แถว" in capsys.readouterr().out


@pytest.mark.parametrize("resource_class", [GroupResource, ActivityResource])
def test_django_import_export_cannot_import_around_the_services(geography, tmp_path, resource_class):
    path = write_xlsx(tmp_path / "g.xlsx", [group_row(**{"หมู่ที่": 3, "สถานะ": "ยกเลิก"})])
    dataset = tablib.Dataset().load(path.read_bytes(), format="xlsx")

    for attempt in (lambda: resource_class().import_data(dataset, dry_run=False),
                    lambda: resource_class().import_data(dataset, dry_run=True, raise_errors=True),
                    lambda: resource_class().import_row(dataset.dict[0], None)):
        with pytest.raises(PermissionDenied, match="import_registry --as"):
            attempt()

    assert (SavingsGroup.objects.count(), Village.objects.count(), GroupChange.objects.count()) == (0, 0, 0)
