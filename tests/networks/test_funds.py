"""Income and spending are corrected with a reason or voided, never deleted: the balance follows,
a voided entry stays struck through, and each change is an event with the old and new values."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from networks import services
from networks.models import FundEntry, NetworkEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(world, district_user):
    network = world["amphoe"]
    income = services.fund_entry_add(network=network, actor=district_user, data={
        "kind": "income", "source": "government", "occurred_on": dt.date(2026, 10, 1), "amount": Decimal("20000"),
        "description": "เงินอุดหนุนจากจังหวัด"})
    spending = services.fund_entry_add(network=network, actor=district_user, data={
        "kind": "spending", "occurred_on": dt.date(2026, 10, 5), "amount": Decimal("1500"), "description": "ค่าอาหารประชุม",
        "resolution": "มติที่ประชุม ครั้งที่ ๑/๒๕๗๐"})
    duplicate = services.fund_entry_add(network=network, actor=district_user, data={
        "kind": "income", "source": "group-contribution", "occurred_on": dt.date(2026, 10, 7), "amount": Decimal("300"),
        "description": "เงินสมทบกลุ่มบ้านนา"})
    return {"income": income, "spending": spending, "duplicate": duplicate}


def edit_data(entry, **changes):
    data = {"kind": entry.kind, "source": entry.source, "occurred_on": "01/10/2569", "description": entry.description,
            "amount": str(entry.amount), "resolution": entry.resolution, "reason": "พิมพ์จำนวนเงินผิด"}
    data["occurred_on"] = entry.occurred_on.strftime("%d/%m/") + str(entry.occurred_on.year + 543)
    data.update(changes)
    return data


def balance(client, network):
    return client.get(reverse("networks:money", args=[network.pk])).context["balance"]


def test_correcting_an_amount_moves_the_balance_and_records_old_and_new(client, district_user, world, entries):
    client.force_login(district_user)
    assert balance(client, world["amphoe"]) == Decimal("18800")
    entry = entries["spending"]
    response = client.post(reverse("networks:fund_entry_edit", args=[entry.pk]),
                           edit_data(entry, amount="1,250.50", reason="ใบเสร็จเลขที่ ๐๑๒ ยอด ๑,๒๕๐.๕๐ บาท"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.amount == Decimal("1250.50")
    assert entry.correction_reason == "ใบเสร็จเลขที่ ๐๑๒ ยอด ๑,๒๕๐.๕๐ บาท"
    assert balance(client, world["amphoe"]) == Decimal("19049.50")
    event = NetworkEvent.objects.filter(network=world["amphoe"]).first()
    assert (event.kind, event.get_kind_display()) == ("spending_corrected", "แก้ไขรายจ่าย")
    assert event.note == ("ค่าอาหารประชุม: จำนวนเงิน: 1,500.00 บาท → 1,250.50 บาท "
                            "(เหตุผล: ใบเสร็จเลขที่ ๐๑๒ ยอด ๑,๒๕๐.๕๐ บาท)")
    body = client.get(reverse("networks:money", args=[world["amphoe"].pk])).content.decode()
    assert "แก้ไขแล้ว</span> <small>ใบเสร็จเลขที่ ๐๑๒ ยอด ๑,๒๕๐.๕๐ บาท" in body


def test_a_correction_names_every_changed_field(district_user, entries):
    entry = services.fund_entry_update(entry=entries["income"], actor=district_user, reason="ผิดแหล่งเงิน", data={
        "source": "other", "occurred_on": dt.date(2026, 10, 2)})
    assert (entry.source, entry.occurred_on) == ("other", dt.date(2026, 10, 2))
    assert NetworkEvent.objects.first().note == (
        "เงินอุดหนุนจากจังหวัด: แหล่งที่มา: เงินสนับสนุนจากรัฐบาล → รายได้อื่น ๆ; วันที่: 1 ต.ค. 2569 → 2 ต.ค. 2569 "
        "(เหตุผล: ผิดแหล่งเงิน)")


def test_a_correction_needs_a_reason_and_a_change(client, district_user, entries):
    entry = entries["spending"]
    events = NetworkEvent.objects.count()
    client.force_login(district_user)
    response = client.post(reverse("networks:fund_entry_edit", args=[entry.pk]), edit_data(entry, amount="99", reason=""))
    assert response.status_code == 200
    assert "กรุณาระบุเหตุผลที่แก้ไขรายการ" in response.content.decode()
    response = client.post(reverse("networks:fund_entry_edit", args=[entry.pk]), edit_data(entry))
    assert "ข้อมูลไม่ได้เปลี่ยนจากเดิม ไม่มีสิ่งที่ต้องแก้ไข" in response.content.decode()
    response = client.post(reverse("networks:fund_entry_edit", args=[entry.pk]), edit_data(entry, resolution=""))
    assert "รายจ่ายต้องระบุมติที่ประชุมคณะกรรมการที่อนุมัติ" in response.content.decode()
    entry.refresh_from_db()
    assert (entry.amount, entry.resolution, entry.corrected_at) == (Decimal("1500"), "มติที่ประชุม ครั้งที่ ๑/๒๕๗๐", None)
    assert NetworkEvent.objects.count() == events


def test_a_voided_entry_stays_struck_through_and_leaves_the_balance(client, district_user, world, entries):
    entry = entries["duplicate"]
    client.force_login(district_user)
    response = client.post(reverse("networks:fund_entry_void", args=[entry.pk]), {"reason": "บันทึกซ้ำกับใบเสร็จเดิม"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.is_voided
    assert (entry.voided_by, entry.void_reason) == (district_user, "บันทึกซ้ำกับใบเสร็จเดิม")
    assert FundEntry.objects.filter(network=world["amphoe"]).count() == 3  # kept, not deleted
    response = client.get(reverse("networks:money", args=[world["amphoe"].pk]))
    assert response.context["balance"] == Decimal("18500")
    assert response.context["income_by_source"] == {"เงินสนับสนุนจากรัฐบาล": Decimal("20000")}
    body = response.content.decode()
    row = body[body.index(f'<tr class="voided" data-entry="{entry.pk}">'):]
    row = row[:row.index("</tr>")]
    assert "<del>เงินสมทบกลุ่มบ้านนา</del>" in row
    assert "<del>300.00</del>" in row
    assert "บันทึกซ้ำกับใบเสร็จเดิม" in row
    event = NetworkEvent.objects.first()
    assert (event.get_kind_display(), event.note) == (
        "ยกเลิกรายรับ", "เงินสมทบกลุ่มบ้านนา 300.00 บาท ลงวันที่ 7 ต.ค. 2569 (เหตุผล: บันทึกซ้ำกับใบเสร็จเดิม)")
    assert event.kind == "income_voided"


def test_voiding_needs_a_reason_and_happens_once(client, district_user, entries):
    entry = entries["duplicate"]
    client.force_login(district_user)
    response = client.post(reverse("networks:fund_entry_void", args=[entry.pk]), {"reason": " "})
    assert "กรุณาระบุเหตุผลที่ยกเลิกรายการ" in response.content.decode()
    entry.refresh_from_db()
    assert not entry.is_voided
    services.fund_entry_void(entry=entry, actor=district_user, reason="ซ้ำ")
    with pytest.raises(ValidationError) as error:
        services.fund_entry_void(entry=entry, actor=district_user, reason="ซ้ำอีก")
    assert error.value.messages == ["รายการนี้ยกเลิกแล้ว แก้ไขหรือยกเลิกซ้ำไม่ได้"]
    with pytest.raises(ValidationError):
        services.fund_entry_update(entry=entry, actor=district_user, reason="แก้", data={"amount": Decimal("1")})
    assert client.get(reverse("networks:fund_entry_edit", args=[entry.pk])).status_code == 302
    entry.refresh_from_db()
    assert (entry.void_reason, entry.amount) == ("ซ้ำ", Decimal("300"))


def test_the_database_refuses_a_void_without_who_and_why(entries):
    with pytest.raises(IntegrityError), transaction.atomic():
        FundEntry.objects.filter(pk=entries["income"].pk).update(voided_at=timezone.now())


def fund_snapshot():
    return (list(FundEntry.objects.order_by("pk").values_list("amount", "description", "voided_at", "corrected_at")),
            NetworkEvent.objects.count())


@pytest.mark.parametrize(("name", "method", "data"), [
    ("networks:fund_entry_edit", "get", None),
    ("networks:fund_entry_edit", "post", {"kind": "income", "source": "other", "occurred_on": "01/10/2569",
                                          "description": "แก้", "amount": "1", "reason": "ทดสอบ"}),
    ("networks:fund_entry_void", "get", None),
    ("networks:fund_entry_void", "post", {"reason": "ทดสอบ"}),
])
def test_correcting_and_voiding_are_the_districts_own(client, users, entries, name, method, data):
    url = reverse(name, args=[entries["income"].pk])
    before = fund_snapshot()
    response = client.post(url, data) if method == "post" else client.get(url)
    assert response.status_code == 302 and response.url.startswith("/login/")
    for role, status in {"other_district": 404, "other_province": 404, "province": 403, "national": 403}.items():
        client.force_login(users[role])
        response = client.post(url, data) if method == "post" else client.get(url)
        assert response.status_code == status, role
    assert fund_snapshot() == before
    client.force_login(users["district"])
    response = client.post(url, data) if method == "post" else client.get(url)
    assert response.status_code == (302 if method == "post" else 200)
    assert (fund_snapshot() != before) is (method == "post")


def test_the_money_page_runs_a_fixed_number_of_queries(client, district_user, world, entries, django_assert_num_queries):
    for day in range(10, 20):
        services.fund_entry_add(network=world["amphoe"], actor=district_user, data={
            "kind": "income", "source": "fund-raising", "occurred_on": dt.date(2026, 10, day), "amount": Decimal("10"),
            "description": "ขายของ"})
    services.fund_entry_void(entry=entries["duplicate"], actor=district_user, reason="ซ้ำ")
    client.force_login(district_user)
    # 1 session, 2 user with office, 3 network with its places, 4 bank account, 5 its signatories (once,
    # for the list and the flags), 6 entries (voided too), 7 current committee, 8 its holders.
    with django_assert_num_queries(8):
        response = client.get(reverse("networks:money", args=[world["amphoe"].pk]))
    assert len(response.context["entries"]) == 13
    assert response.context["balance"] == Decimal("18600")  # 20,000 - 1,500 + 10 × 10; the voided 300 is out
