"""A district officer in Debian's Chromium: edits a group and sees it in the history; cancels a
group; adds an activity with the date picker."""

import importlib
import re

import pytest
from playwright.sync_api import expect

from groups.models import ActivityType, GroupChange, SavingsGroup
from tests.e2e.conftest import log_in
from tests.factories import GroupFactory, VillageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def activity_types(transactional_db):
    """The live server needs a transactional database, whose flush between tests also wipes the
    activity types the migrations create: put the managed list back."""
    types = importlib.import_module("groups.migrations.0002_activity_types").TYPES
    for order, name in enumerate(types, start=1):
        ActivityType.objects.get_or_create(name=name, defaults={"order": order})


@pytest.fixture
def group(geography, activity_types):
    village = VillageFactory(subdistrict_id="520101", moo=3, code="52010103", name="โป่งแดง")
    return GroupFactory(code="5201010300", name="กลุ่มออมทรัพย์เพื่อการผลิตบ้านโป่งแดง", village=village,
                        members_total=189, members_men=90, members_women=99, savings_balance="864108.00")


def test_officer_edits_a_group_and_sees_the_change_in_the_history(page, group, district_user):
    log_in(page, "d5201")
    page.goto("/groups/")  # the first page after login is the home page
    expect(page.get_by_role("heading", name="กลุ่มออมทรัพย์เพื่อการผลิต", exact=True)).to_be_visible()
    page.get_by_label("ค้นหา").fill("โป่งแดง")
    page.get_by_role("button", name="ค้นหา").click()
    page.get_by_role("link", name="กลุ่มออมทรัพย์เพื่อการผลิตบ้านโป่งแดง").click()
    expect(page).to_have_url(re.compile(rf"/groups/{group.pk}/$"))

    page.get_by_role("link", name="แก้ไขข้อมูลกลุ่ม").click()
    expect(page.get_by_label("เงินสัจจะสะสม (บาท) *")).to_have_value("864,108.00")
    page.get_by_label("จำนวนสมาชิก (คน) *").fill("195")
    page.get_by_label("เงินสัจจะสะสม (บาท) *").fill("900,250.75")
    page.get_by_role("button", name="บันทึก", exact=True).click()

    expect(page.get_by_text("บันทึกการแก้ไขแล้ว")).to_be_visible()
    history = page.locator("#history")
    expect(history).to_contain_text("แก้ไขข้อมูล · โดย ทดสอบ ผู้ใช้ (แบบฟอร์ม)")
    expect(history.get_by_text("จำนวนสมาชิก (คน): 189 → 195")).to_be_visible()
    expect(history.get_by_text("เงินสัจจะสะสม (บาท): 864,108.00 → 900,250.75")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("900,250.75 บาท")
    assert SavingsGroup.objects.get(pk=group.pk).members_total == 195


def test_officer_adds_an_activity_with_the_date_picker_and_cancels_the_group(page, group, district_user):
    log_in(page, "d5201")
    page.goto(f"/groups/{group.pk}/")
    page.get_by_role("link", name="+ เพิ่มกิจกรรม").click()
    page.get_by_label("ประเภทกิจกรรม *").select_option(label="กองทุนสวัสดิการ")
    page.get_by_label("ชื่อกิจกรรม *").fill("กองทุนสวัสดิการสมาชิกบ้านโป่งแดง")
    # The picker speaks ISO; the box beside it shows the Buddhist Era date.
    page.locator("[data-for=id_started_on]").fill("2022-10-01")
    expect(page.locator("#id_started_on")).to_have_value("01/10/2565")
    page.get_by_label("ทุนดำเนินการ (บาท) *").fill("45,000")
    page.get_by_label("สมาชิกที่เข้าร่วม (คน) *").fill("40")
    page.get_by_role("button", name="บันทึกกิจกรรม").click()

    expect(page.get_by_text("เพิ่มกิจกรรมแล้ว")).to_be_visible()
    row = page.locator("table tr", has_text="กองทุนสวัสดิการสมาชิกบ้านโป่งแดง")
    expect(row).to_contain_text("1 ต.ค. 2565")
    expect(row).to_contain_text("45,000.00")

    page.get_by_role("link", name="ยกเลิกกลุ่ม").click()
    page.get_by_role("button", name="ยืนยันการยกเลิกกลุ่ม").click()
    expect(page.get_by_text("กรุณาระบุเหตุผลที่ยกเลิกกลุ่ม")).to_be_visible()
    page.get_by_label("เหตุผลที่ยกเลิก").fill("กลุ่มมีมติเลิกดำเนินการ")
    page.get_by_role("button", name="ยืนยันการยกเลิกกลุ่ม").click()

    expect(page.locator(".badge.bad")).to_have_text("ยกเลิก")
    expect(page.locator("#history")).to_contain_text("ยกเลิกกลุ่ม · โดย ทดสอบ ผู้ใช้ (แบบฟอร์ม) · กลุ่มมีมติเลิกดำเนินการ")
    assert [c.action for c in GroupChange.objects.filter(group=group).order_by("pk")] == ["activity_added", "cancelled"]

    page.goto("/groups/")
    expect(page.get_by_text("ไม่พบกลุ่มที่ตรงกับเงื่อนไข")).to_be_visible()
    page.get_by_label("สถานะ").select_option(label="ยกเลิก")
    expect(page.get_by_role("link", name="กลุ่มออมทรัพย์เพื่อการผลิตบ้านโป่งแดง")).to_be_visible()


def test_the_village_list_follows_the_chosen_tambon(page, group, district_user):
    VillageFactory(subdistrict_id="520102", moo=5, code="52010205", name="หัวเวียงใต้")
    log_in(page, "d5201")
    page.goto("/groups/")
    page.get_by_label("ตำบล").select_option(label="หัวเวียง")
    expect(page.locator("#id_village option")).to_have_text(["ทุกหมู่บ้าน", "หมู่ที่ 5 หัวเวียงใต้"])
    expect(page).to_have_url(re.compile(r"subdistrict=520102"))

    page.goto("/groups/new/")
    page.get_by_label("ตำบล *").select_option(label="เวียงเหนือ")
    page.get_by_role("button", name="หมู่ที่ 3 โป่งแดง").click()
    expect(page.get_by_label("หมู่ที่ *")).to_have_value("3")
    expect(page.get_by_label("ชื่อหมู่บ้าน")).to_have_value("โป่งแดง")
