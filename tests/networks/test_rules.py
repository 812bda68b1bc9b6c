"""Each committee rule of the Surat Thani drafts, holding and broken (networks.rules)."""
import datetime as dt

import pytest

from networks import rules, services
from networks.models import Committee, Level, SeatHolder
from tests.networks.helpers import district_networks, groups_in, kinds, rows

pytestmark = pytest.mark.django_db


def holders(row_dicts):
    return [SeatHolder(**{k: v for k, v in row.items()}) for row in row_dicts]


def by_code(result):
    return {rule.code: rule for rule in result}


@pytest.fixture
def tambon(district_user):
    groups_in("520101", moos=(1, 2, 3), per_village=2)  # 6 groups in 3 villages
    amphoe, tambons = district_networks(district_user)
    return tambons[0]


@pytest.fixture
def tambon_context(tambon):
    return rules.context_for(tambon)


def test_a_full_tambon_committee_holds_every_rule(tambon, tambon_context):
    result = rules.check(holders(rows(15, represents=list(tambon.member_groups.all()))), tambon_context)
    assert [rule.code for rule in result] == [
        "one_chair", "seat_limits", "one_seat_per_person", "tambon_min_people", "tambon_every_village", "tambon_every_group",
    ]
    assert all(rule.ok for rule in result)
    assert rules.all_hold(result)


def test_no_chair_breaks_one_chair(tambon, tambon_context):
    result = by_code(rules.check(holders(rows(16, represents=list(tambon.member_groups.all()))[1:]), tambon_context))
    assert result["one_chair"].ok is False
    assert result["one_chair"].problems == ["ยังไม่มีประธานเครือข่าย"]


def test_two_chairs_break_one_chair_and_seat_limits(tambon, tambon_context):
    data = rows(15, represents=list(tambon.member_groups.all()))
    data[14]["seat_kind_id"] = kinds()["chair"].pk
    result = by_code(rules.check(holders(data), tambon_context))
    assert result["one_chair"].problems == ["มีประธานเครือข่าย 2 คน ต้องมีเพียง 1 คน"]
    assert result["seat_limits"].problems == ["ตำแหน่งประธานเครือข่าย มี 2 คน คำสั่งกำหนดไว้ไม่เกิน 1 คน"]


def test_three_vice_chairs_break_seat_limits(tambon, tambon_context):
    data = rows(15, represents=list(tambon.member_groups.all()))
    data[3]["seat_kind_id"] = kinds()["vice-chair"].pk  # the secretary's row becomes a third vice-chair
    result = by_code(rules.check(holders(data), tambon_context))
    assert result["seat_limits"].ok is False
    assert result["seat_limits"].problems == ["ตำแหน่งรองประธาน มี 3 คน คำสั่งกำหนดไว้ไม่เกิน 2 คน"]


def test_a_tambon_committee_may_have_more_ordinary_members(tambon, tambon_context):
    result = by_code(rules.check(holders(rows(25, represents=list(tambon.member_groups.all()))), tambon_context))
    assert result["seat_limits"].ok is True


def test_an_amphoe_committee_may_not_have_more_than_six_ordinary_members(surat_district_user):
    groups_in("840101", moos=(1,))
    groups_in("840102", moos=(1,))
    amphoe, tambons = district_networks(surat_district_user)
    result = by_code(rules.check(holders(rows(21, represents=tambons, level=Level.AMPHOE)), rules.context_for(amphoe)))
    assert result["seat_limits"].problems == ["ตำแหน่งกรรมการ มี 7 คน คำสั่งกำหนดไว้ไม่เกิน 6 คน"]


def test_one_person_in_two_seats_breaks_one_seat_per_person(tambon, tambon_context):
    data = rows(16, represents=list(tambon.member_groups.all()))
    data[15]["first_name"] = data[0]["first_name"]
    data[15]["title"] = "นาย"
    result = by_code(rules.check(holders(data), tambon_context))
    assert result["one_seat_per_person"].problems == [
        "นายสมชาย0 ใจดี มีชื่ออยู่ 2 ตำแหน่ง (ประธานเครือข่าย, กรรมการ) หนึ่งคนดำรงได้ตำแหน่งเดียว"
    ]


def test_the_same_national_id_twice_breaks_one_seat_per_person(tambon, tambon_context):
    data = rows(15, represents=list(tambon.member_groups.all()))
    data[0]["national_id"] = data[1]["national_id"] = "1101700203450"
    result = by_code(rules.check(holders(data), tambon_context))
    assert result["one_seat_per_person"].ok is False
    assert result["one_seat_per_person"].problems[0].startswith("เลขประจำตัวประชาชนเดียวกันใช้กับ 2 ตำแหน่ง")


def test_fourteen_people_break_the_tambon_minimum(tambon, tambon_context):
    result = by_code(rules.check(holders(rows(14, represents=list(tambon.member_groups.all()))), tambon_context))
    assert result["tambon_min_people"].problems == ["มีกรรมการ 14 คน ต้องมีไม่น้อยกว่า 15 คน (ขาดอีก 1 คน)"]


def test_a_village_without_a_representative_breaks_the_village_rule(tambon, tambon_context):
    moo3 = [g for g in tambon.member_groups.select_related("village") if g.village.moo == 3]
    others = [g for g in tambon.member_groups.all() if g not in moo3]
    result = by_code(rules.check(holders(rows(15, represents=others)), tambon_context))
    village = moo3[0].village
    assert result["tambon_every_village"].problems == [f"ยังไม่มีผู้แทนหมู่ที่ 3 บ้าน{village.name}"]
    assert len(result["tambon_every_group"].problems) == 2


def test_a_member_group_without_a_representative_breaks_the_group_rule(tambon, tambon_context):
    groups = list(tambon.member_groups.order_by("pk"))
    result = by_code(rules.check(holders(rows(15, represents=groups[1:])), tambon_context))
    assert result["tambon_every_village"].ok is True  # its village has another group represented
    assert result["tambon_every_group"].problems == [f"ยังไม่มีผู้แทน{groups[0].name} (หมู่ที่ 1)"]


def test_an_amphoe_committee_needs_each_tambon_network(surat_district_user):
    groups_in("840101", moos=(1,))
    groups_in("840102", moos=(1,))
    amphoe, tambons = district_networks(surat_district_user)
    context = rules.context_for(amphoe)
    holding = by_code(rules.check(holders(rows(20, represents=tambons, level=Level.AMPHOE)), context))
    assert holding["amphoe_every_tambon"].ok is True
    assert "tambon_min_people" not in holding  # the 15-person minimum is the tambon bylaws'
    broken = by_code(rules.check(holders(rows(20, represents=tambons[:1], level=Level.AMPHOE)), context))
    assert broken["amphoe_every_tambon"].problems == [f"ยังไม่มีผู้แทน{tambons[1].name}"]


def test_a_committee_breaking_a_rule_is_saved_as_a_draft_and_cannot_be_marked_ready(district_user, tambon):
    committee = services.committee_create(network=tambon, actor=district_user, term_start=dt.date(2024, 1, 1))
    result = services.committee_save_seats(committee=committee, actor=district_user,
                                           rows=rows(10, represents=list(tambon.member_groups.all())))
    assert not rules.all_hold(result)
    assert committee.holders.count() == 10
    with pytest.raises(Exception) as error:
        services.committee_move(committee=committee, actor=district_user, to=Committee.Status.READY)
    assert "กรรมการไม่น้อยกว่า 15 คน" in str(error.value)
    committee.refresh_from_db()
    assert committee.status == Committee.Status.DRAFT


def test_a_ready_committee_that_then_breaks_a_rule_returns_to_draft(district_user, tambon):
    committee = services.committee_create(network=tambon, actor=district_user, term_start=dt.date(2024, 1, 1))
    services.committee_save_seats(committee=committee, actor=district_user, rows=rows(15, represents=list(tambon.member_groups.all())))
    services.committee_move(committee=committee, actor=district_user, to=Committee.Status.READY)
    services.committee_save_seats(committee=committee, actor=district_user, rows=rows(14, represents=list(tambon.member_groups.all())))
    committee.refresh_from_db()
    assert committee.status == Committee.Status.DRAFT
