"""Setting up the country: create_offices from the geography (idempotent), inviting users from a
spreadsheet (preview, all or nothing), the set-password link, reset and change of a password."""

import re

import pytest
import xlsxwriter
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Office, User
from accounts.services import offices_create
from tests.factories import UserFactory, office_for


@pytest.fixture
def admin_user(geography):
    user = UserFactory(username="natadmin", office=office_for(Office.Level.NATIONAL), is_staff=True)
    return user


def _sheet(tmp_path, rows, header=("ชื่อ-นามสกุล", "อีเมล", "รหัสสำนักงาน", "บทบาท")):
    path = tmp_path / "invite.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, header)
    for index, row in enumerate(rows, start=1):
        sheet.write_row(index, 0, row)
    book.close()
    return path


def test_create_offices_makes_every_office_once(geography, capsys):
    call_command("create_offices")
    assert Office.objects.filter(level="province").count() == 2  # the test loads Lampang and Surat Thani
    assert Office.objects.filter(level="district").count() == 13 + 19
    assert Office.objects.filter(level="national").count() == 1
    assert Office.objects.get(district_id="5201").name == "สำนักงานพัฒนาชุมชนอำเภอเมืองลำปาง"
    assert offices_create() == {"national": 0, "province": 0, "district": 0}
    assert Office.objects.count() == 1 + 2 + 32


def test_invite_previews_then_creates_every_user_and_mails_a_link(client, admin_user, tmp_path,
                                                                  django_capture_on_commit_callbacks):
    offices_create()
    rows = [(f"นางสาวทดสอบ คนที่{n}", f"user{n}@example.org", "5201" if n % 2 else "52", "เจ้าหน้าที่")
            for n in range(30)]
    client.force_login(admin_user)
    with open(_sheet(tmp_path, rows), "rb") as handle:
        preview = client.post(reverse("invite"), {"file": handle})
    assert preview.status_code == 200
    assert len(preview.context["checked"]) == 30 and not preview.context["has_errors"]
    assert User.objects.count() == 1  # nothing written by the preview
    page = preview.content.decode()
    data = dict(re.findall(r'name="(r\d+-\w+|rows|csrfmiddlewaretoken)" value="([^"]*)"', page))
    data["confirm"] = "1"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("invite"), data)
    assert response.status_code == 302
    assert User.objects.filter(email__endswith="@example.org").count() == 30
    user = User.objects.get(email="user1@example.org")
    assert (user.username, user.first_name, user.last_name, user.office.district_id) == (
        "user1@example.org", "นางสาวทดสอบ", "คนที่1", "5201")
    assert not user.has_usable_password()
    assert len(mail.outbox) == 30
    [message] = [m for m in mail.outbox if m.to == ["user1@example.org"]]
    link = re.search(r"http\S+/password/reset/\S+/", message.body)[0]
    path = link.split("8000", 1)[1] if "8000" in link else link
    client.logout()
    form = client.get(path, follow=True)
    assert "ตั้งรหัสผ่าน" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": "ลำปาง-2569-ok", "new_password2": "ลำปาง-2569-ok"})
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    # The real login form (login throttling needs the request, which Client.login does not pass).
    logged_in = client.post(reverse("login"), {"username": "user1@example.org", "password": "ลำปาง-2569-ok"})
    assert logged_in.status_code == 302 and logged_in["Location"] == reverse("home")


def test_a_sheet_with_one_bad_row_invites_nobody(client, admin_user, tmp_path):
    offices_create()
    UserFactory(username="taken", email="taken@example.org")
    rows = [("นายหนึ่ง ใจดี", "one@example.org", "5201", "เจ้าหน้าที่"),
            ("นายสอง ใจดี", "taken@example.org", "5201", "เจ้าหน้าที่"),
            ("นายสาม ใจดี", "three@example.org", "9999", "เจ้าหน้าที่"),
            ("นายสี่ ใจดี", "ไม่ใช่อีเมล", "52", "ผู้ดูแลระบบ"),
            ("นายห้า ใจดี", "one@example.org", "52", "หัวหน้า")]
    client.force_login(admin_user)
    with open(_sheet(tmp_path, rows), "rb") as handle:
        preview = client.post(reverse("invite"), {"file": handle})
    checked = preview.context["checked"]
    assert preview.context["has_errors"]
    assert checked[0].errors == []
    assert checked[1].errors == ["อีเมล taken@example.org มีผู้ใช้ในระบบแล้ว"]
    assert "ไม่พบสำนักงานรหัส “9999”" in checked[2].errors[0]
    assert checked[3].errors[0] == "อีเมล “ไม่ใช่อีเมล” ไม่ถูกต้อง"
    assert checked[3].errors[1] == "ผู้ดูแลระบบต้องสังกัดกรมการพัฒนาชุมชน (รหัส 00)"
    assert "อีเมลซ้ำกับแถวที่ 2" in checked[4].errors and "บทบาท “หัวหน้า” ไม่รู้จัก" in checked[4].errors[1]
    assert 'name="confirm"' not in preview.content.decode()
    # a confirm posted anyway is checked again and refused whole
    data = {"rows": "2", "confirm": "1", "r0-name": "นายหนึ่ง ใจดี", "r0-email": "one@example.org",
            "r0-office_code": "5201", "r0-role": "เจ้าหน้าที่", "r1-name": "x", "r1-email": "taken@example.org",
            "r1-office_code": "5201", "r1-role": "เจ้าหน้าที่"}
    response = client.post(reverse("invite"), data)
    assert response.status_code == 200 and "แถวที่ 3" in " ".join(response.context["errors"])
    assert not User.objects.filter(email="one@example.org").exists()
    assert mail.outbox == []


@pytest.mark.parametrize("who", ["district", "province", "national_not_admin"])
def test_only_national_administrators_invite(client, users, who):
    user = users["national"] if who == "national_not_admin" else users[who]
    client.force_login(user)
    assert client.get(reverse("invite")).status_code == 403


def test_a_forgotten_password_is_reset_by_e_mail_and_changed_in_thai(client, district_user):
    district_user.email = "d@example.org"
    district_user.save()
    response = client.post(reverse("password_reset"), {"email": "D@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "ตั้งรหัสผ่าน" in mail.outbox[0].subject
    client.force_login(district_user)
    page = client.get(reverse("password_change")).content.decode()
    assert "รหัสผ่านเดิม" in page and "ยืนยันรหัสผ่านใหม่" in page
    bad = client.post(reverse("password_change"), {"old_password": "ผิด", "new_password1": "a", "new_password2": "b"})
    assert "รหัสผ่านเดิมไม่ถูกต้อง" in bad.content.decode()


def test_the_admin_pages_national_staff_use_read_in_thai(client, geography):
    admin = UserFactory(username="root", office=office_for(Office.Level.NATIONAL), is_staff=True, is_superuser=True)
    client.force_login(admin)
    listing = client.get("/admin/accounts/user/").content.decode()
    assert "พิมพ์เพื่อค้นหา" in listing and "Start typing to filter" not in listing
    assert "Show counts" not in listing
    adding = client.get("/admin/accounts/user/add/").content.decode()
    assert "จำเป็น ไม่เกิน 150 ตัวอักษร" in adding and "Required. 150 characters" not in adding
