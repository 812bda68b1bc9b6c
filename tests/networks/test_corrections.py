"""An appointed committee's seats are locked, but a holder's spelling, phone and national ID may
be corrected without a new term: recorded with old and new values; seat changes and additions are
refused; an issued order's PDF stays as issued and the page says so."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from networks import services
from networks.models import Committee, NetworkEvent, SeatHolder, SeatKind, Signatory
from printing.models import DocumentKind, IssuedDocument
from tests.networks.helpers import VALID_ID

pytestmark = pytest.mark.django_db


def appoint(committee, user):
    services.committee_update_details(committee=committee, actor=user, data={
        "order_number": 7, "order_date": dt.date(2023, 7, 20), "signer_name": "นายวีระ ศรีสุข",
        "signer_position": "นายอำเภอเมืองลำปาง"})
    services.committee_move(committee=committee, actor=user, to=Committee.Status.READY)
    services.committee_move(committee=committee, actor=user, to=Committee.Status.APPOINTED)
    committee.refresh_from_db()
    return committee


@pytest.fixture
def appointed(world, district_user):
    return appoint(world["amphoe_committee"], district_user)


def correction_post(committee, changes=None, reason="สะกดนามสกุลผิดจากบัตรประชาชน"):
    """The correction table as posted, with `changes` = {row index: {field: value}}."""
    holders = committee.seats_in_order()
    data = {"holders-TOTAL_FORMS": str(len(holders)), "holders-INITIAL_FORMS": str(len(holders)), "reason": reason}
    for index, h in enumerate(holders):
        row = {"id": h.pk, "title": h.title, "first_name": h.first_name, "last_name": h.last_name, "phone": h.phone,
               "national_id": h.national_id}
        row.update((changes or {}).get(index, {}))
        data.update({f"holders-{index}-{k}": v for k, v in row.items()})
    return data


def holders_snapshot():
    return list(SeatHolder.objects.order_by("pk").values_list(
        "committee_id", "seat_kind_id", "position", "title", "first_name", "last_name", "phone", "national_id",
        "group_id", "tambon_network_id"))


def test_an_officer_corrects_spelling_phone_and_id_of_an_appointed_committee(client, district_user, appointed):
    chair, second = appointed.seats_in_order()[:2]
    client.force_login(district_user)
    response = client.post(reverse("networks:committee_corrections", args=[appointed.pk]), correction_post(
        appointed, {0: {"last_name": "ใจดีย์", "phone": "081-234-5678"}, 1: {"national_id": "1-1017-00203-45-0"}}))
    assert response.status_code == 302
    chair.refresh_from_db()
    second.refresh_from_db()
    assert (chair.last_name, chair.phone, chair.seat_kind.code) == ("ใจดีย์", "081-234-5678", SeatKind.CHAIR)
    assert second.national_id == VALID_ID
    appointed.refresh_from_db()
    assert appointed.status == Committee.Status.APPOINTED
    assert appointed.holders.count() == 20
    event = NetworkEvent.objects.filter(committee=appointed).first()
    assert (event.kind, event.get_kind_display()) == ("committee_corrected", "แก้ไขข้อมูลกรรมการหลังแต่งตั้ง")
    assert event.note == (
        "ลำดับที่ 1 นายสมชาย0 ใจดี (ประธานเครือข่าย): นามสกุล: ใจดี → ใจดีย์; โทรศัพท์: - → 081-234-5678\n"
        f"ลำดับที่ 2 นายสมชาย1 ใจดี ({second.seat_kind.title}): เลขประจำตัวประชาชน: - → 1-1017-xxxxx-xx-0\n"
        "เหตุผล: สะกดนามสกุลผิดจากบัตรประชาชน\n"
        "ปรับชื่อผู้มีอำนาจลงนามบัญชีเงินฝากตามด้วย 1 คน")
    # The chair signs at the bank: the spelling follows, so no false "no longer on the committee" flag.
    assert Signatory.objects.get(role="chair").last_name == "ใจดีย์"
    assert services.signatory_flags(appointed.network, appointed.network.bank_account) == []


def test_a_correction_cannot_move_a_seat_or_add_a_person(district_user, appointed):
    chair = appointed.seats_in_order()[0]
    member = SeatKind.objects.get(code=SeatKind.MEMBER)
    before = holders_snapshot()
    with pytest.raises(ValidationError) as error:
        services.committee_correct_holders(committee=appointed, actor=district_user, reason="ย้ายตำแหน่ง",
                                           corrections={chair.pk: {"seat_kind_id": member.pk}})
    assert "การเปลี่ยนตำแหน่งต้องทำในวาระถัดไป" in error.value.messages[0]
    other = SeatHolder.objects.exclude(committee=appointed).first()
    with pytest.raises(ValidationError) as error:
        services.committee_correct_holders(committee=appointed, actor=district_user, reason="เพิ่มคน",
                                           corrections={other.pk: {"first_name": "คนใหม่"}})
    assert error.value.messages == ["มีรายชื่อที่ไม่ได้อยู่ในคณะกรรมการชุดนี้ เพิ่มกรรมการได้ในวาระถัดไปเท่านั้น"]
    with pytest.raises(ValidationError) as error:
        services.committee_save_seats(committee=appointed, actor=district_user, rows=[])
    assert error.value.messages == ["คณะกรรมการชุดนี้แต่งตั้งแล้ว แก้ไขรายชื่อไม่ได้ ให้เริ่มวาระใหม่"]
    assert holders_snapshot() == before


def test_posted_seat_or_extra_rows_change_nothing_but_the_allowed_fields(client, district_user, appointed):
    client.force_login(district_user)
    data = correction_post(appointed, {0: {"first_name": "สมชาย"}})
    member = SeatKind.objects.get(code=SeatKind.MEMBER)
    data["holders-0-seat_kind"] = str(member.pk)  # not a field of the correction form: ignored
    response = client.post(reverse("networks:committee_corrections", args=[appointed.pk]), data)
    assert response.status_code == 302
    chair = appointed.seats_in_order()[0]
    assert (chair.first_name, chair.seat_kind.code) == ("สมชาย", SeatKind.CHAIR)


def test_a_correction_needs_a_reason_a_change_and_keeps_the_rules(client, district_user, appointed):
    client.force_login(district_user)
    url = reverse("networks:committee_corrections", args=[appointed.pk])
    before, events = holders_snapshot(), NetworkEvent.objects.count()
    response = client.post(url, correction_post(appointed, {0: {"last_name": "ใจดีย์"}}, reason=""))
    assert "กรุณาระบุเหตุผลที่แก้ไข" in response.content.decode()
    response = client.post(url, correction_post(appointed))
    assert "ข้อมูลไม่ได้เปลี่ยนจากเดิม ไม่มีสิ่งที่ต้องแก้ไข" in response.content.decode()
    response = client.post(url, correction_post(appointed, {1: {"national_id": "1101700203451"}}))
    assert "เลขประจำตัวประชาชนไม่ถูกต้อง (เลขตรวจสอบหลักสุดท้ายไม่ตรง)" in response.content.decode()
    response = client.post(url, correction_post(appointed, {1: {"first_name": ""}}))
    assert "กรุณากรอกชื่อ" in response.content.decode()
    # Renaming the second person into the first makes one person hold two seats.
    response = client.post(url, correction_post(appointed, {1: {"first_name": "สมชาย0"}}))
    assert response.status_code == 200
    assert "แก้แล้วผิดหลักเกณฑ์: หนึ่งคนดำรงตำแหน่งเดียว" in response.content.decode()
    assert holders_snapshot() == before
    assert NetworkEvent.objects.count() == events


def test_only_an_appointed_committee_takes_corrections(client, district_user, world):
    committee = world["tambon_committee"]
    client.force_login(district_user)
    response = client.get(reverse("networks:committee_corrections", args=[committee.pk]))
    assert response.status_code == 302
    assert response.url == reverse("networks:committee_seats", args=[committee.pk])
    with pytest.raises(ValidationError):
        services.committee_correct_holders(committee=committee, actor=district_user, reason="x",
                                           corrections={committee.holders.first().pk: {"phone": "1"}})


def test_the_page_says_an_issued_order_stays_as_issued(client, district_user, appointed):
    client.force_login(district_user)
    url = reverse("networks:committee_corrections", args=[appointed.pk])
    assert 'id="issued-note"' not in client.get(url).content.decode()
    IssuedDocument.objects.create(
        kind=DocumentKind.ORDER, record_id=appointed.pk, district_id="5201", title="คำสั่งอำเภอ", file="issued/x.pdf",
        sha256="0" * 64, size=1, issued_by=district_user, issued_at=timezone.now())
    body = client.get(url).content.decode()
    assert "ไฟล์ PDF ที่ออกแล้วคงเป็นไปตามที่ออก ไม่เปลี่ยนตามการแก้ไขนี้" in body
    detail = client.get(reverse("networks:committee_detail", args=[appointed.pk])).content.decode()
    assert "แก้ไขคำผิด: ชื่อ โทรศัพท์ เลขประจำตัว" in detail


@pytest.mark.parametrize("method", ["get", "post"])
def test_corrections_are_the_districts_own(client, users, appointed, method):
    url = reverse("networks:committee_corrections", args=[appointed.pk])
    data = correction_post(appointed, {0: {"phone": "0899999999"}})
    before, events = holders_snapshot(), NetworkEvent.objects.count()
    response = client.post(url, data) if method == "post" else client.get(url)
    assert response.status_code == 302 and response.url.startswith("/login/")
    for role, status in {"other_district": 404, "other_province": 404, "province": 403, "national": 403}.items():
        client.force_login(users[role])
        response = client.post(url, data) if method == "post" else client.get(url)
        assert response.status_code == status, role
    assert (holders_snapshot(), NetworkEvent.objects.count()) == (before, events)
    client.force_login(users["district"])
    response = client.post(url, data) if method == "post" else client.get(url)
    assert response.status_code == (302 if method == "post" else 200)
    assert (holders_snapshot() != before) is (method == "post")
