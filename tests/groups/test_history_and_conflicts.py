"""Every change to a group or an activity is recorded (who, when, which fields, old and new) and
shown on the group page; the second of two officers editing the same group is refused."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core import thai
from groups.models import GroupChange, SavingsGroup
from tests.factories import ActivityFactory, GroupFactory, UserFactory
from tests.groups.helpers import activity_form_data, database_state, group_form_data


@pytest.fixture
def group(geography):
    return GroupFactory(code="5201010202", name="กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว", members_total=50,
                        savings_balance="125000.00")


def _latest(group):
    return GroupChange.objects.filter(group=group).latest("pk")


def test_editing_a_group_records_who_when_which_fields_old_and_new(client, group, district_user):
    client.force_login(district_user)
    started = timezone.now()
    client.post(reverse("groups:edit", args=[group.pk]),
                group_form_data(group, name="กลุ่มออมทรัพย์บ้านหนองบัวใหม่", members_total=60,
                                savings_balance="130,500.75", founded_on="1 ม.ค. 2543"))
    change = _latest(group)
    assert change.actor == district_user
    assert started <= change.at <= timezone.now()
    assert change.action == GroupChange.Action.UPDATED
    assert change.source == GroupChange.Source.FORM
    assert change.fields == {
        "name": {"label": "ชื่อกลุ่ม", "old": "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว", "new": "กลุ่มออมทรัพย์บ้านหนองบัวใหม่"},
        "founded_on": {"label": "วันที่จัดตั้ง", "old": "15 ม.ค. 2543", "new": "1 ม.ค. 2543"},
        "members_total": {"label": "จำนวนสมาชิก (คน)", "old": "50", "new": "60"},
        "savings_balance": {"label": "เงินสัจจะสะสม (บาท)", "old": "125,000.00", "new": "130,500.75"},
    }
    assert change.group_version == 2 == SavingsGroup.objects.get(pk=group.pk).version


def test_saving_an_unchanged_form_records_nothing(client, group, district_user):
    client.force_login(district_user)
    before = database_state()
    response = client.post(reverse("groups:edit", args=[group.pk]), group_form_data(group))
    assert response.status_code == 302
    assert database_state() == before


def test_the_group_page_shows_the_history(client, group, district_user):
    client.force_login(district_user)
    client.post(reverse("groups:edit", args=[group.pk]), group_form_data(group, members_total=61))
    change = _latest(group)
    response = client.get(reverse("groups:detail", args=[group.pk]))
    html = response.content.decode()
    assert list(response.context["changes"]) == [change]
    assert f"<b>{thai.format_datetime(change.at)}</b> · แก้ไขข้อมูล · โดย ทดสอบ ผู้ใช้ (แบบฟอร์ม)" in html
    assert "จำนวนสมาชิก (คน): <del>50</del> → <ins>61</ins>" in html


def test_moving_a_group_to_another_village_records_the_village(client, group, district_user):
    client.force_login(district_user)
    old_village = str(group.village)
    client.post(reverse("groups:edit", args=[group.pk]),
                group_form_data(group, subdistrict="520102", moo=7, village_name="บ้านหัวเวียง"))
    assert _latest(group).fields == {
        "village": {"label": "หมู่บ้าน", "old": old_village, "new": "หมู่ที่ 7 บ้านหัวเวียง"},
    }
    assert SavingsGroup.objects.get(pk=group.pk).village.code == "52010207"


def test_cancel_and_restore_are_recorded_with_their_reasons(client, group, district_user, province_user):
    client.force_login(district_user)
    client.post(reverse("groups:cancel", args=[group.pk]), {"reason": "กลุ่มหยุดดำเนินการมา ๒ ปี"})
    cancelled = _latest(group)
    assert (cancelled.action, cancelled.actor, cancelled.note) == (
        GroupChange.Action.CANCELLED, district_user, "กลุ่มหยุดดำเนินการมา ๒ ปี")
    assert cancelled.fields == {"status": {"label": "สถานะ", "old": "ดำเนินการอยู่", "new": "ยกเลิก"}}
    group.refresh_from_db()
    assert (group.status, group.status_reason, group.status_changed_by) == (
        "cancelled", "กลุ่มหยุดดำเนินการมา ๒ ปี", district_user)

    client.force_login(province_user)
    client.post(reverse("groups:restore", args=[group.pk]), {"reason": "ตรวจพบว่ากลุ่มกลับมาดำเนินการ"})
    restored = _latest(group)
    assert (restored.action, restored.actor, restored.note) == (
        GroupChange.Action.RESTORED, province_user, "ตรวจพบว่ากลุ่มกลับมาดำเนินการ")
    assert restored.fields == {"status": {"label": "สถานะ", "old": "ยกเลิก", "new": "ดำเนินการอยู่"}}


def test_activity_add_edit_and_remove_are_recorded(client, group, district_user):
    client.force_login(district_user)
    client.post(reverse("groups:activity_create", args=[group.pk]), activity_form_data())
    added = _latest(group)
    activity = group.activities.get()
    assert (added.action, added.actor, added.activity, added.note) == (
        GroupChange.Action.ACTIVITY_ADDED, district_user, activity, "กองทุนสวัสดิการสมาชิก")
    assert added.fields == {
        "activity_type": {"label": "ประเภทกิจกรรม", "old": "", "new": "กองทุนสวัสดิการ"},
        "name": {"label": "ชื่อกิจกรรม", "old": "", "new": "กองทุนสวัสดิการสมาชิก"},
        "started_on": {"label": "วันที่เริ่ม", "old": "", "new": "1 ต.ค. 2565"},
        "capital": {"label": "ทุนดำเนินการ (บาท)", "old": "", "new": "45,000.00"},
        "members_taking_part": {"label": "สมาชิกที่เข้าร่วม (คน)", "old": "", "new": "40"},
        "status": {"label": "สถานะ", "old": "", "new": "ดำเนินการอยู่"},
    }

    client.post(reverse("groups:activity_edit", args=[group.pk, activity.pk]),
                activity_form_data(capital="60,000", status="paused"))
    edited = _latest(group)
    assert edited.action == GroupChange.Action.ACTIVITY_UPDATED
    assert edited.fields == {
        "capital": {"label": "ทุนดำเนินการ (บาท)", "old": "45,000.00", "new": "60,000.00"},
        "status": {"label": "สถานะ", "old": "ดำเนินการอยู่", "new": "หยุดชั่วคราว"},
    }

    client.post(reverse("groups:activity_delete", args=[group.pk, activity.pk]))
    removed = _latest(group)
    assert (removed.action, removed.note) == (GroupChange.Action.ACTIVITY_REMOVED, "กองทุนสวัสดิการสมาชิก")
    assert removed.fields["capital"] == {"label": "ทุนดำเนินการ (บาท)", "old": "60,000.00", "new": ""}
    assert not group.activities.exists()
    # Each activity change moves the group's version on, so an open group form sees it.
    assert SavingsGroup.objects.get(pk=group.pk).version == 4


def test_second_officer_saving_an_outdated_form_is_refused_and_shown_the_changes(client, group, district_user):
    colleague = UserFactory(username="d5201b", first_name="สมศรี", last_name="แสงทอง", office=district_user.office)
    # Both officers open the form at version 1.
    first_form = group_form_data(group, members_total=70)
    second_form = group_form_data(group, chair_name="นายสมชาย ใหม่")
    client.force_login(colleague)
    assert client.post(reverse("groups:edit", args=[group.pk]), first_form).status_code == 302

    client.force_login(district_user)
    before = database_state()
    response = client.post(reverse("groups:edit", args=[group.pk]), second_form)
    assert response.status_code == 200
    assert database_state() == before
    group.refresh_from_db()
    assert (group.members_total, group.chair_name, group.version) == (70, "นางบัวผัน ใจมา", 2)
    assert response.context["form"].non_field_errors() == [
        "มีผู้อื่นบันทึกข้อมูลกลุ่มนี้หลังจากที่ท่านเปิดแบบฟอร์ม ข้อมูลของท่านยังไม่ถูกบันทึก "
        "กรุณาตรวจสอบการเปลี่ยนแปลงด้านล่าง แล้วเปิดแบบฟอร์มใหม่เพื่อแก้ไขอีกครั้ง"]
    html = response.content.decode()
    conflict = html[html.index('id="conflict"'):html.index("</section>", html.index('id="conflict"'))]
    assert "แก้ไขข้อมูล · โดย สมศรี แสงทอง" in conflict
    assert "จำนวนสมาชิก (คน): <del>50</del> → <ins>70</ins>" in conflict
    # What the officer typed is kept in the form so it can be copied over.
    assert 'value="นายสมชาย ใหม่"' in html


def test_an_activity_added_meanwhile_also_refuses_an_outdated_group_form(client, group, district_user):
    stale_form = group_form_data(group, members_total=80)
    client.force_login(district_user)
    client.post(reverse("groups:activity_create", args=[group.pk]), activity_form_data())
    before = database_state()
    response = client.post(reverse("groups:edit", args=[group.pk]), stale_form)
    assert response.status_code == 200
    assert [c.action for c in response.context["conflict"].changes] == [GroupChange.Action.ACTIVITY_ADDED]
    assert database_state() == before


def test_reopened_form_after_a_conflict_saves(client, group, district_user):
    client.force_login(district_user)
    stale_form = group_form_data(group, members_total=80)
    client.post(reverse("groups:edit", args=[group.pk]), group_form_data(group, members_total=70))
    assert client.post(reverse("groups:edit", args=[group.pk]), stale_form).status_code == 200
    fresh = client.get(reverse("groups:edit", args=[group.pk])).context["form"]
    assert fresh["version"].value() == 2
    group.refresh_from_db()
    response = client.post(reverse("groups:edit", args=[group.pk]), group_form_data(group, members_total=80))
    assert response.status_code == 302
    assert SavingsGroup.objects.get(pk=group.pk).members_total == 80


def test_history_is_newest_first_on_the_group_page(client, group, district_user):
    ActivityFactory(group=group)
    client.force_login(district_user)
    client.post(reverse("groups:edit", args=[group.pk]), group_form_data(group, members_total=51))
    group.refresh_from_db()
    client.post(reverse("groups:edit", args=[group.pk]), group_form_data(group, members_total=52))
    changes = client.get(reverse("groups:detail", args=[group.pk])).context["changes"]
    assert [c.fields["members_total"]["new"] for c in changes] == ["52", "51"]


def test_dates_in_history_are_buddhist_era(client, group, district_user):
    client.force_login(district_user)
    client.post(reverse("groups:edit", args=[group.pk]), group_form_data(group, founded_on="2543-01-01"))
    assert _latest(group).fields["founded_on"] == {"label": "วันที่จัดตั้ง", "old": "15 ม.ค. 2543",
                                                   "new": "1 ม.ค. 2543"}
    assert SavingsGroup.objects.get(pk=group.pk).founded_on == dt.date(2000, 1, 1)
