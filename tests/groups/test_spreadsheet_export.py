"""Exports: the layout, formula neutralisation, area limits and a pinned number of queries."""

from decimal import Decimal

from groups.models import SavingsGroup
from groups.spreadsheets.files import export_groups, write_template
from groups.spreadsheets.importing import spreadsheet_import
from groups.spreadsheets.resources import GroupResource, neutralise, unneutralise
from tests.conftest import login
from tests.factories import GroupFactory
from tests.groups.spreadsheet_support import GROUP_HEADERS, make_village, read_xlsx


def test_cells_that_could_run_as_formulas_are_neutralised_and_import_back_unchanged(district_user, tmp_path):
    group = GroupFactory(code="F1", village=make_village("520101", 3), name="=1+2", chair_name="@SUM(A1)",
                         chair_phone="+66812345678", officer_name="-นาย ก")
    path = tmp_path / "f.xlsx"
    export_groups(SavingsGroup.objects.all(), path)

    row = dict(zip(GROUP_HEADERS, read_xlsx(path)[1], strict=True))
    assert (row["ชื่อกลุ่ม"], row["ชื่อประธานกลุ่ม"], row["โทรศัพท์ประธาน"], row["พัฒนากรผู้รับผิดชอบ"]) == (
        "'=1+2", "'@SUM(A1)", "'+66812345678", "'-นาย ก")
    report = spreadsheet_import(kind="groups", path=path, actor=district_user, dry_run=False)
    assert (report.unchanged, report.updated) == (1, 0)
    group.refresh_from_db()
    assert (group.name, group.chair_name, group.chair_phone) == ("=1+2", "@SUM(A1)", "+66812345678")


def test_neutralising_is_undone_only_for_what_it_added():
    assert [neutralise(t) for t in ["=A1", "+1", "-1", "@x", "\tx", "ปกติ", "'=A1"]] == [
        "'=A1", "'+1", "'-1", "'@x", "'\tx", "ปกติ", "'=A1"]
    assert [unneutralise(t) for t in ["'=A1", "'ปกติ", "'", "=A1"]] == ["=A1", "'ปกติ", "'", "=A1"]


def test_export_writes_the_layout_with_be_dates_and_numbers(geography, tmp_path):
    GroupFactory(code="E1", village=make_village("520101", 3, "หนองบัว"), savings_balance=Decimal("1234.5"))
    path = tmp_path / "e.xlsx"
    export_groups(SavingsGroup.objects.all(), path)

    header, row = read_xlsx(path)
    assert header == GROUP_HEADERS
    assert row == ["E1", "กลุ่มออมทรัพย์เพื่อการผลิตทดสอบ " + row[1].rsplit(" ", 1)[1], 3, "หนองบัว", "เวียงเหนือ",
                   "เมืองลำปาง", "ลำปาง", "15/01/2543", "ใช่", "ดำเนินการอยู่", 50, 20, 25, 1234.5, 80000, "30/09/2567",
                   "นางบัวผัน ใจมา", None, "นางสาวศิริพร ทองมา"]


def test_template_has_headers_and_an_example_sheet(db, tmp_path):
    path = tmp_path / "t.xlsx"
    write_template(path, GroupResource, title="กลุ่ม", example=[str(i) for i in range(len(GROUP_HEADERS))])
    import openpyxl
    workbook = openpyxl.load_workbook(path)
    assert [c.value for c in workbook.worksheets[0][1]] == GROUP_HEADERS
    assert workbook.worksheets[1]["A2"].value == "รหัสกลุ่ม (จำเป็น)"


def test_filtered_list_export_keeps_the_filters_and_the_area(client, district_user, tmp_path, django_assert_num_queries):
    village = make_village("520101", 3)
    GroupFactory(code="K1", village=village, name="กลุ่มดอนแก้ว")
    GroupFactory(code="K2", village=village, name="กลุ่มดอนแก้วสอง")
    GroupFactory(code="K3", village=village, name="กลุ่มอื่น")
    GroupFactory(code="K4", village=make_village("520201", 1), name="กลุ่มดอนแก้วแม่เมาะ")  # other district
    login(client, district_user)

    with django_assert_num_queries(3 + 1):  # + the personal-data access log row
        # 1 session, 2 user with office (area filter), 3 the groups' values for the
        # sheet: one query however many groups (places joined in, no query per row).
        response = client.get("/spreadsheets/export/groups.xlsx", {"q": "ดอนแก้ว"})
        content = b"".join(response.streaming_content)

    path = tmp_path / "k.xlsx"
    path.write_bytes(content)
    assert [r[0] for r in read_xlsx(path)[1:]] == ["K1", "K2"]
