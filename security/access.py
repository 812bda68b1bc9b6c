"""The one rule for the personal-data access log: which responses are recorded, and how.

Every PDF (a print) and every spreadsheet download (an export) a logged-in user receives is
recorded from the response itself (security.middleware.AccessLogMiddleware), so a new document or
export cannot be forgotten. A page that shows national ID numbers in full says so with
`national_ids_shown(request, ...)`. The row is written after the view has answered, in its own
statement; nothing else ever updates or deletes it.
"""

import re
from urllib.parse import unquote

from security.models import PersonalDataAccess

PRINT_TYPES = ("application/pdf",)
EXPORT_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-excel",
    "application/vnd.oasis.opendocument.spreadsheet",
    "text/csv",
)
# Downloads that hold no personal data: the empty import templates.
NOT_PERSONAL = {"spreadsheets:template"}

# What a URL shows, in Thai, for the log's "ข้อมูลที่เข้าถึง" column.
SUBJECTS = {
    "printing:pdf": "เอกสาร PDF",
    "printing:issued_file": "เอกสารที่ออกแล้ว",
    "printing:issued_scan": "สำเนาที่ลงนามแล้ว (สแกน)",
    "printing:batch_download": "งานพิมพ์ชุด",
    "spreadsheets:export_list": "ส่งออกรายการตามตัวกรอง",
    "spreadsheets:export_area": "ส่งออกทั้งพื้นที่",
    "spreadsheets:errors": "ไฟล์ข้อผิดพลาดของการนำเข้า",
    "reviews:round_export": "ผลการทบทวนรวมของรอบ",
    "reviews:sheet_download": "แบบทบทวนของอำเภอ",
    "networks:committee_detail": "รายชื่อคณะกรรมการ",
    "networks:committee_seats": "แก้ไขรายชื่อคณะกรรมการ",
    "networks:committee_corrections": "แก้ไขข้อมูลกรรมการที่แต่งตั้งแล้ว",
}


def national_ids_shown(request, *, subject: str, area: str = "") -> None:
    """Marks this request as one that shows national ID numbers in full; logged if it succeeds."""
    request.national_ids_shown = {"subject": subject, "area": area}


def action_for(request, response) -> str | None:
    """The kind of access this response is, or None when it is not recorded."""
    if response.status_code != 200 or not getattr(request, "user", None) or not request.user.is_authenticated:
        return None
    if getattr(request, "national_ids_shown", None):
        return PersonalDataAccess.Action.VIEW_IDS
    match = request.resolver_match
    if match is not None and match.view_name in NOT_PERSONAL:
        return None
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    if content_type in PRINT_TYPES:
        return PersonalDataAccess.Action.PRINT
    if content_type in EXPORT_TYPES:
        return PersonalDataAccess.Action.EXPORT
    return None


def _filename(response) -> str:
    disposition = response.get("Content-Disposition", "")
    found = re.search(r"filename\*=UTF-8''([^;]+)", disposition, re.I) or re.search(r'filename="?([^";]+)', disposition)
    return unquote(found.group(1)) if found else ""


def _subject(request) -> tuple[str, str]:
    match = request.resolver_match
    name = match.view_name if match else request.path
    label = SUBJECTS.get(name, name)
    record = ", ".join(f"{key} {value}" for key, value in (match.kwargs.items() if match else []))
    area = ", ".join(f"{key} {value}" for key, value in request.GET.items() if key in ("province", "district", "code"))
    if match and "code" in match.kwargs:
        area = area or f"รหัสพื้นที่ {match.kwargs['code']}"
    return (f"{label} ({record})" if record else label), area


def record(request, response, action: str) -> PersonalDataAccess:
    marked = getattr(request, "national_ids_shown", None) or {}
    subject, area = _subject(request)
    user = request.user
    return PersonalDataAccess.objects.create(
        user=user, office=str(user.office) if getattr(user, "office_id", None) else "", action=action,
        subject=(marked.get("subject") or subject)[:255], area=(marked.get("area") or area)[:255],
        document=_filename(response)[:255], path=request.get_full_path()[:500],
        ip_address=request.META.get("REMOTE_ADDR") or None,
    )
