"""Tried as a new user would, on a phone (390 px): a district officer logs in, sees the province's
reason on the home page, fixes the groups and resubmits; the provincial officer's home shows the
submission waiting. And a national administrator on a fresh install creates every office, invites
30 users from a spreadsheet, and one of them sets a password from the e-mailed link and logs in."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
import xlsxwriter
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Office, User
from geo.models import Subdistrict
from reviews import services
from reviews.models import Submission
from tests.e2e.conftest import PASSWORD, log_in
from tests.factories import GroupFactory, UserFactory, VillageFactory, office_for
from tests.reviews.conftest import classify_all, submit

pytestmark = pytest.mark.e2e

REASON = "กลุ่มบ้านดื้อไม่ได้ประชุมใหญ่มาสองปี ขอให้จัดเป็นประเภทที่ 2 พร้อมวันที่ติดตาม"


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="th-TH", base_url=live_server.url,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _user(username, office, **extra):
    user = UserFactory(username=username, office=office, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


def _log_out(page):
    page.locator(".menu-button").click()
    page.get_by_role("button", name="ออกจากระบบ").click()
    page.wait_for_url("**/login/**")


def test_district_fixes_a_returned_submission_from_the_home_page_on_a_phone(phone, geography):
    district = _user("d5201", office_for(Office.Level.DISTRICT, district="5201"))
    _user("p52", office_for(Office.Level.PROVINCE, province="52"))
    province = User.objects.get(username="p52")
    village = VillageFactory(subdistrict=Subdistrict.objects.get(code="520101"), moo=1, name="บ้านดอนแก้ว")
    for code, name in [("A1", "กลุ่มออมทรัพย์เพื่อการผลิตบ้านดื้อ"), ("B1", "กลุ่มออมทรัพย์เพื่อการผลิตบ้านดี")]:
        GroupFactory(code=code, name=name, village=village)
    today = timezone.localdate()
    round_ = services.round_open(actor=province, title="ทบทวนฐานข้อมูลปีนี้", reference_number="ลป 1/2569",
                                 letter_date=today - dt.timedelta(days=10), due_on=today + dt.timedelta(days=3))
    submission = round_.submissions.get(district_id="5201")
    classify_all(submission, district, now=timezone.now())
    submit(submission, district, now=timezone.now())
    services.submission_return(submission=submission, actor=province, reason=REASON)

    page = phone
    log_in(page, "d5201")
    assert urlsplit(page.url).path == "/"  # the home page is the first page after login
    expect(page.locator("#returned-reason")).to_contain_text(REASON)
    expect(page.locator("#round")).to_contain_text("เหลือ 3 วัน")
    expect(page.locator("#notices")).to_contain_text("จังหวัดส่งผลการทบทวนกลับให้แก้ไข")
    page.get_by_role("link", name="ดูผลการทบทวนทั้งหมด").click()
    page.wait_for_url("**/reviews/submissions/**")
    page.locator("tr", has_text="บ้านดื้อ").get_by_role("link", name="จัดประเภท").click()
    page.get_by_label("ประเภทที่ 2 ไม่ได้ดำเนินการตามระเบียบฯ").check()
    page.get_by_label("ไม่มีการประชุมใหญ่สามัญประจำปี").check()
    page.get_by_label("พัฒนากรผู้ติดตาม (ประเภทที่ 2)").fill("นางสาวศิริพร ทองมา")
    page.get_by_label("ติดตามครั้งถัดไปวันที่ (ประเภทที่ 2)").fill("15/01/2570")
    page.get_by_label("ปรับปรุงแก้ไขให้เป็นไปตามระเบียบฯ").check()
    page.get_by_role("button", name="บันทึกประเภท").click()
    page.wait_for_url("**/reviews/submissions/*/**")
    page.get_by_role("link", name="ส่งผลการทบทวนให้จังหวัด").click()
    page.get_by_role("button", name="ส่งผลการทบทวนให้จังหวัด").click()
    expect(page.get_by_text("ส่งผลการทบทวนของอำเภอเมืองลำปางให้จังหวัดแล้ว")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert Submission.objects.get(pk=submission.pk).status == Submission.Status.SUBMITTED
    _log_out(page)

    log_in(page, "p52")
    waiting = page.locator("#waiting")
    expect(waiting).to_contain_text("อำเภอเมืองลำปาง")
    expect(page.locator("#notices")).to_contain_text("อำเภอเมืองลำปาง ส่งผลการทบทวนแล้ว")
    waiting.get_by_role("link", name="อำเภอเมืองลำปาง").click()
    expect(page.get_by_role("button", name="รับผลการทบทวน")).to_be_visible()


def test_national_administrator_sets_up_the_country_and_an_invited_user_logs_in(phone, geography, tmp_path, settings):
    settings.SITE_URL = ""  # links in the e-mails are relative to the test server
    call_command("create_offices")
    assert Office.objects.filter(level="district").count() == 32
    _user("root", Office.objects.get(level="national"), is_staff=True, is_superuser=True)
    path = tmp_path / "users.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["ชื่อ-นามสกุล", "อีเมล", "รหัสสำนักงาน", "บทบาท"])
    codes = [o.district_id for o in Office.objects.filter(level="district").order_by("district_id")][:28] + ["52", "84"]
    for n, code in enumerate(codes, start=1):
        sheet.write_row(n, 0, [f"นางสาวพัฒนากร ทดสอบ{n}", f"officer{n}@example.org", code, "เจ้าหน้าที่"])
    book.close()

    page = phone
    log_in(page, "root")
    page.goto("/accounts/invite/")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="ตรวจสอบรายชื่อ").click()
    expect(page.locator("#preview")).to_contain_text("ตรวจสอบก่อนเชิญ: 30 คน")
    assert User.objects.count() == 1
    page.get_by_role("button", name="เชิญทั้ง 30 คน").click()
    expect(page.get_by_text("เชิญผู้ใช้ 30 คนแล้ว")).to_be_visible()
    assert User.objects.filter(email__endswith="@example.org").count() == 30
    assert len(mail.outbox) == 30
    _log_out(page)

    [message] = [m for m in mail.outbox if m.to == ["officer1@example.org"]]
    link = re.search(r"/password/reset/\S+/", message.body)[0]
    page.goto(link)
    expect(page.get_by_role("heading", name="ตั้งรหัสผ่าน")).to_be_visible()
    page.get_by_label("รหัสผ่านใหม่", exact=True).fill("ลำปาง-2569-ดี")
    page.get_by_label("ยืนยันรหัสผ่านใหม่").fill("ลำปาง-2569-ดี")
    page.get_by_role("button", name="ตั้งรหัสผ่าน").click()
    expect(page.get_by_role("heading", name="ตั้งรหัสผ่านแล้ว")).to_be_visible()
    log_in(page, "officer1@example.org", "ลำปาง-2569-ดี")
    expect(page.get_by_role("heading", name=re.compile("งานของสำนักงานพัฒนาชุมชนอำเภอ"))).to_be_visible()
