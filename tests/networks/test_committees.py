"""Committees: the 4-year term, the warnings, the status moves, the next term, the order number,
the national ID (validated, stored, masked) and the seat table."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from networks import services
from networks.models import (
    Committee,
    ProvinceRepresentatives,
    SeatHolder,
    fiscal_year_be,
    mask_national_id,
    term_end_for,
    validate_national_id,
)
from tests.networks.helpers import VALID_ID, full_tambon_committee

pytestmark = pytest.mark.django_db


def test_a_term_ends_the_day_before_its_fourth_anniversary():
    assert term_end_for(dt.date(2023, 7, 24)) == dt.date(2027, 7, 23)
    assert term_end_for(dt.date(2024, 2, 29)) == dt.date(2028, 2, 28)
    assert term_end_for(dt.date(2023, 3, 1)) == dt.date(2027, 2, 28)


def test_the_committee_page_shows_the_term_in_buddhist_era(client, district_user, world):
    client.force_login(district_user)
    body = client.get(reverse("networks:committee_detail", args=[world["tambon_committee"].pk])).content.decode()
    assert "24 กรกฎาคม 2566 ถึง 23 กรกฎาคม 2570" in body


def test_term_warnings_list_committees_ending_within_90_days_and_expired(district_user, world):
    today = dt.date(2026, 11, 22)
    tambon, amphoe = world["tambon"], world["amphoe"]
    ending = services.committee_create(network=tambon, actor=district_user, term_start=dt.date(2023, 2, 19))  # ends 18 Feb 2027
    outside = Committee.objects.create(network=amphoe, term_start=dt.date(2023, 2, 21))  # ends 20 Feb 2027: day 90
    beyond = Committee.objects.create(network=amphoe, term_start=dt.date(2023, 2, 22))  # ends 21 Feb 2027: day 91
    expired = Committee.objects.create(network=amphoe, term_start=dt.date(2022, 11, 21))  # ended 20 Nov 2026
    last_day = Committee.objects.create(network=amphoe, term_start=dt.date(2022, 11, 23))  # ends today... 22 Nov 2026
    assert set(Committee.objects.ending_within(today)) == {ending, outside, last_day}
    assert beyond not in Committee.objects.ending_within(today)
    assert set(Committee.objects.expired(today)) == {expired}
    assert expired.term_state(today) == "expired"
    assert last_day.term_state(today) == "ending"
    assert beyond.term_state(today) == "running"


def test_the_list_pages_show_the_warnings_of_the_latest_terms_only(client, district_user, province_user, world):
    # An old, expired term of the amphoe network is history: its latest term runs to 2027.
    Committee.objects.create(network=world["amphoe"], term_start=dt.date(2019, 7, 1))
    Committee.objects.filter(pk=world["tambon_committee"].pk).update(term_start=dt.date(2022, 12, 15))  # ends 14 Dec 2026
    for user in (district_user, province_user):
        client.force_login(user)
        response = client.get(reverse("networks:list"))
        warnings = response.context["warnings"]
        assert [n.pk for n in warnings] == [world["tambon"].pk]
        assert warnings[0].latest.term_warning == "ending"
        assert "ครบวาระภายใน 90 วัน" in response.content.decode()


def test_every_status_move_allowed_and_forbidden(district_user, world):
    committee = world["tambon_committee"]
    services.committee_update_details(committee=committee, actor=district_user, data={
        "order_number": 1, "order_year": 2566, "order_date": dt.date(2023, 7, 28),
        "signer_name": "นายสมชาย ใจดี", "signer_position": "นายอำเภอเมืองลำปาง"})
    statuses = list(Committee.Status)
    for start in statuses:
        for target in statuses:
            Committee.objects.filter(pk=committee.pk).update(status=start)
            committee.refresh_from_db()
            if target in Committee.STATUS_MOVES[start]:
                services.committee_move(committee=committee, actor=district_user, to=target)
                committee.refresh_from_db()
                assert committee.status == target
            else:
                with pytest.raises(ValidationError):
                    services.committee_move(committee=committee, actor=district_user, to=target)
                committee.refresh_from_db()
                assert committee.status == start


def test_appointed_needs_the_order_number_date_and_signer(district_user, world):
    committee = world["tambon_committee"]
    services.committee_move(committee=committee, actor=district_user, to=Committee.Status.READY)
    with pytest.raises(ValidationError, match="เลขที่คำสั่ง, วันที่สั่ง, ผู้ลงนามคำสั่ง"):
        services.committee_move(committee=committee, actor=district_user, to=Committee.Status.APPOINTED)


def test_the_order_number_is_unique_per_district_and_buddhist_year(district_user, world):
    first, second = world["tambon_committee"], world["amphoe_committee"]
    services.committee_update_details(committee=first, actor=district_user,
                                      data={"order_number": 12, "order_date": dt.date(2024, 3, 1)})
    first.refresh_from_db()
    assert (first.order_year, first.order_reference) == (2567, "12/2567")
    with pytest.raises(ValidationError) as error:
        services.committee_update_details(committee=second, actor=district_user,
                                          data={"order_number": 12, "order_year": 2567})
    assert error.value.message_dict == {"order_number": ["เลขที่คำสั่งนี้ของอำเภอในปีเดียวกันถูกใช้แล้ว"]}
    services.committee_update_details(committee=second, actor=district_user, data={"order_number": 12, "order_year": 2568})
    assert services.next_order_number("5201", 2567) == 13


def test_the_database_refuses_a_duplicate_order_number(world):
    from django.db import IntegrityError, transaction

    Committee.objects.filter(pk=world["tambon_committee"].pk).update(order_number=5, order_year=2567)
    with pytest.raises(IntegrityError), transaction.atomic():
        Committee.objects.filter(pk=world["amphoe_committee"].pk).update(order_number=5, order_year=2567)


def test_next_term_copies_the_seats_into_a_new_draft_and_keeps_the_past(district_user, world):
    committee = world["tambon_committee"]
    new = services.committee_next_term(committee=committee, actor=district_user)
    assert new.term_start == dt.date(2027, 7, 24)
    assert new.status == Committee.Status.DRAFT
    assert new.previous == committee
    names = lambda c: [(h.seat_kind_id, h.full_name, h.group_id) for h in c.seats_in_order()]  # noqa: E731
    assert names(new) == names(committee)
    assert world["tambon"].current_committee() == new
    assert list(world["tambon"].committees.order_by("term_start")) == [committee, new]
    with pytest.raises(ValidationError):
        services.committee_next_term(committee=committee, actor=district_user)


def test_seats_in_order_numbers_holders_with_their_printed_titles(world):
    seats = world["amphoe_committee"].seats_in_order()
    assert [h.number for h in seats] == list(range(1, 21))
    assert [h.seat_title for h in seats[:6]] == ["ประธานเครือข่าย", "รองประธาน", "รองประธาน", "เลขานุการ", "ผู้ช่วยเลขานุการ", "เหรัญญิก"]
    assert seats[13].seat_title == "กรรมการส่งเสริมและสนับสนุนแหล่งทุน"
    assert [h.seat_title for h in seats[14:]] == ["กรรมการ"] * 6


def test_national_id_checksum():
    validate_national_id(VALID_ID)
    validate_national_id("")
    with pytest.raises(ValidationError, match="เลขตรวจสอบ"):
        validate_national_id("1101700203451")
    with pytest.raises(ValidationError, match="13 หลัก"):
        validate_national_id("12345")
    assert mask_national_id(VALID_ID) == "1-1017-xxxxx-xx-0"


def test_the_national_id_shows_in_full_only_to_the_districts_staff(client, users, district_user, world):
    committee = world["tambon_committee"]
    SeatHolder.objects.filter(committee=committee, seat_kind__code="chair").update(national_id=VALID_ID)
    url = reverse("networks:committee_detail", args=[committee.pk])
    for role, full in {"district": True, "province": False, "national": False}.items():
        client.force_login(users[role])
        body = client.get(url).content.decode()
        assert (VALID_ID in body) is full, role
        assert ("1-1017-xxxxx-xx-0" in body) is (not full), role


def test_a_bad_national_id_in_the_seat_table_is_refused_next_to_the_field(client, district_user, world):
    committee = world["tambon_committee"]
    client.force_login(district_user)
    data = seat_post(committee, national_id="1101700203451")
    response = client.post(reverse("networks:committee_seats", args=[committee.pk]), data)
    assert response.status_code == 200
    assert "เลขประจำตัวประชาชนไม่ถูกต้อง (เลขตรวจสอบหลักสุดท้ายไม่ตรง)" in response.content.decode()
    assert SeatHolder.objects.filter(committee=committee).exclude(national_id="").count() == 0


def seat_post(committee, **first_row_changes):
    holders = committee.seats_in_order()
    data = {"seats-TOTAL_FORMS": str(len(holders)), "seats-INITIAL_FORMS": str(len(holders))}
    for index, h in enumerate(holders):
        row = {"id": h.pk, "seat_kind": h.seat_kind_id, "title": h.title, "first_name": h.first_name,
               "last_name": h.last_name, "represents": h.group_id or h.tambon_network_id or "", "phone": h.phone,
               "national_id": h.national_id}
        if index == 0:
            row.update(first_row_changes)
        data.update({f"seats-{index}-{k}": v for k, v in row.items()})
    return data


def test_the_seat_table_saves_every_row_in_one_post(client, district_user, world):
    committee = world["tambon_committee"]
    client.force_login(district_user)
    data = seat_post(committee, national_id="1-1017-00203-45-0", phone="0812345678")
    response = client.post(reverse("networks:committee_seats", args=[committee.pk]), data)
    assert response.status_code == 302
    chair = committee.seats_in_order()[0]
    assert (chair.national_id, chair.phone) == (VALID_ID, "0812345678")
    assert committee.holders.count() == 15


def test_the_live_check_answers_with_the_rules_for_unsaved_rows(client, district_user, world):
    committee = world["tambon_committee"]
    client.force_login(district_user)
    data = seat_post(committee, first_name="")
    data["seats-0-last_name"] = ""
    response = client.post(reverse("networks:committee_seats_check", args=[committee.pk]), data, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="rules"')
    assert 'data-rule="one_chair" data-ok="no"' in body
    assert "ยังไม่มีประธานเครือข่าย" in body
    assert 'data-rule="tambon_min_people" data-ok="no"' in body
    assert committee.holders.count() == 15  # nothing saved


def test_removing_a_representative_from_the_committee_withdraws_the_naming(district_user, world):
    committee = world["amphoe_committee"]
    reps = world["amphoe"].representatives
    keep = [h for h in committee.seats_in_order() if h.pk != reps.member_id]
    services.committee_save_seats(committee=committee, actor=district_user, rows=[
        {"id": h.pk, "seat_kind_id": h.seat_kind_id, "title": h.title, "first_name": h.first_name, "last_name": h.last_name,
         "group_id": None, "tambon_network_id": h.tambon_network_id, "phone": "", "national_id": ""} for h in keep])
    assert not ProvinceRepresentatives.objects.filter(network=world["amphoe"]).exists()
    assert committee.holders.count() == 19


def test_fiscal_year_runs_october_to_september():
    assert fiscal_year_be(dt.date(2025, 9, 30)) == 2568
    assert fiscal_year_be(dt.date(2025, 10, 1)) == 2569
    assert fiscal_year_be(dt.date(2026, 11, 22)) == 2570


def test_a_full_committee_from_fifteen_people_can_be_marked_ready(district_user, world):
    committee = full_tambon_committee(district_user, world["tambon"], people=16, term_start=dt.date(2027, 7, 24))
    services.committee_move(committee=committee, actor=district_user, to=Committee.Status.READY)
    committee.refresh_from_db()
    assert committee.status == Committee.Status.READY
