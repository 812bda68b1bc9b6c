"""Spreadsheet pages: the permission matrix (nothing written on a denial) and the two-step import."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import PendingUpload
from groups import services
from groups.models import GroupChange, SavingsGroup
from tests.conftest import login
from tests.factories import GroupFactory
from tests.groups.spreadsheet_support import group_row, make_village, read_xlsx, write_xlsx

ROLES = ["district", "other_district", "province", "other_province", "national"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def uploads(settings):
    """Pending files on disk (the private folder, never MEDIA_ROOT), checked against their rows."""
    folder = Path(settings.PENDING_UPLOAD_DIR)
    files = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
    assert files == sorted(f"{t}.xlsx" for t in PendingUpload.objects.values_list("token", flat=True))
    return files


def pending_token(client):
    return PendingUpload.objects.get(owner_id=client.session["_auth_user_id"]).token


def xlsx_upload(tmp_path, rows, name="กลุ่ม.xlsx"):
    path = write_xlsx(tmp_path / "upload.xlsx", rows)
    return SimpleUploadedFile(name, path.read_bytes())


def test_anonymous_users_are_sent_to_log_in_for_every_spreadsheet_page(client, geography):
    for url in ["/spreadsheets/", "/spreadsheets/template/groups.xlsx", "/spreadsheets/export/groups.xlsx",
                "/spreadsheets/export/groups/5201.xlsx", "/spreadsheets/import/preview/",
                "/spreadsheets/import/errors.xlsx"]:
        response = client.get(url)
        assert (response.status_code, response["Location"].split("?")[0]) == (302, "/login/"), url
    response = client.post("/spreadsheets/import/", {"kind": "groups"})
    assert response.status_code == 302
    assert SavingsGroup.objects.count() == 0


@pytest.mark.parametrize(("role", "can_import"), [
    ("district", True), ("other_district", True), ("province", True), ("other_province", True), ("national", False)])
def test_home_offers_import_to_district_and_province_staff_only(client, users, role, can_import):
    response = login(client, users[role]).get("/spreadsheets/")
    assert response.status_code == 200
    assert ("ตรวจสอบไฟล์" in response.content.decode()) is can_import


@pytest.mark.parametrize(("role", "status"), [
    ("district", 302), ("other_district", 302), ("province", 302), ("other_province", 302), ("national", 403)])
def test_upload_permission_matrix(client, users, settings, tmp_path, role, status):
    response = login(client, users[role]).post(
        "/spreadsheets/import/", {"kind": "groups", "file": xlsx_upload(tmp_path, [group_row()])})
    assert response.status_code == status
    assert len(uploads(settings)) == (1 if status == 302 else 0)
    assert SavingsGroup.objects.count() == 0  # an upload alone never writes


@pytest.mark.parametrize("url", ["/spreadsheets/import/preview/", "/spreadsheets/import/errors.xlsx"])
def test_national_staff_cannot_reach_the_import_steps(client, national_user, url):
    assert login(client, national_user).get(url).status_code == 403


@pytest.mark.parametrize("url", ["/spreadsheets/import/confirm/", "/spreadsheets/import/discard/"])
def test_national_staff_cannot_confirm_or_discard(client, national_user, url):
    assert login(client, national_user).post(url).status_code == 403
    assert GroupChange.objects.count() == 0


@pytest.mark.parametrize(("role", "district_status", "province_status"), [
    ("district", 200, 404), ("other_district", 404, 404), ("province", 200, 200), ("other_province", 404, 404),
    ("national", 200, 200)])
def test_area_export_permission_matrix(client, users, tmp_path, role, district_status, province_status):
    GroupFactory(code="A1", village=make_village("520101", 3))
    login(client, users[role])

    district = client.get("/spreadsheets/export/groups/5201.xlsx")
    province = client.get("/spreadsheets/export/activities/52.xlsx")

    assert (district.status_code, province.status_code) == (district_status, province_status)
    if district_status == 200:
        path = tmp_path / "d.xlsx"
        path.write_bytes(b"".join(district.streaming_content))
        assert [r[0] for r in read_xlsx(path)[1:]] == ["A1"]


def test_the_filtered_list_export_of_another_district_is_empty_not_leaked(client, other_district_user, tmp_path):
    GroupFactory(code="A1", village=make_village("520101", 3))
    response = login(client, other_district_user).get("/spreadsheets/export/groups.xlsx", {"status": "all"})
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    assert read_xlsx(path)[1:] == []


def test_upload_preview_confirm_writes_the_file_and_the_history(client, district_user, settings, tmp_path):
    existing = GroupFactory(code="5201010301", village=make_village("520101", 3, "หนองบัว"))
    login(client, district_user)
    rows = [group_row(**{"เงินสัจจะสะสม (บาท)": "๒,๐๐๐"}), group_row("5201010302", **{"หมู่ที่": 4, "ชื่อหมู่บ้าน": "ป่าตาล"})]
    client.post("/spreadsheets/import/", {"kind": "groups", "file": xlsx_upload(tmp_path, rows)})

    preview = client.get("/spreadsheets/import/preview/")
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "ยืนยันนำเข้า (เพิ่ม 1 · แก้ไข 1)" in page
    assert "เงินสัจจะสะสม (บาท): 125,000.00 → <b>2,000.00</b>" in page
    assert GroupChange.objects.count() == 0

    token = pending_token(client)
    response = client.post("/spreadsheets/import/confirm/", {"token": token})

    assert (response.status_code, response["Location"]) == (302, "/groups/")
    existing.refresh_from_db()
    assert existing.savings_balance == 2000
    assert SavingsGroup.objects.filter(code="5201010302", village_id="52010104").exists()
    assert sorted(GroupChange.objects.values_list("action", "actor", "source")) == [
        ("created", district_user.pk, "import"), ("updated", district_user.pk, "import")]
    assert uploads(settings) == []  # the stored file is gone once imported
    assert not PendingUpload.objects.exists()


def test_confirm_validates_again_and_writes_nothing_when_the_registry_moved_on(client, district_user, tmp_path):
    existing = GroupFactory(code="5201010301", village=make_village("520101", 3, "หนองบัว"))
    login(client, district_user)
    client.post("/spreadsheets/import/", {"kind": "groups", "file": xlsx_upload(tmp_path, [
        group_row(**{"ชื่อกลุ่ม": "ชื่อใหม่"})])})
    assert client.get("/spreadsheets/import/preview/").status_code == 200
    services.group_cancel(group=existing, actor=district_user, reason="เลิกดำเนินการ")  # meanwhile

    response = client.post("/spreadsheets/import/confirm/", {"token": pending_token(client)})

    assert response.status_code == 409
    assert "ยังไม่ได้บันทึก" in response.content.decode()
    existing.refresh_from_db()
    assert existing.name != "ชื่อใหม่"
    assert GroupChange.objects.filter(source="import").count() == 0


def test_confirm_with_a_stale_token_writes_nothing(client, district_user, tmp_path):
    login(client, district_user)
    client.post("/spreadsheets/import/", {"kind": "groups", "file": xlsx_upload(tmp_path, [group_row()])})

    response = client.post("/spreadsheets/import/confirm/", {"token": "0" * 32})

    assert response.status_code == 302
    assert SavingsGroup.objects.count() == 0


def test_errors_are_listed_and_downloadable_beside_each_bad_row(client, district_user, tmp_path):
    login(client, district_user)
    rows = [group_row(), group_row("5201010302", **{"วันที่จัดตั้ง": "31/02/2530", "จำนวนสมาชิก (คน)": "สิบ"})]
    client.post("/spreadsheets/import/", {"kind": "groups", "file": xlsx_upload(tmp_path, rows)})

    page = client.get("/spreadsheets/import/preview/").content.decode()
    assert "<td class=\"num\">3</td><td>วันที่จัดตั้ง</td><td>ไม่มีวันที่นี้ในปฏิทิน: เดือนกุมภาพันธ์ 2530 ไม่มีวันที่ 31</td>" in page
    assert "ยืนยันนำเข้า" not in page

    response = client.get("/spreadsheets/import/errors.xlsx")
    path = tmp_path / "errors.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    sheet = read_xlsx(path)
    assert sheet[0][-2:] == ["ข้อผิดพลาด", "แถวในไฟล์เดิม"]
    assert sheet[1][-2:] == [None, 2]
    assert sheet[2][-2:] == ["วันที่จัดตั้ง: ไม่มีวันที่นี้ในปฏิทิน: เดือนกุมภาพันธ์ 2530 ไม่มีวันที่ 31; จำนวนสมาชิก (คน): “สิบ” ไม่ใช่จำนวนเต็ม", 3]
    assert SavingsGroup.objects.count() == 0


@pytest.mark.parametrize(("content", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"), "ไฟล์นี้ตั้งรหัสผ่านไว้"),
])
def test_a_refused_file_shows_its_message_and_is_not_kept(client, district_user, settings, content, message):
    login(client, district_user)
    response = client.post("/spreadsheets/import/", {"kind": "groups", "file": SimpleUploadedFile("x.xlsx", content)})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert uploads(settings) == []


def test_a_file_over_the_limit_is_refused_before_it_is_stored(client, district_user, settings):
    settings.UPLOAD_LIMIT_MB = 1
    login(client, district_user)
    response = client.post("/spreadsheets/import/", {
        "kind": "groups", "file": SimpleUploadedFile("big.xlsx", b"PK" + b"\0" * (1024 * 1024 + 100 * 1024))})

    assert response.status_code == 400
    assert "ไฟล์มีขนาด 1.1 MB เกินขนาดที่รับได้ 1 MB" in response.content.decode()
    assert uploads(settings) == []


def test_discard_removes_the_stored_file(client, district_user, settings, tmp_path):
    login(client, district_user)
    client.post("/spreadsheets/import/", {"kind": "groups", "file": xlsx_upload(tmp_path, [group_row()])})
    assert len(uploads(settings)) == 1

    client.post("/spreadsheets/import/discard/")

    assert uploads(settings) == []
    assert SavingsGroup.objects.count() == 0


def test_templates_download_for_both_sheets(client, district_user, tmp_path):
    login(client, district_user)
    for kind, first in [("groups", "รหัสกลุ่ม"), ("activities", "รหัสกลุ่ม")]:
        response = client.get(f"/spreadsheets/template/{kind}.xlsx")
        path = tmp_path / f"{kind}.xlsx"
        path.write_bytes(b"".join(response.streaming_content))
        assert read_xlsx(path)[0][0] == first
    assert client.get("/spreadsheets/template/nothing.xlsx").status_code == 404


def test_group_list_links_to_export_with_its_filters(client, district_user):
    page = login(client, district_user).get("/groups/", {"q": "ดอน", "status": "all"}).content.decode()
    assert 'href="/spreadsheets/export/groups.xlsx?q=%E0%B8%94%E0%B8%AD%E0%B8%99&amp;status=all"' in page
    assert 'href="/spreadsheets/">นำเข้าจาก Excel</a>' in page


@pytest.mark.parametrize(("role", "links"), [
    ("district", ["/spreadsheets/export/groups/5201.xlsx"]),
    ("province", ["/spreadsheets/export/groups/52.xlsx", "/spreadsheets/export/groups/5201.xlsx"]),
    ("national", ["/spreadsheets/export/groups/52.xlsx", "/spreadsheets/export/groups/84.xlsx"]),
])
def test_home_lists_the_area_exports_of_the_users_area(client, users, role, links):
    page = login(client, users[role]).get("/spreadsheets/").content.decode()
    found = [link for link in links if f'href="{link}"' in page]
    assert found == links
    assert ('href="/spreadsheets/export/groups/5202.xlsx"' in page) is (role == "province")


def test_a_true_false_place_cell_previews_with_its_error_and_the_errors_file_downloads(client, district_user, tmp_path):
    login(client, district_user)
    client.post("/spreadsheets/import/", {"kind": "groups", "file": xlsx_upload(tmp_path, [group_row(**{"อำเภอ": True})])})

    preview = client.get("/spreadsheets/import/preview/")
    errors = client.get("/spreadsheets/import/errors.xlsx")

    assert preview.status_code == 200
    assert [(e.row, e.column, e.message) for e in preview.context["report"].errors] == [
        (2, "อำเภอ", "ต้องเป็นข้อความ ไม่ใช่ TRUE/FALSE")]
    assert errors.status_code == 200
    assert SavingsGroup.objects.count() == 0


def test_a_file_that_breaks_the_importer_is_refused_and_not_offered_again(client, district_user, settings, tmp_path,
                                                                          monkeypatch):
    from groups.spreadsheets import views as spreadsheet_views

    login(client, district_user)
    client.post("/spreadsheets/import/", {"kind": "groups", "file": xlsx_upload(tmp_path, [group_row()])})
    assert len(uploads(settings)) == 1

    def broken(**kwargs):  # a fault no check foresaw, injected where the importer is called
        raise ArithmeticError("unforeseen")

    monkeypatch.setattr(spreadsheet_views, "spreadsheet_import", broken)
    response = client.get("/spreadsheets/import/preview/")

    assert response.status_code == 400
    assert "ระบบอ่านไฟล์นี้ไม่สำเร็จ ไม่ได้บันทึกข้อมูลใด" in response.content.decode()
    assert uploads(settings) == []
    home = client.get("/spreadsheets/").content.decode()
    assert "รอการยืนยันอยู่" not in home
    assert SavingsGroup.objects.count() == 0


UNKNOWN_NAME = "ชื่อกลุ่มออมทรัพย์เพื่อการผลิต"


def _unknown_header_upload(tmp_path, code="5201010301"):
    from tests.groups.spreadsheet_support import GROUP_HEADERS

    headers = [UNKNOWN_NAME if h == "ชื่อกลุ่ม" else h for h in GROUP_HEADERS]
    row = group_row(code)
    row[UNKNOWN_NAME] = row.pop("ชื่อกลุ่ม")
    path = write_xlsx(tmp_path / f"{code}.xlsx", [row], headers)
    return SimpleUploadedFile("จังหวัด.xlsx", path.read_bytes())


def test_an_unknown_header_is_mapped_by_hand_remembered_for_the_office_and_clearable(client, district_user, tmp_path):
    from groups.models import ColumnMapping

    login(client, district_user)
    client.post("/spreadsheets/import/", {"kind": "groups", "file": _unknown_header_upload(tmp_path)})

    page = client.get("/spreadsheets/import/preview/")
    assert page.status_code == 200
    assert page.templates[0].name == "groups/spreadsheets/mapping.html"
    assert "ไฟล์ขาดคอลัมน์ที่จำเป็น: ชื่อกลุ่ม" in page.content.decode()
    column = next(c for c in page.context["columns"] if c["label"] == UNKNOWN_NAME)
    assert (column["field"], column["values"]) == ("", ["กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว"])
    code = next(c for c in page.context["columns"] if c["label"] == "รหัสกลุ่ม")
    assert code["field"] == "code"

    chosen = {f"map-{c['index']}": c["field"] for c in page.context["columns"]}
    duplicate = client.post("/spreadsheets/import/mapping/", {**chosen, f"map-{column['index']}": "code"})
    assert duplicate.status_code == 400
    assert "เลือก “รหัสกลุ่ม” ให้หลายคอลัมน์" in duplicate.content.decode()
    assert ColumnMapping.objects.count() == 0

    mapped = client.post("/spreadsheets/import/mapping/", {**chosen, f"map-{column['index']}": "name"})
    assert mapped["Location"] == "/spreadsheets/import/preview/"
    preview_page = client.get("/spreadsheets/import/preview/")
    report = preview_page.context["report"]
    assert (report.ok, report.created) == (True, 1)
    assert SavingsGroup.objects.count() == 0
    client.post("/spreadsheets/import/confirm/", {"token": preview_page.context["pending"].token})
    assert SavingsGroup.objects.get().name == "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว"

    # The same headers next time map the same way, for every user of the office.
    client.post("/spreadsheets/import/", {"kind": "groups", "file": _unknown_header_upload(tmp_path, "5201010302")})
    again = client.get("/spreadsheets/import/preview/")
    assert (again.context["report"].ok, again.context["report"].created) == (True, 1)

    assert "ล้างการจับคู่คอลัมน์ที่จำไว้" in client.get("/spreadsheets/").content.decode()
    client.post("/spreadsheets/mapping/clear/")
    assert ColumnMapping.objects.count() == 0
    assert client.get("/spreadsheets/import/preview/").templates[0].name == "groups/spreadsheets/mapping.html"
    assert SavingsGroup.objects.count() == 1


def test_the_mapping_of_one_office_does_not_apply_to_another(client, district_user, other_district_user, tmp_path):
    from groups.models import ColumnMapping
    from groups.spreadsheets.resources import normalise_header

    ColumnMapping.objects.create(office=district_user.office, kind="groups", header=normalise_header(UNKNOWN_NAME),
                                 field="name")
    login(client, other_district_user)
    client.post("/spreadsheets/import/", {"kind": "groups", "file": _unknown_header_upload(tmp_path)})

    assert client.get("/spreadsheets/import/preview/").templates[0].name == "groups/spreadsheets/mapping.html"
