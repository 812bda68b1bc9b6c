"""The province's consolidated result of a round (xlsx): one sheet per category and a summary per
district. Written with XlsxWriter in constant-memory mode (rows stream to temporary files; about
twice as fast as openpyxl's write-only mode at 30,000 rows), in a fixed number of queries."""

import io

from core import streaming, thai
from core.xlsx import Workbook
from reviews.documents import removal_group_ids
from reviews.models import GroupReview
from reviews.selectors.dashboard import round_dashboard

GROUP_HEADERS = ["อำเภอ", "ตำบล", "หมู่ที่", "หมู่บ้าน", "รหัสกลุ่ม", "ชื่อกลุ่ม", "สมาชิก (คน)",
                 "เงินสัจจะสะสม (บาท)", "ข้อมูล ณ วันที่", "สถานะผลการทบทวนของอำเภอ"]
EXTRA_HEADERS = {
    1: ["หมายเหตุ"],
    2: ["รายการที่ไม่เป็นไปตามระเบียบฯ", "หมายเหตุ", "พัฒนากรผู้ติดตาม", "ติดตามครั้งถัดไป", "ความประสงค์ของกลุ่ม",
        "สถานะกลุ่มในทะเบียน", "เมื่อจังหวัดรับผล"],
    3: ["เหตุผล", "รายละเอียด", "สถานะกลุ่มในทะเบียน", "เมื่อจังหวัดรับผล"],
}
# What accepting the district's result does to the group (the report letter says the same).
REMOVED, FOLLOWED_UP, ALREADY_OUT = "นำออกจากฐานข้อมูล", "พัฒนากรติดตามจนดำเนินการตามระเบียบฯ", "ออกจากฐานข้อมูลไปก่อนแล้ว"
SUMMARY_HEADERS = ["รหัสอำเภอ", "อำเภอ", "สถานะ", "จำนวนกลุ่ม", "ประเภทที่ 1", "ประเภทที่ 2", "ประเภทที่ 3",
                   "ยังไม่จัดประเภท", "จัดประเภทแล้ว (%)", "ส่งเมื่อ", "ตรงเวลา/เกินกำหนด", "เลขที่หนังสืออำเภอ",
                   "ลงวันที่", "ผู้ลงนาม", "ขอให้จังหวัดนำออก (กลุ่ม)"]


class _Sheet:
    """Appends rows to an XlsxWriter worksheet (constant-memory mode writes rows in order)."""

    def __init__(self, workbook, title, headers, bold):
        self.sheet, self.row = workbook.add_worksheet(title), 0
        self.sheet.write_row(0, 0, headers, bold)
        self.sheet.freeze_panes(1, 0)
        self.row = 1

    def append(self, values):
        self.sheet.write_row(self.row, 0, ["" if v is None else v for v in values])
        self.row += 1


def _on_acceptance(review, removed: set[int]) -> str:
    if review.group_id in removed:
        return REMOVED
    return ALREADY_OUT if review.leaves_registry else FOLLOWED_UP


def _extra(review, removed):
    if review.category == 1:
        return [review.note]
    if review.category == 2:
        return [", ".join(review.issue_labels()), review.note, review.follow_up_officer,
                thai.format_date(review.next_follow_up_on, "numeric"), review.get_intention_display(),
                review.group.get_status_display(), _on_acceptance(review, removed)]
    return [review.get_defunct_reason_display(), review.note, review.group.get_status_display(),
            _on_acceptance(review, removed)]


def build_round_export(round_, submissions, today) -> bytes:
    buffer = io.BytesIO()
    workbook = Workbook(buffer, {"constant_memory": True})  # core.xlsx: no formulas, text neutralised
    bold = workbook.add_format({"bold": True})
    summary = _Sheet(workbook, "สรุปรายอำเภอ", SUMMARY_HEADERS, bold)
    rows, totals = round_dashboard(round_, list(submissions.select_related("district").order_by("district_id")), today)
    removed = removal_group_ids([row.submission for row in rows])
    removed_per_district: dict[str, int] = {}
    for district_id in (GroupReview.objects.filter(group_id__in=removed, submission__in=submissions.values("pk"))
                        .values_list("submission__district_id", flat=True)):
        removed_per_district[district_id] = removed_per_district.get(district_id, 0) + 1
    for row in rows:
        s = row.submission
        sent = s.submitted_at is not None and s.status in ("submitted", "accepted")
        summary.append([
            s.district_id, s.district.display_name, s.get_status_display(), row.total, row.cat1, row.cat2, row.cat3,
            row.unclassified, row.percent, thai.format_datetime(s.submitted_at) if sent else "",
            ("เกินกำหนด" if s.is_late else "ตรงเวลา") if sent else "", s.letter_number,
            thai.format_date(s.letter_date, "numeric"), s.signer_name, removed_per_district.get(s.district_id, 0),
        ])
    summary.append(["", "รวม", "", totals.total, totals.cat1, totals.cat2, totals.cat3,
                    totals.total - totals.classified, totals.percent, "", "", "", "", "",
                    sum(removed_per_district.values())])
    sheets = {}
    for category in GroupReview.Category:
        sheets[category.value] = _Sheet(workbook, f"ประเภทที่ {category.value}",
                                        GROUP_HEADERS + EXTRA_HEADERS[category.value], bold)
    reviews = (GroupReview.objects.filter(submission__in=submissions.values("pk"), category__isnull=False)
               .select_related("group__village__subdistrict", "submission__district")
               .order_by("submission__district_id", "group__code"))
    for review in streaming.objects(reviews):
        group = review.group
        sheets[review.category].append([
            review.submission.district.name_th, group.village.subdistrict.name_th, group.village.moo,
            group.village.name, group.code, group.name, group.members_total, float(group.savings_balance),
            thai.format_date(group.figures_as_of, "numeric"), review.submission.get_status_display(),
            *_extra(review, removed),
        ])
    workbook.close()
    return buffer.getvalue()
