"""Every xlsx the registry hands out, with records whose names and notes begin with = + - @:
no cell of any of them is a formula, and no text cell begins with a formula character (the one
writer, core.xlsx, neutralises them). The list of exports is the resolver's: a new .xlsx URL
that this test does not download fails it."""

import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver

from core.xlsx import FORMULA_STARTS
from reviews import services as review_services
from tests.conftest import login
from tests.factories import ActivityFactory, GroupFactory, VillageFactory
from tests.groups.spreadsheet_support import group_row, write_xlsx

DANGEROUS = ["=HYPERLINK(\"http://x.example/\",\"คลิก\")", "+SUM(1,2)", "-2+3", "@SUM(A1)", "\t=1+1", "=1+1"]


def _xlsx_routes():
    """Every URL pattern of the project whose route ends in .xlsx, as "namespace:name"."""
    found = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif str(pattern.pattern).endswith(".xlsx"):
                found.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return found


def _content(response):
    assert response.status_code == 200, response
    return b"".join(response.streaming_content) if response.streaming else response.content


def _scan(content: bytes, label: str) -> list[str]:
    """Every text cell of every sheet; fails on any formula (in the XML and as openpyxl reads it)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name)
                assert not re.search(rb"<f[\s>/]", xml), f"{label}: a formula in {name}"
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{label}: formula at {sheet.title}!{cell.coordinate}"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_STARTS), (
                        f"{label}: {sheet.title}!{cell.coordinate} = {cell.value!r} is not neutralised")
                    texts.append(cell.value)
    return texts


@pytest.fixture
def dangerous_registry(district_user, province_user):
    village = VillageFactory(name=DANGEROUS[1], moo=3)
    groups = [
        GroupFactory(code="5201010301", name=DANGEROUS[0], village=village, chair_name=DANGEROUS[2],
                     officer_name=DANGEROUS[3]),
        GroupFactory(code="5201010302", name=DANGEROUS[4], village=village, chair_phone="=1+1"),
    ]
    ActivityFactory(group=groups[0], name=DANGEROUS[5])
    round_ = review_services.round_open(
        actor=province_user, title="ทบทวน", reference_number="ลป ๐๐๑๙.๔/ว ๑", letter_date=dt.date(2024, 11, 21),
        due_on=dt.date(2099, 12, 9))
    submission = round_.submissions.get(district_id="5201")
    for review in submission.reviews.all():
        review_services.review_classify(review=review, actor=district_user,
                                        data={"category": 1, "note": "=cmd|' /C calc'!A0"})
    return round_, submission


def test_every_xlsx_the_registry_offers_has_no_formula(client, district_user, province_user, dangerous_registry,
                                                       settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    round_, submission = dangerous_registry
    district_user.save(update_fields=["password"])
    province_user.save(update_fields=["password"])
    login(client, district_user)
    bad_upload = write_xlsx(tmp_path / "bad.xlsx", [group_row(**{"ชื่อกลุ่ม": "@2+2", "จำนวนสมาชิก (คน)": "-สิบ"})])
    assert client.post("/spreadsheets/import/", {
        "kind": "groups", "file": SimpleUploadedFile("bad.xlsx", bad_upload.read_bytes())}).status_code == 302

    downloads = {
        "spreadsheets:template": ["/spreadsheets/template/groups.xlsx", "/spreadsheets/template/activities.xlsx"],
        "spreadsheets:export_list": ["/spreadsheets/export/groups.xlsx?status=all",
                                     "/spreadsheets/export/activities.xlsx?status=all"],
        "spreadsheets:export_area": ["/spreadsheets/export/groups/5201.xlsx", "/spreadsheets/export/activities/5201.xlsx"],
        "spreadsheets:errors": ["/spreadsheets/import/errors.xlsx"],
        "reviews:sheet_download": [f"/reviews/submissions/{submission.pk}/sheet.xlsx"],
    }
    by_province = {"reviews:round_export": [f"/reviews/{round_.pk}/result.xlsx"],
                   "spreadsheets:export_area": ["/spreadsheets/export/groups/52.xlsx"]}
    assert set(downloads) | set(by_province) == _xlsx_routes()

    texts = []
    for urls in downloads.values():
        for url in urls:
            texts += _scan(_content(client.get(url)), url)
    login(client, province_user)
    for urls in by_province.values():
        for url in urls:
            texts += _scan(_content(client.get(url)), url)

    # The dangerous values are in the files, as text with the apostrophe in front.
    for value in [*DANGEROUS, "=cmd|' /C calc'!A0", "@2+2", "-สิบ"]:
        assert "'" + value in texts, value


def test_the_writer_refuses_formulas(tmp_path):
    from core.xlsx import Workbook

    workbook = Workbook(str(tmp_path / "x.xlsx"))
    sheet = workbook.add_worksheet("x")
    with pytest.raises(ValueError, match="no formulas"):
        sheet.write_formula(0, 0, "=1+1")
    with pytest.raises(ValueError, match="no formulas"):
        sheet.write_array_formula(0, 0, 0, 0, "{=1+1}")
    sheet.write(0, 0, "=1+1")
    workbook.close()
    cell = openpyxl.load_workbook(tmp_path / "x.xlsx").active["A1"]
    assert (cell.data_type, cell.value) == ("s", "'=1+1")
