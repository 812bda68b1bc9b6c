"""The offline review sheet and the province's consolidated export."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from core.models import PendingUpload
from reviews import services
from reviews.models import GroupReview, ReviewEvent

from .conftest import CAT2, CAT3, classify_all, login, submit


def _download(client, submission):
    response = client.get(reverse("reviews:sheet_download", kwargs={"pk": submission.pk}))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(io.BytesIO(response.content))


def _columns(sheet):
    return {cell.value: cell.column for cell in sheet[1]}


def _fill(workbook, values_by_code):
    sheet = workbook["แบบทบทวน"]
    columns = _columns(sheet)
    for row in range(2, sheet.max_row + 1):
        code = sheet.cell(row=row, column=columns["รหัสกลุ่ม"]).value
        for header, value in values_by_code.get(code, {}).items():
            sheet.cell(row=row, column=columns[header], value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("review.xlsx", buffer.getvalue())


CATEGORY = "ประเภท (1/2/3)"
ISSUES = "ประเภท 2: รายการที่ไม่เป็นไปตามระเบียบฯ (เลขข้อ คั่นด้วย ,)"
OFFICER = "ประเภท 2: พัฒนากรผู้ติดตาม"
NEXT = "ประเภท 2: ติดตามครั้งถัดไปวันที่"
INTENTION = "ประเภท 2: ความประสงค์ของกลุ่ม (ปรับปรุงแก้ไข/ไม่ประสงค์)"
REASON = "ประเภท 3: เหตุผล (เลขข้อ)"
NOTE = "หมายเหตุ / รายละเอียด"


def test_sheet_lists_the_district_groups_with_their_current_category(client, district_user, round_, submission):
    services.review_classify(review=submission.reviews.get(group__code="B1"), actor=district_user, data=CAT2)
    login(client, district_user)
    sheet = _download(client, submission)["แบบทบทวน"]
    columns = _columns(sheet)
    rows = {sheet.cell(row=r, column=columns["รหัสกลุ่ม"]).value: r for r in range(2, sheet.max_row + 1)}
    assert sorted(rows) == ["A1", "B1", "C1"]
    assert sheet.cell(row=rows["B1"], column=columns[CATEGORY]).value == 2
    assert sheet.cell(row=rows["B1"], column=columns[ISSUES]).value == "1,3"
    assert sheet.cell(row=rows["B1"], column=columns[NEXT]).value == "15/01/2568"
    assert sheet.cell(row=rows["B1"], column=columns[INTENTION]).value == "ปรับปรุงแก้ไข"


def test_uploaded_sheet_is_previewed_then_saved_all_at_once(client, district_user, round_, submission):
    login(client, district_user)
    upload = _fill(_download(client, submission), {
        "A1": {CATEGORY: 1},
        "B1": {CATEGORY: "๒", ISSUES: "2, 5", OFFICER: "นายณัฐพล ใจมา", NEXT: "15 ม.ค. 2568", INTENTION: "ไม่ประสงค์"},
        "C1": {CATEGORY: 3, REASON: 3, NOTE: "รวมกับกลุ่ม A1"},
    })
    url = reverse("reviews:sheet_upload", kwargs={"pk": submission.pk})
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    assert response.context["changed"] == 3 and response.context["errors"] == []
    assert GroupReview.objects.filter(category__isnull=False).count() == 0  # preview saves nothing
    response = client.post(url, {"action": "confirm", "token": response.context["pending"].token})
    assert response.status_code == 302
    reviews = {r.group.code: r for r in submission.reviews.select_related("group")}
    assert reviews["A1"].category == 1
    assert (reviews["B1"].category, reviews["B1"].issues, reviews["B1"].intention, str(reviews["B1"].next_follow_up_on)) == (
        2, ["bylaws", "accounts"], "refuse", "2025-01-15")
    assert (reviews["C1"].category, reviews["C1"].defunct_reason, reviews["C1"].note) == (3, "merged", "รวมกับกลุ่ม A1")
    assert ReviewEvent.objects.filter(kind="classified").count() == 3
    submission.refresh_from_db()
    assert submission.status == "in_progress"


def test_one_bad_row_saves_nothing_and_says_which_row_and_column(client, district_user, round_, submission):
    login(client, district_user)
    upload = _fill(_download(client, submission), {
        "A1": {CATEGORY: 1},
        "B1": {CATEGORY: 3},                       # no reason
        "C1": {CATEGORY: 2, ISSUES: "9", OFFICER: "x", NEXT: "31/02/2568", INTENTION: "ปรับปรุงแก้ไข"},
    })
    url = reverse("reviews:sheet_upload", kwargs={"pk": submission.pk})
    response = client.post(url, {"file": upload})
    errors = {row.code: row.errors for row in response.context["errors"]}
    assert errors == {
        "B1": ["เหตุผล (ประเภทที่ 3): กรุณาเลือกเหตุผลที่จัดเป็นประเภทที่ 3"],
        "C1": [f"{ISSUES}: รายการ “9” ไม่มีในรายการ (ใช้เลข 1 ถึง 8)", f"{NEXT}: ไม่มีวันที่นี้ในปฏิทิน: เดือนกุมภาพันธ์ 2568 ไม่มีวันที่ 31"],
    }
    page = response.content.decode()
    assert "ยังไม่ได้บันทึกรายการใด" in page
    assert 'name="action" value="confirm"' not in page
    client.post(url, {"action": "confirm"})  # forcing the confirmation still saves nothing
    assert GroupReview.objects.filter(category__isnull=False).count() == 0


def test_a_group_of_another_district_in_the_sheet_is_an_error(client, district_user, round_, submission):
    login(client, district_user)
    workbook = _download(client, submission)
    sheet = workbook["แบบทบทวน"]
    sheet.append(["X1", "กลุ่มของแม่เมาะ"] + [None] * 7 + [1])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post(reverse("reviews:sheet_upload", kwargs={"pk": submission.pk}),
                           {"file": SimpleUploadedFile("r.xlsx", buffer.getvalue())})
    assert [row.errors for row in response.context["errors"]] == [["รหัสกลุ่ม X1 ไม่อยู่ในรอบการทบทวนของอำเภอนี้"]]


def test_a_file_that_is_not_a_spreadsheet_is_refused_in_thai(client, district_user, submission):
    login(client, district_user)
    response = client.post(reverse("reviews:sheet_upload", kwargs={"pk": submission.pk}),
                           {"file": SimpleUploadedFile("r.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00")})
    assert "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) กรุณาใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ" in response.content.decode()
    assert not PendingUpload.objects.exists()
    text = client.post(reverse("reviews:sheet_upload", kwargs={"pk": submission.pk}),
                       {"file": SimpleUploadedFile("r.csv", b"not a spreadsheet")})
    assert "ไม่พบคอลัมน์ รหัสกลุ่ม และ ประเภท (1/2/3) ในหัวตาราง" in text.content.decode()


def test_consolidated_export_has_one_sheet_per_category_and_a_district_summary(
        client, district_user, province_user, round_, submission):
    services.review_classify(review=submission.reviews.get(group__code="A1"), actor=district_user, data=CAT2)
    services.review_classify(review=submission.reviews.get(group__code="B1"), actor=district_user, data=CAT3)
    services.review_classify(review=submission.reviews.get(group__code="C1"), actor=district_user, data={"category": 1})
    submit(submission, district_user)
    login(client, province_user)
    response = client.get(reverse("reviews:round_export", kwargs={"pk": round_.pk}))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["สรุปรายอำเภอ", "ประเภทที่ 1", "ประเภทที่ 2", "ประเภทที่ 3"]
    summary = list(workbook["สรุปรายอำเภอ"].iter_rows(values_only=True))
    assert len(summary) == 1 + 13 + 1
    assert summary[1][:9] == ("5201", "อำเภอเมืองลำปาง", "ส่งจังหวัดแล้ว", 3, 1, 1, 1, 0, 100)
    assert summary[-1][1:9] == ("รวม", None, 5, 1, 1, 1, 2, 60)
    assert [r[4] for r in workbook["ประเภทที่ 2"].iter_rows(min_row=2, values_only=True)] == ["A1"]
    category3 = list(workbook["ประเภทที่ 3"].iter_rows(min_row=2, values_only=True))
    assert category3[0][4] == "B1" and category3[0][10] == "ไม่มีการดำเนินงานแล้ว"


@pytest.mark.parametrize("role", ["other_province"])
def test_export_outside_the_area_is_404(client, users, round_, role):
    login(client, users[role])
    assert client.get(reverse("reviews:round_export", kwargs={"pk": round_.pk})).status_code == 404


def test_district_export_contains_only_its_own_district(client, district_user, round_, submission):
    classify_all(submission, district_user)
    login(client, district_user)
    workbook = load_workbook(io.BytesIO(client.get(reverse("reviews:round_export", kwargs={"pk": round_.pk})).content))
    assert [r[0] for r in workbook["สรุปรายอำเภอ"].iter_rows(min_row=2, values_only=True)] == ["5201", None]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp874"])
def test_the_review_sheet_comes_back_as_csv_with_a_title_row_and_a_note_under_it(
        client, district_user, round_, submission, encoding):
    import csv

    login(client, district_user)
    sheet = _download(client, submission)["แบบทบทวน"]
    rows = [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    header = rows[0]
    category = header.index(CATEGORY)
    for row in rows[1:]:
        row[category] = "1"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["แบบทบทวนฐานข้อมูล อำเภอเมืองลำปาง"])
    writer.writerows(rows)
    writer.writerow(["หมายเหตุ: ตรวจแล้วทุกกลุ่ม"])
    upload = SimpleUploadedFile("review.csv", buffer.getvalue().encode(encoding))
    url = reverse("reviews:sheet_upload", kwargs={"pk": submission.pk})

    preview = client.post(url, {"file": upload})
    assert preview.context["errors"] == []
    assert sorted(row.code for row in preview.context["rows"]) == ["A1", "B1", "C1"]
    client.post(url, {"action": "confirm", "token": preview.context["pending"].token})

    assert sorted(submission.reviews.values_list("category", flat=True)) == [1, 1, 1]
