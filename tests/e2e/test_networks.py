"""The Surat Thani letter's path in Debian's Chromium: a district officer builds a tambon committee
of 15+ from the tambon's groups and sees each rule turn green, marks it ready, builds the amphoe
committee from the tambon networks, names the two representatives, records the bank account,
enters a drive plan and submits it; the provincial officer sees the names and the plan."""

import importlib
import re

import pytest
from playwright.sync_api import expect

from networks.models import BankAccount, Committee, DrivePlan, Network, ProvinceRepresentatives
from tests.e2e.conftest import log_in
from tests.factories import GroupFactory, VillageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PEOPLE = [
    ("นาง", "บัวผัน", "ใจมา"), ("นาย", "สมาน", "ศรีวิชัย"), ("นาง", "มาลี", "ทองมา"), ("นาย", "ประยูร", "บุญยืน"),
    ("นางสาว", "กาญจนา", "คำภีร์"), ("นาง", "อำไพ", "นาคสุข"), ("นาย", "เสถียร", "รักษ์ไทย"), ("นาง", "สมพร", "ชูช่วย"),
    ("นาย", "ทองสุข", "แก้วประเสริฐ"), ("นาง", "สุนีย์", "ทองแก้ว"), ("นาย", "ชาญชัย", "แสงจันทร์"), ("นาง", "ประไพ", "พรหมทอง"),
    ("นาย", "วีระ", "ศรีสุข"), ("นาง", "รัชนี", "เพชรรัตน์"), ("นาย", "มานพ", "นวลแก้ว"), ("นาง", "อุไร", "ขุนทอง"),
]


@pytest.fixture
def seat_kinds(transactional_db):
    """The seat kinds migration 0002 creates: an earlier browser test's flush removes them, so
    load them again (idempotent)."""
    from django.apps import apps

    importlib.import_module("networks.migrations.0002_seat_kinds_of_the_draft_orders").load(apps, None)


@pytest.fixture
def surat_groups(geography, seat_kinds):
    """ตำบลตลาด (840101): six groups in four villages; ตำบลมะขามเตี้ย (840102): one group."""
    groups = []
    for moo, count in [(1, 2), (2, 2), (3, 1), (4, 1)]:
        village = VillageFactory(subdistrict_id="840101", moo=moo, code=f"840101{moo:02d}", name=f"บ้านตลาด{moo}")
        groups += [GroupFactory(village=village, name=f"กลุ่มออมทรัพย์เพื่อการผลิตบ้านตลาด{moo}-{n}") for n in range(count)]
    village = VillageFactory(subdistrict_id="840102", moo=1, code="84010201", name="บ้านมะขาม")
    groups.append(GroupFactory(village=village, name="กลุ่มออมทรัพย์เพื่อการผลิตบ้านมะขาม"))
    return groups


def rule(page, code):
    return page.locator(f"#rules [data-rule={code}]")


def fill_row(page, index, person, represents_index=None, seat=None):
    title, first, last = person
    if seat:
        page.select_option(f"#id_seats-{index}-seat_kind", label=seat)
    page.select_option(f"#id_seats-{index}-title", title)
    page.fill(f"#id_seats-{index}-first_name", first)
    page.fill(f"#id_seats-{index}-last_name", last)
    if represents_index is not None:
        page.select_option(f"#id_seats-{index}-represents", index=represents_index)


def test_district_builds_committees_names_representatives_and_submits_a_plan(
    page, browser, live_server, surat_groups, surat_district_user, other_province_user,
):
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, "d8401")
    page.get_by_role("link", name="เครือข่าย", exact=True).click()
    page.get_by_role("button", name="สร้างเครือข่ายที่ยังไม่มี (ระดับอำเภอ และตำบลที่มีกลุ่ม)").click()
    expect(page.get_by_text("สร้างเครือข่ายระดับอำเภอ 1 เครือข่าย ระดับตำบล 2 เครือข่าย")).to_be_visible()

    # The tambon committee: 15 people from the tambon's six groups, seats in the order's order.
    page.get_by_role("link", name="เครือข่ายกลุ่มออมทรัพย์เพื่อการผลิตตำบลตลาด").click()
    expect(page.locator("#members")).to_contain_text("กลุ่มสมาชิก (6 กลุ่ม)")
    page.get_by_role("link", name="+ ตั้งคณะกรรมการ (ระบุวันเริ่มวาระ)").click()
    page.get_by_label("วันเริ่มวาระ *").fill("24/07/2566")
    page.get_by_role("button", name="ตั้งคณะกรรมการ แล้วกรอกรายชื่อ").click()
    expect(page.locator("#id_seats-0-seat_kind option:checked")).to_have_text("ประธานเครือข่าย")
    expect(page.locator("#id_seats-5-seat_kind option:checked")).to_have_text("เหรัญญิก")
    expect(rule(page, "one_chair")).to_have_attribute("data-ok", "no")

    fill_row(page, 0, PEOPLE[0], 1)
    expect(rule(page, "one_chair")).to_have_attribute("data-ok", "yes")
    expect(rule(page, "tambon_min_people")).to_contain_text("มีกรรมการ 1 คน ต้องมีไม่น้อยกว่า 15 คน")
    for index in range(1, 14):
        fill_row(page, index, PEOPLE[index], (index % 6) + 1)
    expect(rule(page, "tambon_every_group")).to_have_attribute("data-ok", "yes")
    expect(rule(page, "tambon_every_village")).to_have_attribute("data-ok", "yes")
    expect(rule(page, "tambon_min_people")).to_contain_text("ขาดอีก 1 คน")
    # The same person twice is caught as typed.
    fill_row(page, 14, PEOPLE[0], 2)
    expect(rule(page, "one_seat_per_person")).to_have_attribute("data-ok", "no")
    expect(rule(page, "one_seat_per_person")).to_contain_text("นางบัวผัน ใจมา มีชื่ออยู่ 2 ตำแหน่ง")
    fill_row(page, 14, PEOPLE[14], 2)
    for code in ["one_chair", "seat_limits", "one_seat_per_person", "tambon_min_people", "tambon_every_village",
                 "tambon_every_group"]:
        expect(rule(page, code)).to_have_attribute("data-ok", "yes")
    expect(page.locator("#rules")).to_contain_text("ครบตามหลักเกณฑ์ทุกข้อ")
    page.get_by_role("button", name="บันทึกรายชื่อ").click()
    expect(page.get_by_text("บันทึกรายชื่อแล้ว ครบตามหลักเกณฑ์ทุกข้อ")).to_be_visible()
    expect(page.locator("#seats tbody tr")).to_have_count(15)
    page.get_by_role("button", name="ทำเครื่องหมาย “พร้อมออกคำสั่งแต่งตั้ง”").click()
    expect(page.get_by_text("เปลี่ยนสถานะเป็น “พร้อมออกคำสั่งแต่งตั้ง” แล้ว")).to_be_visible()
    tambon = Network.objects.get(subdistrict_id="840101")
    assert tambon.current_committee().status == Committee.Status.READY

    # The amphoe committee from the two tambon networks.
    page.get_by_role("link", name="‹ เครือข่ายกลุ่มออมทรัพย์เพื่อการผลิตตำบลตลาด").click()
    page.get_by_role("link", name="เครือข่ายกลุ่มออมทรัพย์เพื่อการผลิตอำเภอเมืองสุราษฎร์ธานี").first.click()
    page.get_by_role("link", name="+ ตั้งคณะกรรมการ (ระบุวันเริ่มวาระ)").click()
    page.get_by_label("วันเริ่มวาระ *").fill("28/07/2566")
    page.get_by_role("button", name="ตั้งคณะกรรมการ แล้วกรอกรายชื่อ").click()
    expect(rule(page, "amphoe_every_tambon")).to_have_attribute("data-ok", "no")
    for index in range(6):
        fill_row(page, index, PEOPLE[index + 10], (index % 2) + 1)
    expect(rule(page, "amphoe_every_tambon")).to_have_attribute("data-ok", "yes")
    page.get_by_role("button", name="บันทึกรายชื่อ").click()
    expect(page.locator("#seats tbody tr")).to_have_count(6)

    # The two representatives: the chair and one more member.
    page.get_by_role("link", name="‹ เครือข่ายกลุ่มออมทรัพย์เพื่อการผลิตอำเภอเมืองสุราษฎร์ธานี").click()
    page.get_by_role("link", name="แจ้งผู้แทนระดับจังหวัด").click()
    expect(page.locator("dl.facts")).to_contain_text("นายชาญชัย แสงจันทร์")
    page.get_by_label("กรรมการอีก 1 คน *").select_option(label="นายวีระ ศรีสุข (รองประธาน)")
    page.get_by_role("button", name="แจ้งผู้แทน").click()
    expect(page.locator("#representatives")).to_contain_text("นายชาญชัย แสงจันทร์ (ประธานเครือข่าย)")
    expect(page.locator("#representatives")).to_contain_text("นายวีระ ศรีสุข")

    # The bank account with its three signatories.
    page.get_by_role("link", name="บัญชีและการเงิน").click()
    expect(page.get_by_text("การถอนเงินต้องลงนาม 2 ใน 3 คน และประธานต้องลงนามทุกครั้ง")).to_be_visible()
    page.get_by_role("link", name="บันทึกบัญชีเงินฝาก").click()
    page.get_by_label("ธนาคาร *").select_option(label="ธนาคารกรุงไทย จำกัด (มหาชน)")
    page.get_by_label("สาขา").fill("สุราษฎร์ธานี")
    page.get_by_label("เลขที่บัญชี *").fill("808-0-12345-6")
    page.get_by_label("ผู้ลงนาม: ประธานเครือข่าย *").select_option(label="นายชาญชัย แสงจันทร์")
    page.get_by_label("ผู้ลงนาม: รองประธาน *").select_option(label="นางประไพ พรหมทอง")
    page.get_by_label("ผู้ลงนาม: เหรัญญิก *").select_option(label="นางอุไร ขุนทอง")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.locator("#account")).to_contain_text("808-0-12345-6")
    expect(page.locator("#account")).to_contain_text("นางอุไร ขุนทอง (เหรัญญิก)")

    # The drive plan for the fiscal year, submitted to the province.
    page.get_by_role("link", name="‹ เครือข่ายกลุ่มออมทรัพย์เพื่อการผลิตอำเภอเมืองสุราษฎร์ธานี").click()
    page.get_by_role("link", name="+ จัดทำแผนปีงบประมาณ").click()
    page.get_by_label("ปีงบประมาณ *").select_option(label="ปีงบประมาณ พ.ศ. 2570")
    page.get_by_role("button", name="สร้างแผน แล้วกรอกกิจกรรม").click()
    page.fill("#id_activities-0-name", "อบรมการจัดทำบัญชีกลุ่ม")
    page.fill("#id_activities-0-objective", "ให้กรรมการกลุ่มจัดทำบัญชีได้ถูกต้อง")
    page.select_option("#id_activities-0-month", label="มกราคม 2570")
    page.fill("#id_activities-0-budget", "15,000")
    page.fill("#id_activities-0-responsible", "เหรัญญิกเครือข่าย")
    page.get_by_role("button", name="บันทึกกิจกรรม").click()
    expect(page.locator("#activities")).to_contain_text("ม.ค. 2570")
    page.get_by_role("button", name="ส่งแผนให้จังหวัด").click()
    expect(page.get_by_text("ส่งจังหวัดแล้ว").first).to_be_visible()
    amphoe = Network.objects.get(level="amphoe", district_id="8401")
    assert DrivePlan.objects.get(network=amphoe).status == DrivePlan.Status.SUBMITTED
    assert ProvinceRepresentatives.objects.get(network=amphoe).member.first_name == "วีระ"
    assert BankAccount.objects.get(network=amphoe).signatories.count() == 3

    # The provincial officer sees the district's two names and its plan; the others are missing.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH", base_url=live_server.url)
    province_page = context.new_page()
    log_in(province_page, "p84")
    province_page.get_by_role("link", name="เครือข่าย", exact=True).click()
    row = province_page.locator("#districts tr", has_text="อำเภอเมืองสุราษฎร์ธานี")
    expect(row).to_contain_text("1. นายชาญชัย แสงจันทร์ (ประธานเครือข่าย)")
    expect(row).to_contain_text("2. นายวีระ ศรีสุข (รองประธาน)")
    expect(row).to_contain_text("ส่งจังหวัดแล้ว")
    expect(province_page.locator("#districts tbody tr")).to_have_count(19)
    expect(province_page.locator("#missing-reps")).to_contain_text("อำเภอกาญจนดิษฐ์")
    expect(province_page.locator("#missing-reps")).not_to_contain_text("อำเภอเมืองสุราษฎร์ธานี")
    expect(province_page.get_by_text("ส่งแผนการขับเคลื่อนแล้ว 1 จาก 19 อำเภอ")).to_be_visible()
    province_page.locator("#districts").get_by_role("link", name="ส่งจังหวัดแล้ว").click()
    expect(province_page).to_have_url(re.compile(r"/networks/plans/\d+/$"))
    expect(province_page.locator("#activities")).to_contain_text("อบรมการจัดทำบัญชีกลุ่ม")
    context.close()


def test_adding_seat_rows_keeps_the_names_already_typed(page, browser, live_server, surat_groups, surat_district_user):
    import datetime as dt

    from geo.models import District
    from networks import services

    services.district_networks_ensure(district=District.objects.get(code="8401"), actor=surat_district_user)
    tambon = Network.objects.get(subdistrict_id="840101")
    committee = services.committee_create(network=tambon, actor=surat_district_user, term_start=dt.date(2023, 7, 24))
    log_in(page, "d8401")
    page.goto(f"/networks/committees/{committee.pk}/seats/")
    rows = page.locator("#seat-rows tr")
    expect(rows).to_have_count(25)  # the order's 20 seats and 5 blank member rows
    fill_row(page, 0, PEOPLE[0], 1)
    page.get_by_role("button", name="+ เพิ่มแถวว่างอีก 10 แถว").click()
    expect(rows).to_have_count(35)
    expect(page).to_have_url(re.compile(rf"/networks/committees/{committee.pk}/seats/$"))
    expect(page.locator("#id_seats-0-first_name")).to_have_value("บัวผัน")
    expect(page.locator("input[name=seats-TOTAL_FORMS]")).to_have_value("35")
    expect(page.locator("#id_seats-34-seat_kind option:checked")).to_have_text("กรรมการ")
    expect(rows.nth(34).locator("td").first).to_have_text("35")
    expect(page.locator("#id_seats-25-first_name")).to_be_focused()
    fill_row(page, 30, PEOPLE[1], 2)
    expect(rule(page, "one_chair")).to_have_attribute("data-ok", "yes")
    page.get_by_role("button", name="บันทึกรายชื่อ").click()
    expect(page.locator("#seats tbody tr")).to_have_count(2)
    assert sorted(committee.holders.values_list("first_name", "seat_kind__code")) == [("บัวผัน", "chair"), ("สมาน", "member")]

    # Without JavaScript the same button posts the table back, unsaved, with ten blank rows more.
    context = browser.new_context(java_script_enabled=False, locale="th-TH", base_url=live_server.url)
    plain = context.new_page()
    log_in(plain, "d8401")
    plain.goto(f"/networks/committees/{committee.pk}/seats/")
    plain.fill("#id_seats-1-first_name", "มาลี")
    plain.get_by_role("button", name="+ เพิ่มแถวว่างอีก 10 แถว").click()
    expect(plain.locator("#seat-rows tr")).to_have_count(2 + 18 + 5 + 10)
    expect(plain.locator("#id_seats-1-first_name")).to_have_value("มาลี")
    expect(plain.get_by_text("เพิ่มแถวว่างแล้ว รายชื่อที่กรอกไว้ยังอยู่ครบ (ยังไม่บันทึก)")).to_be_visible()
    assert committee.holders.count() == 2
    context.close()
