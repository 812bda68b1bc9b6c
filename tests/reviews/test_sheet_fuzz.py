"""No input crashes the review sheet's upload: generated sheets (any cell type, any value, in every
column the sheet documents) get a Thai refusal or rows whose every problem is a Thai message, and
reading a sheet (the preview) writes nothing."""

import io

import openpyxl
from django.core.exceptions import ValidationError
from hypothesis import given

from reviews import sheets
from reviews.models import GroupReview, ReviewEvent
from tests.groups.fuzz_support import FUZZ, has_thai, workbook_spec

HEADERS = [header for header, _key, _width in sheets.COLUMNS]
VALID = {"รหัสกลุ่ม": "A1", "ประเภท (1/2/3)": 2, "ประเภท 2: รายการที่ไม่เป็นไปตามระเบียบฯ (เลขข้อ คั่นด้วย ,)": "1,3",
         "ประเภท 2: พัฒนากรผู้ติดตาม": "นางสาวศิริพร ทองมา", "ประเภท 2: ติดตามครั้งถัดไปวันที่": "15/01/2568",
         "ประเภท 2: ความประสงค์ของกลุ่ม (ปรับปรุงแก้ไข/ไม่ประสงค์)": "ปรับปรุงแก้ไข", "ประเภท 3: เหตุผล (เลขข้อ)": "",
         "หมายเหตุ / รายละเอียด": ""}


def _content(spec) -> bytes:
    titles, headers, rows, extra = spec
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheets.SHEET_TITLE
    for title in titles:
        sheet.append(title)
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    for cells in extra:
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _state():
    return ReviewEvent.objects.count(), list(GroupReview.objects.order_by("pk").values())


@FUZZ
@given(spec=workbook_spec(VALID, HEADERS))
def test_generated_review_sheets_never_crash_the_upload(submission, tmp_path, spec):
    before = _state()
    path = tmp_path / "review.xlsx"
    path.write_bytes(_content(spec))
    try:
        rows = sheets.read_sheet(submission, path)
    except ValidationError as refusal:
        assert all(has_thai(m) for m in refusal.messages), refusal.messages
    else:
        for row in rows:
            for message in row.errors:
                assert has_thai(message), message
    assert _state() == before
