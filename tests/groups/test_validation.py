"""Bad input on the group and activity forms: a Thai message next to the field, nothing saved."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core import thai
from groups.models import SavingsGroup
from tests.factories import GroupFactory, VillageFactory
from tests.groups.helpers import activity_form_data, database_state, group_form_data


def _post_create(client, user, **overrides):
    client.force_login(user)
    before = database_state()
    response = client.post(reverse("groups:create"), group_form_data(**overrides))
    assert response.status_code == 200
    assert database_state() == before
    return response.context["form"].errors


def test_a_new_group_with_thai_input_is_saved_with_its_new_village(client, district_user):
    client.force_login(district_user)
    response = client.post(reverse("groups:create"), group_form_data())
    group = SavingsGroup.objects.get(code="5201019901")
    assert response["Location"] == reverse("groups:detail", args=[group.pk])
    assert (group.village.code, group.village.moo, group.village.name) == ("52010109", 9, "บ้านใหม่พัฒนา")
    assert group.founded_on == dt.date(1987, 3, 15)
    assert group.figures_as_of == dt.date(2024, 9, 30)
    assert str(group.savings_balance) == "1234567.50"
    assert str(group.loans_outstanding) == "800000.00"


def test_unknown_village_without_a_name_is_refused(client, district_user):
    errors = _post_create(client, district_user, moo=17, village_name="")
    assert errors == {"village_name": ["ยังไม่มีหมู่ที่ 17 ของตำบลเวียงเหนือ ในทะเบียน กรุณากรอกชื่อหมู่บ้าน"]}


def test_known_village_needs_no_name(client, district_user):
    VillageFactory(subdistrict_id="520101", moo=4, code="52010104", name="บ้านป่าตาล")
    client.force_login(district_user)
    response = client.post(reverse("groups:create"), group_form_data(moo=4, village_name=""))
    assert response.status_code == 302
    assert SavingsGroup.objects.get(code="5201019901").village.name == "บ้านป่าตาล"


def test_tambon_outside_the_district_is_refused(client, district_user):
    # 520201 บ้านดง lies in amphoe แม่เมาะ, not the officer's เมืองลำปาง.
    errors = _post_create(client, district_user, subdistrict="520201")
    assert errors == {"subdistrict": ["ตำบลนี้ไม่อยู่ในเขตพื้นที่ที่ท่านดูแล"]}


def test_moving_a_group_to_a_tambon_outside_the_district_is_refused(client, district_user):
    group = GroupFactory()
    client.force_login(district_user)
    before = database_state()
    response = client.post(reverse("groups:edit", args=[group.pk]), group_form_data(group, subdistrict="840101"))
    assert response.context["form"].errors == {"subdistrict": ["ตำบลนี้ไม่อยู่ในเขตพื้นที่ที่ท่านดูแล"]}
    assert database_state() == before


def test_duplicate_group_code_is_refused(client, district_user):
    GroupFactory(code="5201019901")
    errors = _post_create(client, district_user)
    assert errors == {"code": ["รหัสกลุ่มนี้มีอยู่แล้วในทะเบียน"]}


@pytest.mark.parametrize("field", ["savings_balance", "loans_outstanding"])
def test_negative_amounts_are_refused(client, district_user, field):
    errors = _post_create(client, district_user, **{field: "-1,000.00"})
    assert errors == {field: ["จำนวนเงินต้องไม่ติดลบ"]}


@pytest.mark.parametrize("field", ["members_total", "members_men", "members_women"])
def test_negative_member_counts_are_refused(client, district_user, field):
    errors = _post_create(client, district_user, **{field: -3})
    assert errors[field] == ["จำนวนต้องไม่ติดลบ"]


def test_an_amount_that_is_not_a_number_is_refused(client, district_user):
    errors = _post_create(client, district_user, savings_balance="หนึ่งแสน")
    assert errors == {"savings_balance": ["กรุณากรอกจำนวนเงินเป็นตัวเลข เช่น 1,234.50"]}


def test_amounts_in_thai_digits_are_read(client, district_user):
    client.force_login(district_user)
    client.post(reverse("groups:create"), group_form_data(savings_balance="๑๒,๕๐๐.๒๕ บาท"))
    assert str(SavingsGroup.objects.get(code="5201019901").savings_balance) == "12500.25"


def test_men_and_women_more_than_the_total_are_refused(client, district_user):
    errors = _post_create(client, district_user, members_total=100, members_men=60, members_women=50)
    assert errors == {"members_total": ["ชาย 60 + หญิง 50 = 110 คน มากกว่าจำนวนสมาชิกทั้งหมด 100 คน"]}


def test_a_founding_date_in_the_future_is_refused(client, district_user):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    errors = _post_create(client, district_user, founded_on=thai.format_date(tomorrow, "numeric"))
    assert errors == {"founded_on": ["วันที่จัดตั้งต้องไม่เป็นวันในอนาคต"]}


def test_figures_dated_in_the_future_are_refused(client, district_user):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    errors = _post_create(client, district_user, figures_as_of=tomorrow.isoformat())
    assert errors == {"figures_as_of": ["วันที่ของข้อมูลต้องไม่เป็นวันในอนาคต"]}


def test_an_impossible_date_is_refused_in_thai(client, district_user):
    errors = _post_create(client, district_user, founded_on="31/02/2530")
    assert errors == {"founded_on": ["ไม่มีวันที่นี้ในปฏิทิน: เดือนกุมภาพันธ์ 2530 ไม่มีวันที่ 31"]}


def test_required_fields_say_what_is_missing(client, district_user):
    errors = _post_create(client, district_user, code="", name="", subdistrict="", moo="")
    assert errors == {
        "code": ["กรุณากรอกรหัสกลุ่ม"], "name": ["กรุณากรอกชื่อกลุ่ม"], "subdistrict": ["กรุณาเลือกตำบล"],
        "moo": ["กรุณากรอกหมู่ที่"],
    }


def test_the_form_page_lists_the_fields_to_correct(client, district_user):
    client.force_login(district_user)
    response = client.post(reverse("groups:create"), group_form_data(savings_balance="-5", founded_on="30/02/2530"))
    html = response.content.decode()
    assert "ยังไม่ได้บันทึก กรุณาแก้ไขช่องที่มีข้อความสีแดงด้านล่าง" in html
    assert '<a href="#id_founded_on">วันที่จัดตั้ง</a>' in html
    assert '<a href="#id_savings_balance">เงินสัจจะสะสม (บาท)</a>' in html
    assert "จำนวนเงินต้องไม่ติดลบ" in html


def test_a_refused_edit_keeps_the_groups_own_name_in_the_heading(client, district_user):
    group = GroupFactory(name="กลุ่มออมทรัพย์บ้านหัวฝาย")
    client.force_login(district_user)
    response = client.post(reverse("groups:edit", args=[group.pk]),
                           group_form_data(group, name="ชื่อที่พิมพ์ใหม่", savings_balance="-1"))
    assert response.context["group"].name == "กลุ่มออมทรัพย์บ้านหัวฝาย"
    assert SavingsGroup.objects.get(pk=group.pk).name == "กลุ่มออมทรัพย์บ้านหัวฝาย"


def test_activity_with_negative_capital_is_refused(client, district_user):
    group = GroupFactory()
    client.force_login(district_user)
    before = database_state()
    response = client.post(reverse("groups:activity_create", args=[group.pk]), activity_form_data(capital="-500"))
    assert response.status_code == 200
    assert response.context["form"].errors == {"capital": ["จำนวนเงินต้องไม่ติดลบ"]}
    assert database_state() == before


def test_activity_needs_a_type_and_a_name(client, district_user):
    group = GroupFactory()
    client.force_login(district_user)
    before = database_state()
    response = client.post(reverse("groups:activity_create", args=[group.pk]),
                           activity_form_data(activity_type="", name=""))
    assert response.context["form"].errors == {"activity_type": ["กรุณาเลือกประเภทกิจกรรม"],
                                               "name": ["กรุณากรอกชื่อกิจกรรม"]}
    assert database_state() == before


def test_cancel_needs_a_reason(client, district_user):
    group = GroupFactory()
    client.force_login(district_user)
    before = database_state()
    response = client.post(reverse("groups:cancel", args=[group.pk]), {"reason": "  "})
    assert response.context["form"].errors == {"reason": ["กรุณาระบุเหตุผลที่ยกเลิกกลุ่ม"]}
    assert database_state() == before


def test_cancelling_a_cancelled_group_is_refused_in_thai(client, district_user):
    group = GroupFactory(status=SavingsGroup.Status.CANCELLED)
    client.force_login(district_user)
    before = database_state()
    response = client.post(reverse("groups:cancel", args=[group.pk]), {"reason": "ซ้ำ"})
    assert response.context["form"].errors == {"__all__": ["เปลี่ยนสถานะจาก “ยกเลิก” เป็น “ยกเลิก” ไม่ได้"]}
    assert database_state() == before
