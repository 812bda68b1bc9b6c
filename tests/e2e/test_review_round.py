"""A review round walked in the browser: the district classifies and submits, the province returns
it with a reason, the district fixes and resubmits, the province accepts, and the removed groups
leave the default group list but stay visible with their reason."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from accounts.models import Office
from geo.models import Subdistrict
from groups.models import SavingsGroup
from reviews import services
from reviews.models import Submission
from tests.e2e.conftest import PASSWORD, log_in
from tests.factories import GroupFactory, UserFactory, VillageFactory, office_for

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _settings(settings):
    # Pages are rendered without `collectstatic`; test users get a fast password hasher.
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _user(username, office):
    user = UserFactory(username=username, office=office)
    user.set_password(PASSWORD)  # saved explicitly: the factory's post-generation call is not saved
    user.save()
    return user


@pytest.fixture
def round_setup(geography):
    district = _user("d5201", office_for(Office.Level.DISTRICT, district="5201"))
    province = _user("p52", office_for(Office.Level.PROVINCE, province="52"))
    village = VillageFactory(subdistrict=Subdistrict.objects.get(code="520101"), moo=1, name="บ้านดอนแก้ว")
    for code, name in [("A1", "กลุ่มออมทรัพย์เพื่อการผลิตบ้านร้าง"), ("B1", "กลุ่มออมทรัพย์เพื่อการผลิตบ้านดื้อ"),
                       ("C1", "กลุ่มออมทรัพย์เพื่อการผลิตบ้านดี"), ("D1", "กลุ่มออมทรัพย์เพื่อการผลิตบ้านดีมาก")]:
        GroupFactory(code=code, name=name, village=village)
    round_ = services.round_open(actor=province, title="ทบทวนฐานข้อมูล ปี ๒๕๖๗", reference_number="ลป ๐๐๑๙.๔/ว ๒๗๕๓๐",
                                 letter_date=dt.date(2024, 11, 21), due_on=dt.date(2099, 12, 9))
    return round_, district, province


def _log_out(page):
    page.get_by_role("button", name="ออกจากระบบ").click()
    page.wait_for_url("**/login/**")


def _classify(page, group_name):
    page.locator("tr", has_text=group_name).get_by_role("link", name="จัดประเภท").click()
    page.wait_for_url("**/groups/**")


def test_district_submits_province_returns_district_resubmits_province_accepts(page, round_setup):
    round_, _district, _province = round_setup
    page.on("dialog", lambda dialog: dialog.accept())

    # The district classifies: one defunct group, the rest compliant in one bulk action, and submits.
    log_in(page, "d5201")
    page.get_by_role("link", name="ทบทวนฐานข้อมูล").first.click()
    page.get_by_role("link", name=round_.title).click()
    page.wait_for_url("**/reviews/submissions/**")
    _classify(page, "บ้านร้าง")
    page.get_by_label("ประเภทที่ 3 ไม่มีการดำเนินงานแล้ว/ยกเลิกแล้ว").check()
    page.get_by_role("button", name="บันทึกประเภท").click()
    expect(page.get_by_text("กรุณาเลือกเหตุผลที่จัดเป็นประเภทที่ 3")).to_be_visible()
    page.get_by_label("ไม่มีการดำเนินงานแล้ว", exact=True).check()
    page.get_by_role("button", name="บันทึกประเภท").click()
    page.wait_for_url("**/reviews/submissions/*/#review-*")
    page.get_by_label("ประเภท", exact=True).select_option("none")
    page.get_by_role("button", name="กรอง", exact=True).click()
    page.wait_for_url("**category=none**")
    page.get_by_role("button", name="ทั้งหมด 3 กลุ่มที่ตรงกับตัวกรอง").click()
    page.get_by_role("button", name="ยืนยันจัดเป็นประเภทที่ 1 จำนวน 3 กลุ่ม").click()
    expect(page.get_by_text("จัดเป็นประเภทที่ 1 แล้ว 3 กลุ่ม")).to_be_visible()
    page.get_by_role("link", name="ส่งผลการทบทวนให้จังหวัด").click()
    page.get_by_label("เลขที่หนังสือของอำเภอ").fill("ลป ๐๐๑๙.๑/๓๐๑๒")
    page.get_by_role("button", name="ส่งผลการทบทวนให้จังหวัด").click()
    expect(page.get_by_text("ส่งผลการทบทวนของอำเภอเมืองลำปางให้จังหวัดแล้ว")).to_be_visible()
    _log_out(page)

    # The province returns it with a reason.
    log_in(page, "p52")
    page.goto(f"/reviews/{round_.pk}/")
    page.get_by_role("link", name="อำเภอเมืองลำปาง").click()
    page.get_by_role("link", name="ส่งกลับให้แก้ไข").click()
    page.get_by_role("button", name="ส่งกลับให้แก้ไข").click()
    expect(page.get_by_text("กรุณาระบุเหตุผลที่ส่งกลับให้อำเภอแก้ไข").first).to_be_visible()
    page.get_by_label("เหตุผลที่ส่งกลับให้อำเภอแก้ไข").fill("กลุ่มบ้านดื้อไม่ประสงค์ดำเนินการตามระเบียบฯ แล้ว")
    page.get_by_role("button", name="ส่งกลับให้แก้ไข").click()
    expect(page.get_by_text("ส่งผลการทบทวนของอำเภอเมืองลำปางกลับให้แก้ไขแล้ว")).to_be_visible()
    _log_out(page)

    # The district sees the reason, fixes the group and resubmits.
    log_in(page, "d5201")
    page.goto("/reviews/")
    page.get_by_role("link", name=round_.title).click()
    assert page.locator(".error-box").inner_text() == (
        "จังหวัดส่งกลับให้แก้ไข: กลุ่มบ้านดื้อไม่ประสงค์ดำเนินการตามระเบียบฯ แล้ว")
    _classify(page, "บ้านดื้อ")
    page.get_by_label("ประเภทที่ 2 ไม่ได้ดำเนินการตามระเบียบฯ").check()
    page.get_by_label("ไม่มีการประชุมใหญ่สามัญประจำปี").check()
    page.get_by_label("พัฒนากรผู้ติดตาม (ประเภทที่ 2)").fill("นางสาวศิริพร ทองมา")
    page.get_by_label("ติดตามครั้งถัดไปวันที่ (ประเภทที่ 2)").fill("15/01/2568")
    page.get_by_label("ไม่ประสงค์ดำเนินการตามระเบียบฯ (ยกเลิกกลุ่ม)").check()
    page.get_by_role("button", name="บันทึกประเภท").click()
    page.get_by_role("link", name="ส่งผลการทบทวนให้จังหวัด").click()
    page.get_by_role("button", name="ส่งผลการทบทวนให้จังหวัด").click()
    expect(page.get_by_text("ส่งผลการทบทวนของอำเภอเมืองลำปางให้จังหวัดแล้ว")).to_be_visible()
    _log_out(page)

    # The province accepts: the defunct and the refusing group leave the active registry.
    log_in(page, "p52")
    page.goto(f"/reviews/{round_.pk}/")
    page.get_by_role("link", name="อำเภอเมืองลำปาง").click()
    page.get_by_role("button", name="รับผลการทบทวน").click()
    expect(page.get_by_text("นำกลุ่มออกจากฐานข้อมูล 2 กลุ่ม")).to_be_visible()
    assert Submission.objects.get(round=round_, district_id="5201").status == "accepted"

    page.goto("/groups/")
    listed = page.locator("#results tbody").inner_text()
    assert "บ้านดี" in listed and "บ้านร้าง" not in listed and "บ้านดื้อ" not in listed
    page.goto("/groups/?status=removed")
    removed = page.locator("#results tbody").inner_text()
    assert "บ้านร้าง" in removed and "บ้านดื้อ" in removed and "บ้านดีมาก" not in removed
    page.get_by_role("link", name="กลุ่มออมทรัพย์เพื่อการผลิตบ้านร้าง").click()
    expect(page.get_by_text("ประเภทที่ 3 ไม่มีการดำเนินงานแล้ว/ยกเลิกแล้ว · ไม่มีการดำเนินงานแล้ว").first).to_be_visible()
    assert page.locator(".error-box").first.inner_text().startswith("นำออกจากฐานข้อมูล")
    assert SavingsGroup.objects.get(code="B1").status_reason.endswith(
        "ประเภทที่ 2 ไม่ได้ดำเนินการตามระเบียบฯ · ไม่มีการประชุมใหญ่สามัญประจำปี")


CAT2 = {"category": 2, "issues": ["meeting"], "note": "", "follow_up_officer": "นางสาวศิริพร ทองมา",
        "next_follow_up_on": dt.date(2025, 1, 15), "intention": "correct"}


def test_follow_up_compliant_and_refusing_groups_then_the_province_removes(page, round_setup):
    round_, district, province = round_setup
    submission = round_.submissions.get(district_id="5201")
    reviews = {r.group.code: r for r in submission.reviews.select_related("group")}
    for code in ("A1", "B1"):
        services.review_classify(review=reviews[code], actor=district, data=CAT2)
    services.reviews_mark_compliant(submission=submission, actor=district,
                                    review_ids=[reviews["C1"].pk, reviews["D1"].pk])
    SavingsGroup.objects.filter(code="A1").update(under_regulation=False)
    services.submission_submit(submission=submission, actor=district, signer_role="chief", signer_name="นายสมชาย",
                               signer_position="นายอำเภอ", letter_number="ลป ๐๐๑๙.๑/๑", letter_date=dt.date.today())
    services.submission_accept(submission=submission, actor=province)
    page.on("dialog", lambda dialog: dialog.accept())
    today = dt.date.today()
    visited = f"{today.day:02d}/{today.month:02d}/{today.year + 543}"

    log_in(page, "d5201")
    page.goto(f"/reviews/{round_.pk}/follow-up/")
    expect(page.locator("tr", has_text="บ้านร้าง").get_by_text("เลยกำหนด")).to_be_visible()  # due 15 Jan 2568
    page.locator("tr", has_text="บ้านร้าง").get_by_role("link", name="บันทึกการติดตาม").click()
    page.get_by_label("วันที่ติดตาม", exact=False).first.fill(visited)
    page.get_by_label("ดำเนินการตามระเบียบฯ แล้ว (เปลี่ยนเป็นประเภทที่ 1)").check()
    page.get_by_label("บันทึกการติดตาม").fill("เลือกตั้งคณะกรรมการครบแล้ว")
    page.get_by_role("button", name="บันทึกการติดตาม").click()
    expect(page.get_by_text("บันทึกการติดตาม “กลุ่มออมทรัพย์เพื่อการผลิตบ้านร้าง” แล้ว")).to_be_visible()
    expect(page.locator("tr", has_text="บ้านร้าง").get_by_text("ดำเนินการตามระเบียบฯ แล้ว")).to_be_visible()
    page.locator("tr", has_text="บ้านดื้อ").get_by_role("link", name="บันทึกการติดตาม").click()
    page.get_by_label("วันที่ติดตาม", exact=False).first.fill(visited)
    page.get_by_label("ไม่ประสงค์ดำเนินการตามระเบียบฯ (เสนอจังหวัดนำออกจากฐานข้อมูล)").check()
    page.get_by_role("button", name="บันทึกการติดตาม").click()
    expect(page.get_by_text("กรุณาบันทึกเหตุผลที่กลุ่มไม่ประสงค์ดำเนินการตามระเบียบฯ")).to_be_visible()
    page.get_by_label("บันทึกการติดตาม").fill("สมาชิกมีมติไม่ดำเนินการตามระเบียบฯ")
    page.get_by_role("button", name="บันทึกการติดตาม").click()
    assert SavingsGroup.objects.get(code="A1").under_regulation is True
    _log_out(page)

    log_in(page, "p52")
    page.goto(f"/reviews/{round_.pk}/follow-up/")
    summary = page.locator("table.summary tbody tr").first.inner_text()
    assert summary.split("\t")[:2] == ["เมืองลำปาง", "2"]
    page.locator("tr", has_text="บ้านดื้อ").get_by_role("link", name="นำออกจากฐานข้อมูล").click()
    page.get_by_label("เหตุผลที่นำกลุ่มออกจากฐานข้อมูล").fill("ตามผลการติดตามของอำเภอ")
    page.get_by_role("button", name="นำออกจากฐานข้อมูล").click()
    expect(page.get_by_text("นำ “กลุ่มออมทรัพย์เพื่อการผลิตบ้านดื้อ” ออกจากฐานข้อมูลแล้ว")).to_be_visible()
    assert SavingsGroup.objects.get(code="B1").status == "removed"


def test_a_group_recorded_after_the_round_opened_must_be_added_and_classified(page, round_setup):
    round_, district, _province = round_setup
    village = SavingsGroup.objects.get(code="A1").village
    GroupFactory(code="N1", name="กลุ่มออมทรัพย์เพื่อการผลิตบ้านใหม่", village=village)
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, "d5201")
    page.goto(f"/reviews/submissions/{round_.submissions.get(district_id='5201').pk}/")
    expect(page.get_by_text("1 กลุ่มที่ดำเนินการอยู่ของอำเภอยังไม่อยู่ในรอบนี้")).to_be_visible()
    page.get_by_role("button", name="เพิ่ม 1 กลุ่มเข้ารอบ").click()
    expect(page.get_by_text("เพิ่มกลุ่มใหม่เข้ารอบแล้ว 1 กลุ่ม")).to_be_visible()
    assert "บ้านใหม่" in page.locator("#results tbody").inner_text()
