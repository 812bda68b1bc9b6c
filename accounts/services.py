"""Setting up the country: every office from the geography, and users invited from a spreadsheet.

`offices_create` makes the department's office, one provincial office per province and one district
office per amphoe (Bangkok has no community development offices: it is left out), and changes
nothing on a second run. `users_invite` creates all the rows of a checked invitation sheet or none,
and e-mails each new user a link to set their password (Django's password-reset token).
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import Office, User
from core.thai import to_arabic_digits

# An invitation file without a row.
NO_ROWS = "ไม่มีรายชื่อในไฟล์"

# Who may invite (the invite page says it too).
INVITE_REFUSED = "เฉพาะผู้ดูแลระบบของกรมการพัฒนาชุมชนเท่านั้นที่เชิญผู้ใช้ได้"

NO_OFFICES = {"10"}  # Bangkok: no provincial or district community development office
NATIONAL_CODE = "00"
ROLES = {"เจ้าหน้าที่": False, "ผู้ดูแลระบบ": True}  # role → is_staff (administrators: national office only)


@transaction.atomic
def offices_create() -> dict:
    """Every provincial and district office from the loaded geography; existing ones are kept."""
    from geo.models import District, Province

    created = {"national": 0, "province": 0, "district": 0}
    if not Office.objects.filter(level=Office.Level.NATIONAL).exists():
        Office.objects.create(level=Office.Level.NATIONAL, name="กรมการพัฒนาชุมชน")
        created["national"] = 1
    have = set(Office.objects.filter(level=Office.Level.PROVINCE).values_list("province_id", flat=True))
    provinces = [Office(level=Office.Level.PROVINCE, province=p, name=f"สำนักงานพัฒนาชุมชนจังหวัด{p.name_th}")
                 for p in Province.objects.exclude(code__in=NO_OFFICES).order_by("code") if p.code not in have]
    Office.objects.bulk_create(provinces, batch_size=500)
    have = set(Office.objects.filter(level=Office.Level.DISTRICT).values_list("district_id", flat=True))
    districts = [Office(level=Office.Level.DISTRICT, province_id=d.province_id, district=d,
                        name=f"สำนักงานพัฒนาชุมชนอำเภอ{d.name_th}")
                 for d in District.objects.exclude(province_id__in=NO_OFFICES).order_by("code") if d.code not in have]
    Office.objects.bulk_create(districts, batch_size=500)
    created["province"], created["district"] = len(provinces), len(districts)
    return created


def office_by_code(code: str):
    """The office for a code: 4 digits an amphoe, 2 a province, 00 the department."""
    code = to_arabic_digits(str(code or "")).strip()
    if code == NATIONAL_CODE:
        return Office.objects.filter(level=Office.Level.NATIONAL).first()
    if re.fullmatch(r"\d{4}", code):
        return Office.objects.filter(level=Office.Level.DISTRICT, district_id=code).first()
    if re.fullmatch(r"\d{2}", code):
        return Office.objects.filter(level=Office.Level.PROVINCE, province_id=code).first()
    return None


@dataclass
class InviteRow:
    line: int
    name: str
    email: str
    office_code: str
    role: str
    office: Office | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def first_last(self):
        parts = self.name.split(None, 1)
        return (parts[0], parts[1]) if len(parts) == 2 else (self.name, "")


def invites_check(rows: list[dict]) -> list[InviteRow]:
    """Checks every row (name, e-mail, office code, role); each problem is a Thai message on its row."""
    checked, seen = [], {}
    emails = [str(r.get("email") or "").strip().lower() for r in rows]
    taken = {e.lower() for e in User.objects.filter(email__in=[e for e in emails if e]).values_list("email", flat=True)}
    taken |= {u.lower() for u in User.objects.filter(username__in=[e for e in emails if e]).values_list("username", flat=True)}
    for index, raw in enumerate(rows):
        row = InviteRow(line=raw.get("line", index + 2), name=" ".join(str(raw.get("name") or "").split()),
                        email=emails[index], office_code=to_arabic_digits(str(raw.get("office_code") or "")).strip(),
                        role=str(raw.get("role") or "").strip() or "เจ้าหน้าที่")
        if not row.name:
            row.errors.append("กรุณากรอกชื่อ-นามสกุล")
        elif len(row.name) > 150:
            row.errors.append("ชื่อ-นามสกุลยาวเกิน 150 ตัวอักษร")
        try:
            validate_email(row.email)
        except ValidationError:
            row.errors.append(f"อีเมล “{row.email}” ไม่ถูกต้อง" if row.email else "กรุณากรอกอีเมล")
        else:
            if row.email in taken:
                row.errors.append(f"อีเมล {row.email} มีผู้ใช้ในระบบแล้ว")
            if row.email in seen:
                row.errors.append(f"อีเมลซ้ำกับแถวที่ {seen[row.email]}")
            seen.setdefault(row.email, row.line)
        row.office = office_by_code(row.office_code)
        if row.office is None:
            row.errors.append(f"ไม่พบสำนักงานรหัส “{row.office_code}” (รหัสอำเภอ 4 หลัก รหัสจังหวัด 2 หลัก "
                              f"หรือ {NATIONAL_CODE} สำหรับกรม)" if row.office_code else "กรุณากรอกรหัสสำนักงาน")
        if row.role not in ROLES:
            row.errors.append(f"บทบาท “{row.role}” ไม่รู้จัก ใช้ “เจ้าหน้าที่” หรือ “ผู้ดูแลระบบ”")
        elif ROLES[row.role] and row.office is not None and row.office.level != Office.Level.NATIONAL:
            row.errors.append("ผู้ดูแลระบบต้องสังกัดกรมการพัฒนาชุมชน (รหัส 00)")
        checked.append(row)
    return checked


def set_password_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL.rstrip("/") + reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def users_invite(*, actor, rows: list[dict]) -> list[User]:
    """Creates every invited user or none; each gets an e-mail with a link to set a password."""
    if not (actor.is_national_staff and actor.is_staff):
        raise PermissionDenied(INVITE_REFUSED)
    checked = invites_check(rows)
    if not checked:
        raise ValidationError(NO_ROWS)
    problems = [f"แถวที่ {row.line}: {' '.join(row.errors)}" for row in checked if row.errors]
    if problems:
        raise ValidationError(problems)
    users = []
    for row in checked:
        first, last = row.first_last
        user = User(username=row.email, email=row.email, first_name=first[:150], last_name=last[:150],
                    office=row.office, is_staff=ROLES[row.role])
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users)
    users = list(User.objects.filter(username__in=[u.username for u in users]).select_related("office"))
    transaction.on_commit(lambda: _send_invitations(users))
    return users


def _send_invitations(users):
    messages = []
    for user in users:
        body = (f"เรียน {user.get_full_name()}\n\n"
                f"คุณได้รับเชิญให้ใช้ระบบทะเบียนกลุ่มออมทรัพย์เพื่อการผลิต ในนาม{user.office}\n"
                f"ชื่อผู้ใช้ของคุณคือ {user.username}\n\n"
                f"กรุณาเปิดลิงก์นี้เพื่อตั้งรหัสผ่าน (ใช้ได้ครั้งเดียว):\n{set_password_link(user)}\n\n"
                "หากลิงก์หมดอายุ ให้กด “ลืมรหัสผ่าน” ที่หน้าเข้าสู่ระบบแล้วกรอกอีเมลนี้")
        messages.append(("เชิญใช้ระบบทะเบียนกลุ่มออมทรัพย์เพื่อการผลิต", body, None, [user.email]))
    send_mass_mail(messages, fail_silently=False)


def invite_rows_from_file(path) -> list[dict]:
    """The rows of an invitation sheet (.xlsx): a header row naming ชื่อ-นามสกุล, อีเมล, รหัสสำนักงาน,
    บทบาท (in any order), then one user per row; blank rows are skipped."""
    from python_calamine import CalamineWorkbook

    from core.uploads.errors import SpreadsheetRefused
    from core.uploads.spreadsheets import guard_spreadsheet

    guard_spreadsheet(path, formats=("xlsx",))  # size, zip ratio, unpacked size, cells, safe XML
    try:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as error:  # a damaged file: calamine raises plain errors
        raise SpreadsheetRefused("อ่านไฟล์ไม่ได้ กรุณาบันทึกเป็น .xlsx ใหม่แล้วลองอีกครั้ง") from error
    columns = {"ชื่อ-นามสกุล": "name", "ชื่อ": "name", "อีเมล": "email", "รหัสสำนักงาน": "office_code",
               "บทบาท": "role"}
    for index, cells in enumerate(sheet[:10]):
        found = {i: columns[str(c).strip()] for i, c in enumerate(cells) if str(c).strip() in columns}
        if {"name", "email", "office_code"} <= set(found.values()):
            header, start = found, index + 1
            break
    else:
        raise SpreadsheetRefused("ไม่พบหัวตาราง: ต้องมีคอลัมน์ “ชื่อ-นามสกุล” “อีเมล” “รหัสสำนักงาน” และ “บทบาท”")
    rows = []
    for number, cells in enumerate(sheet[start:], start=start + 1):
        values = {name: _cell(cells[i]) if i < len(cells) else "" for i, name in header.items()}
        if any(values.values()):
            rows.append({"line": number, **values})
    if len(rows) > 5000:
        raise SpreadsheetRefused("ไฟล์มีรายชื่อเกิน 5,000 คน กรุณาแบ่งเป็นหลายไฟล์")
    return rows


def _cell(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
