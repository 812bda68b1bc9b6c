"""The district's offline review sheet (xlsx): which column holds what, how it is written and read.

The sheet lists the district's groups in the round with their facts and the current category;
the officer fills the category columns away from the office and uploads the file back. Reading
checks every row with the same rules as the web form (GroupReview.clean) and reports each
problem in Thai by row and column; the services save all rows or none.
"""

import copy
import io
import re

from django.core.exceptions import ValidationError

from core import tabular, thai
from core.text import clean_text
from core.uploads import guard_spreadsheet
from core.uploads.pending import pending_get, pending_store
from core.xlsx import Workbook, unneutralise
from reviews import services
from reviews.models import GroupReview

SHEET_TITLE = "แบบทบทวน"
HELP_TITLE = "คำอธิบาย"
ISSUES = list(GroupReview.Issue)
REASONS = list(GroupReview.DefunctReason)
INTENTION_WORDS = {GroupReview.Intention.CORRECT: "ปรับปรุงแก้ไข", GroupReview.Intention.REFUSE: "ไม่ประสงค์"}

# (header, key, width): key names a review detail field, or a fact column that is never read back.
COLUMNS = [
    ("รหัสกลุ่ม", "code", 14),
    ("ชื่อกลุ่ม", "name", 40),
    ("หมู่ที่", "moo", 7),
    ("หมู่บ้าน", "village", 16),
    ("ตำบล", "subdistrict", 14),
    ("สมาชิก (คน)", "members", 10),
    ("เงินสัจจะสะสม (บาท)", "savings", 16),
    ("ข้อมูล ณ วันที่", "as_of", 14),
    ("ข้อสังเกต", "hints", 22),
    ("ประเภท (1/2/3)", "category", 12),
    ("ประเภท 2: รายการที่ไม่เป็นไปตามระเบียบฯ (เลขข้อ คั่นด้วย ,)", "issues", 22),
    ("ประเภท 2: พัฒนากรผู้ติดตาม", "follow_up_officer", 22),
    ("ประเภท 2: ติดตามครั้งถัดไปวันที่", "next_follow_up_on", 16),
    ("ประเภท 2: ความประสงค์ของกลุ่ม (ปรับปรุงแก้ไข/ไม่ประสงค์)", "intention", 20),
    ("ประเภท 3: เหตุผล (เลขข้อ)", "defunct_reason", 16),
    ("หมายเหตุ / รายละเอียด", "note", 30),
]
HEADERS = {header: key for header, key, _ in COLUMNS}
LABELS = {key: header for header, key, _ in COLUMNS}
READ_KEYS = ["category", "issues", "follow_up_officer", "next_follow_up_on", "intention", "defunct_reason", "note"]
FILL = "#FFF3C4"


def _issue_cell(review):
    return ",".join(str(ISSUES.index(GroupReview.Issue(code)) + 1) for code in review.issues or [])


def build_sheet(submission, reviews, today) -> bytes:
    """The district's sheet; `reviews` has `with_duplicate_flag` and the group's village joined.
    Written with the one xlsx writer (core.xlsx): no formulas, text that could become one
    neutralised (a group named "=…" stays text)."""
    from reviews.selectors.hints import hints_for

    buffer = io.BytesIO()
    workbook = Workbook(buffer)
    header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    to_fill = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": FILL})
    sheet = workbook.add_worksheet(SHEET_TITLE)
    for col, (title, key, width) in enumerate(COLUMNS):
        sheet.set_column(col, col, width)
        sheet.write_string(0, col, title, to_fill if key in READ_KEYS else header)
    row = 0
    for row, review in enumerate(reviews, start=1):
        group = review.group
        sheet.write_row(row, 0, [
            group.code, group.name, group.village.moo, group.village.name, group.village.subdistrict.name_th,
            group.members_total, float(group.savings_balance), thai.format_date(group.figures_as_of, "numeric"),
            ", ".join(hints_for(review, today)), review.category or "", _issue_cell(review),
            review.follow_up_officer, thai.format_date(review.next_follow_up_on, "numeric"),
            INTENTION_WORDS.get(review.intention, ""),
            REASONS.index(GroupReview.DefunctReason(review.defunct_reason)) + 1 if review.defunct_reason else "",
            review.note,
        ])
    sheet.freeze_panes(1, 2)
    last = max(row, 1)
    keys = [key for _, key, _ in COLUMNS]
    for key, options in [("category", ["1", "2", "3"]), ("intention", list(INTENTION_WORDS.values())),
                         ("defunct_reason", [str(n) for n in range(1, len(REASONS) + 1)])]:
        col = keys.index(key)
        sheet.data_validation(1, col, last, col, {
            "validate": "list", "source": options, "ignore_blank": True,
            "error_title": "ค่าไม่ถูกต้อง", "error_message": "เลือกจากรายการเท่านั้น"})
    help_sheet = workbook.add_worksheet(HELP_TITLE)
    help_sheet.set_column(0, 0, 12)
    help_sheet.set_column(1, 1, 70)
    rows = [
        [f"รอบ: {submission.round.title}"], [f"หนังสือจังหวัดที่ {submission.round.reference_number} "
                                             f"กำหนดส่ง {thai.format_date(submission.round.due_on, 'long')}"],
        [f"{submission.district.display_name} · แก้ไขเฉพาะคอลัมน์สีเหลือง ห้ามแก้รหัสกลุ่ม"], [],
        ["ประเภท", "ความหมาย"], *[[c.value, c.label] for c in GroupReview.Category], [],
        ["เลขข้อ", "ประเภท 2: รายการที่ไม่เป็นไปตามระเบียบฯ (ใส่ได้หลายข้อ เช่น 1,3)"],
        *[[n, issue.label] for n, issue in enumerate(ISSUES, start=1)], [],
        ["ความประสงค์", "ประเภท 2"], *[[word, GroupReview.Intention(key).label] for key, word in INTENTION_WORDS.items()],
        [], ["เลขข้อ", "ประเภท 3: เหตุผล"], *[[n, reason.label] for n, reason in enumerate(REASONS, start=1)], [],
        ["วันที่", "พิมพ์เป็น วว/ดด/ปปปป (พ.ศ.) เช่น 15/01/2568"],
    ]
    for number, values in enumerate(rows):
        help_sheet.write_row(number, 0, values)
    workbook.close()
    return buffer.getvalue()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return thai.to_arabic_digits(clean_text(unneutralise(str(value))))


def _number_list(text: str, size: int, what: str) -> list[int]:
    numbers = []
    for part in re.split(r"[,\s]+", text):
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= size:
            raise ValueError(f"{what} “{part}” ไม่มีในรายการ (ใช้เลข 1 ถึง {size})")
        numbers.append(int(part))
    return numbers


def _read_row(values: dict) -> tuple[dict, list[str]]:
    """Cell values → review detail data, or Thai messages naming the column."""
    data, errors = {}, []
    category = _text(values.get("category")).replace("ประเภทที่", "").replace("ประเภท", "").strip()
    if category == "":
        return {}, []
    if category not in ("1", "2", "3"):
        return {}, [f"{LABELS['category']}: ต้องเป็น 1, 2 หรือ 3 (พบ “{category}”)"]
    data["category"] = int(category)
    try:
        data["issues"] = [ISSUES[n - 1].value for n in _number_list(_text(values.get("issues")), len(ISSUES),
                                                                      "รายการ")]
    except ValueError as error:
        errors.append(f"{LABELS['issues']}: {error}")
    data["follow_up_officer"] = _text(values.get("follow_up_officer"))
    try:
        data["next_follow_up_on"] = thai.parse_date(values.get("next_follow_up_on"))
    except thai.ThaiDateError as error:
        errors.append(f"{LABELS['next_follow_up_on']}: {error}")
    intention = _text(values.get("intention"))
    data["intention"] = ""
    if intention:
        if "ไม่ประสงค์" in intention or "ยกเลิก" in intention:
            data["intention"] = GroupReview.Intention.REFUSE
        elif "ปรับปรุง" in intention or "แก้ไข" in intention:
            data["intention"] = GroupReview.Intention.CORRECT
        else:
            errors.append(f"{LABELS['intention']}: ให้ใส่ “ปรับปรุงแก้ไข” หรือ “ไม่ประสงค์” (พบ “{intention}”)")
    reason = _text(values.get("defunct_reason"))
    data["defunct_reason"] = ""
    if reason:
        labels = {r.label: r.value for r in REASONS}
        if reason in labels:
            data["defunct_reason"] = labels[reason]
        else:
            try:
                data["defunct_reason"] = REASONS[_number_list(reason, len(REASONS), "เหตุผล")[0] - 1].value
            except ValueError as error:
                errors.append(f"{LABELS['defunct_reason']}: {error}")
    data["note"] = _text(values.get("note"))
    return data, errors


PURPOSE = "review-sheet"


def guard(path):
    """The upload guard for this sheet: a spreadsheet (by its bytes) that is safe to open, in a
    format core.tabular reads."""
    return guard_spreadsheet(path, formats=tabular.FORMATS)


def store_upload(submission, upload, actor):
    """The uploaded sheet as the officer's pending file for this submission (core.uploads.pending:
    a random name in the private folder, never the session); UploadRefused with a Thai message."""
    return pending_store(upload=upload, owner=actor, purpose=PURPOSE, subject=str(submission.pk), guard=guard)


def pending_upload(submission, actor, token):
    return pending_get(owner=actor, purpose=PURPOSE, subject=str(submission.pk), token=token or "")


def _match_header(text):
    return _HEADER_KEYS.get(_header_key(text))


def _header_key(text) -> str:
    return re.sub(r"[\s.:*]", "", thai.to_arabic_digits(clean_text(str(text)))).lower()


_HEADER_KEYS = {_header_key(header): key for header, key, _ in COLUMNS}


def _find_table(guarded):
    """The review sheet's rows: the sheet named แบบทบทวน (or the first whose header names the
    code and category columns), read by core.tabular in any of its formats."""
    candidates = []
    try:
        for name, rows in tabular.read_sheets(guarded.path, guarded.format):
            header = tabular.find_header(rows, _match_header)
            if header and {"code", "category"} <= set(header.columns.values()):
                if name == SHEET_TITLE:
                    return rows, header
                candidates.append((rows, header))
    except tabular.SpreadsheetRefused as error:
        raise ValidationError(str(error)) from error
    if candidates:
        return candidates[0]
    raise ValidationError(f"ไม่พบคอลัมน์ {LABELS['code']} และ {LABELS['category']} ในหัวตาราง "
                          "กรุณาใช้ไฟล์ที่ดาวน์โหลดจากหน้านี้")


def read_sheet(submission, path) -> list[services.SheetRow]:
    """Reads an uploaded sheet (.xlsx, .xls, .ods or .csv) against the submission's reviews;
    raises ValidationError (Thai) when the file itself cannot be read. Row errors are on each
    SheetRow; rows that are not data (totals, notes, blank rows) are left out. The file is guarded
    first (again, if it was at upload): the reader opens only what passed."""
    rows, header = _find_table(guard(path))
    positions = {key: i for i, key in header.columns.items()}
    numbers = {positions[k] for k in ("members", "savings") if k in positions}
    data_rows, _skipped = tabular.split_rows(rows, header, key_column=positions["code"], number_columns=numbers)
    reviews = {r.group.code: r for r in GroupReview.objects.filter(submission=submission).select_related("group")}
    result, seen = [], {}
    for line, cells in data_rows:
        values = {key: cells[i] if i < len(cells) else None for key, i in positions.items()}
        code = _text(values.get("code")).replace(" ", "")
        if not code and all(v in (None, "") for v in values.values()):
            continue
        row = services.SheetRow(line=line, code=code)
        review = reviews.get(code)
        if not code:
            row.errors.append("ไม่มีรหัสกลุ่ม")
        elif review is None:
            row.errors.append(f"รหัสกลุ่ม {code} ไม่อยู่ในรอบการทบทวนของอำเภอนี้")
        elif code in seen:
            row.errors.append(f"รหัสกลุ่ม {code} ซ้ำกับแถวที่ {seen[code]}")
        seen.setdefault(code, line)
        data, errors = _read_row(values)
        row.errors.extend(errors)
        if review is not None and data and not row.errors:
            candidate = copy.copy(review)
            try:
                services.apply_details(candidate, data)
            except ValidationError as error:
                for field_name, messages in error.message_dict.items():
                    label = str(GroupReview._meta.get_field(field_name).verbose_name) if field_name != "__all__" else ""
                    row.errors.extend(f"{label}: {m}" if label else m for m in messages)
            else:
                row.changed = any(getattr(candidate, k) != getattr(review, k) for k in services.DETAIL_FIELDS)
                row.data = data
        row.review = review
        row.new_category = data.get("category")
        result.append(row)
    return result
