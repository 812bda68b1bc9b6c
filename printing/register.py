"""The register of orders (ทะเบียนคำสั่ง) of a district for a Buddhist year: every order and
bylaw issued, with its number (from ๑ each year), date, subject, signer and state, and the
orders still in draft; exportable as xlsx."""

import io
from dataclasses import dataclass

from core.thai import BE_OFFSET, format_date
from printing import registry
from printing.models import DocumentKind, IssuedDocument

REGISTER_KINDS = (DocumentKind.ORDER, DocumentKind.BYLAWS)
HEADERS = ["เลขที่", "ลงวันที่", "เรื่อง", "ผู้ลงนาม", "สถานะ", "ตราครุฑ", "แทนที่โดย", "ออกเมื่อ", "ออกโดย"]


@dataclass
class Entry:
    document: IssuedDocument | None
    title: str
    number: str
    dated: object
    signer: str
    state: str
    draft_record: object = None  # a committee whose order is not issued yet

    @property
    def replaced_by(self) -> str:
        successor = self.document.superseded_by if self.document else None
        if successor is None:
            return ""
        return f"คำสั่งที่ {successor.number}/{successor.year_be}" if successor.number else successor.title


def years_of(district) -> list[int]:
    years = (IssuedDocument.objects.filter(district=district, kind__in=REGISTER_KINDS)
             .exclude(year_be=None).values_list("year_be", flat=True).distinct())
    return sorted(set(years), reverse=True)


def entries(district, year_be: int) -> list[Entry]:
    """The year's issued documents by number, then the orders not yet issued (drafts)."""
    documents = (IssuedDocument.objects.filter(district=district, kind__in=REGISTER_KINDS, year_be=year_be)
                 .select_related("superseded_by", "issued_by").order_by("kind", "number", "pk"))
    rows = [Entry(document=d, title=d.title, number=f"{d.number}/{d.year_be}" if d.number else "", dated=d.dated,
                  signer=d.signer,
                  state=d.get_state_display()) for d in documents]
    order = registry.get(DocumentKind.ORDER)
    issued_records = set(IssuedDocument.objects.filter(kind=DocumentKind.ORDER, district=district)
                         .values_list("record_id", flat=True))
    for committee in order.in_area(district=district) if order else []:
        year = committee.order_year or (committee.order_date.year + BE_OFFSET if committee.order_date else None)
        if committee.pk in issued_records or year != year_be:
            continue
        number = f"{committee.order_number}/{year}" if committee.order_number else ""
        rows.append(Entry(document=None, title=order.title(committee), number=number,
                          dated=committee.order_date, signer=committee.signer_name, state="ร่าง",
                          draft_record=committee))
    return rows


def register_xlsx(district, year_be: int) -> bytes:
    """The register as a spreadsheet, through the project's one xlsx writer (core.xlsx: never a
    formula; text that could run as one is neutralised)."""
    from core.xlsx import Workbook

    buffer = io.BytesIO()
    workbook = Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet(f"ทะเบียนคำสั่ง {year_be}")
    bold = workbook.add_format({"bold": True})
    sheet.write_row(0, 0, [f"ทะเบียนคำสั่ง {district.display_name} ปี พ.ศ. {year_be}"], bold)
    sheet.write_row(1, 0, HEADERS, bold)
    for row, entry in enumerate(entries(district, year_be), start=2):
        document = entry.document
        sheet.write_row(row, 0, [
            entry.number, format_date(entry.dated, "long") if entry.dated else "", entry.title, entry.signer,
            entry.state, ("ไม่มี (ผู้ออกยืนยัน)" if document.without_garuda else "มี") if document else "",
            entry.replaced_by, format_date(document.issued_at.date(), "numeric") if document else "",
            (document.issued_by.get_full_name() or document.issued_by.username) if document else "",
        ])
    sheet.set_column(2, 2, 60)
    workbook.close()
    return buffer.getvalue()
