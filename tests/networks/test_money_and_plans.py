"""Province representatives, the bank account and its signatories, income and spending, and the
drive plan sent to the province."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from networks import services
from networks.models import BankAccount, DrivePlan, FundEntry, PlanActivity, SeatHolder, Signatory

pytestmark = pytest.mark.django_db


def holder(committee, code):
    return SeatHolder.objects.filter(committee=committee, seat_kind__code=code).order_by("position").first()


def test_representatives_are_the_chair_and_one_more_member(district_user, world):
    reps = world["amphoe"].representatives
    committee = world["amphoe_committee"]
    assert reps.chair == holder(committee, "chair")
    assert reps.member == holder(committee, "secretary")
    with pytest.raises(ValidationError, match="ประธานเครือข่ายเป็นผู้แทนอยู่แล้ว"):
        services.representatives_name(network=world["amphoe"], actor=district_user, member=holder(committee, "chair"))
    with pytest.raises(ValidationError, match="กรรมการเครือข่ายชุดปัจจุบัน"):
        services.representatives_name(network=world["amphoe"], actor=district_user,
                                      member=holder(world["tambon_committee"], "treasurer"))


def test_the_provincial_page_lists_every_districts_two_names_and_who_has_not_named(client, province_user, world):
    client.force_login(province_user)
    response = client.get(reverse("networks:list"))
    rows = {row["district"].code: row for row in response.context["rows"]}
    assert len(rows) == 13  # every amphoe of Lampang
    assert rows["5201"]["reps"].member == holder(world["amphoe_committee"], "secretary")
    assert [d.code for d in response.context["missing_reps"]] == [c for c in sorted(rows) if c != "5201"]
    body = response.content.decode()
    assert f"1. {holder(world['amphoe_committee'], 'chair').full_name} (ประธานเครือข่าย)" in body


def test_signatories_must_be_the_chair_a_vice_chair_and_the_treasurer(district_user, world):
    committee = world["amphoe_committee"]
    with pytest.raises(ValidationError) as error:
        services.bank_account_save(network=world["amphoe"], actor=district_user,
                                   data={"bank": "baac", "account_name": "บัญชี", "account_number": "1"},
                                   signatories={"chair": holder(committee, "chair"), "vice-chair": holder(committee, "secretary"),
                                                "treasurer": holder(committee, "treasurer")})
    assert error.value.message_dict == {"vice-chair": ["ผู้ลงนามต้องเป็นรองประธานของคณะกรรมการชุดปัจจุบัน"]}
    assert BankAccount.objects.get(network=world["amphoe"]).bank == "ktb"  # unchanged


def test_an_other_bank_needs_its_name(district_user, world):
    committee = world["amphoe_committee"]
    signatories = {"chair": holder(committee, "chair"), "vice-chair": holder(committee, "vice-chair"),
                   "treasurer": holder(committee, "treasurer")}
    with pytest.raises(ValidationError) as error:
        services.bank_account_save(network=world["amphoe"], actor=district_user,
                                   data={"bank": "other", "account_name": "บัญชี", "account_number": "1"}, signatories=signatories)
    assert error.value.message_dict == {"bank_other": ["กรุณาระบุชื่อสถาบันการเงิน"]}


def test_a_signatory_no_longer_on_the_committee_is_flagged(client, district_user, world):
    account = world["amphoe"].bank_account
    assert services.signatory_flags(world["amphoe"], account) == []
    Signatory.objects.filter(account=account, role="treasurer").update(first_name="สมจิตร", last_name="คนเดิม")
    flags = services.signatory_flags(world["amphoe"], account)
    assert flags == ["นายสมจิตร คนเดิม (ผู้ลงนามในฐานะเหรัญญิก) ไม่ได้ดำรงตำแหน่งเหรัญญิกในคณะกรรมการชุดปัจจุบันแล้ว "
                     "ควรเปลี่ยนผู้มีอำนาจลงนามที่ธนาคาร"]
    client.force_login(district_user)
    body = client.get(reverse("networks:money", args=[world["amphoe"].pk])).content.decode()
    assert flags[0] in body
    assert "การถอนเงินต้องลงนาม 2 ใน 3 คน และประธานต้องลงนามทุกครั้ง" in body


def test_income_by_source_spending_by_resolution_and_the_balance(client, district_user, world):
    network = world["amphoe"]
    for source, amount in [("government", "20000"), ("group-contribution", "5000.50")]:
        services.fund_entry_add(network=network, actor=district_user, data={
            "kind": "income", "source": source, "occurred_on": dt.date(2026, 10, 1), "amount": Decimal(amount),
            "description": "รับเงิน"})
    with pytest.raises(ValidationError) as error:
        services.fund_entry_add(network=network, actor=district_user, data={
            "kind": "spending", "occurred_on": dt.date(2026, 10, 2), "amount": Decimal("100"), "description": "จ่าย"})
    assert error.value.message_dict == {"resolution": ["รายจ่ายต้องระบุมติที่ประชุมคณะกรรมการที่อนุมัติ"]}
    services.fund_entry_add(network=network, actor=district_user, data={
        "kind": "spending", "occurred_on": dt.date(2026, 10, 3), "amount": Decimal("1234.25"), "description": "ค่าประชุม",
        "resolution": "มติที่ประชุม ครั้งที่ ๑/๒๕๗๐"})
    assert FundEntry.objects.filter(network=network).count() == 3
    client.force_login(district_user)
    response = client.get(reverse("networks:money", args=[network.pk]))
    assert response.context["balance"] == Decimal("23766.25")
    assert '<b id="balance">23,766.25</b>' in response.content.decode()
    assert response.context["income_by_source"] == {"เงินสนับสนุนจากรัฐบาล": Decimal("20000"),
                                                    "เงินสมทบจากกลุ่มออมทรัพย์เพื่อการผลิต": Decimal("5000.50")}


def test_spending_without_a_resolution_is_refused_by_the_form(client, district_user, world):
    client.force_login(district_user)
    response = client.post(reverse("networks:fund_entry_add", args=[world["amphoe"].pk]), {
        "kind": "spending", "occurred_on": "03/10/2569", "description": "ค่าประชุม", "amount": "100"})
    assert response.status_code == 200
    assert "รายจ่ายต้องระบุมติที่ประชุมคณะกรรมการที่อนุมัติ" in response.content.decode()
    assert FundEntry.objects.count() == 0


def test_every_plan_status_move_allowed_and_forbidden(district_user, province_user, world):
    plan = world["plan"]
    PlanActivity.objects.create(plan=plan, name="ประชุม", objective="ติดตาม", month=10, responsible="ประธาน")
    for start in DrivePlan.Status:
        for target in DrivePlan.Status:
            DrivePlan.objects.filter(pk=plan.pk).update(status=start)
            plan.refresh_from_db()
            allowed = target in DrivePlan.STATUS_MOVES[start]
            move = {
                DrivePlan.Status.SUBMITTED: lambda: services.plan_submit(plan=plan, actor=district_user),
                DrivePlan.Status.RETURNED: lambda: services.plan_return(plan=plan, actor=province_user, reason="แก้"),
                DrivePlan.Status.DRAFT: None,
            }[target]
            if move is None:  # no move leads back to draft
                assert not allowed
                continue
            if allowed:
                move()
                plan.refresh_from_db()
                assert plan.status == target
            else:
                with pytest.raises(ValidationError):
                    move()


def test_an_empty_plan_cannot_be_submitted(district_user, world):
    with pytest.raises(ValidationError, match="แผนยังไม่มีกิจกรรม"):
        services.plan_submit(plan=world["plan"], actor=district_user)


def test_the_plan_shows_its_fiscal_year_and_months_in_buddhist_era(client, district_user, world):
    client.force_login(district_user)
    url = reverse("networks:plan_edit", args=[world["plan"].pk])
    data = {"activities-TOTAL_FORMS": "2", "activities-INITIAL_FORMS": "0",
            "activities-0-name": "อบรมบัญชี", "activities-0-objective": "จัดทำบัญชีได้", "activities-0-month": "12",
            "activities-0-budget": "15,000", "activities-0-responsible": "เหรัญญิก",
            "activities-1-name": "", "activities-1-objective": ""}
    assert client.post(url, data).status_code == 302
    body = client.get(reverse("networks:plan_detail", args=[world["plan"].pk])).content.decode()
    assert "ปีงบประมาณ พ.ศ. 2570" in body
    assert "ธ.ค. 2569" in body  # December of fiscal year 2570 is in 2569
    assert "15,000.00" in body


def test_the_province_sees_which_districts_submitted_their_plan(client, province_user, world):
    client.force_login(province_user)
    response = client.get(reverse("networks:list"), {"year": "2569"})
    rows = {row["district"].code: row for row in response.context["rows"]}
    assert rows["5201"]["plan"] == world["submitted"]
    assert [code for code, row in rows.items() if row["plan"]] == ["5201"]
    assert response.context["submitted"] == 1
    assert "ส่งแผนการขับเคลื่อนแล้ว 1 จาก 13 อำเภอ" in response.content.decode()


def test_the_account_form_starts_from_the_signatories_on_record(client, district_user, world):
    client.force_login(district_user)
    form = client.get(reverse("networks:bank_account", args=[world["amphoe"].pk])).context["form"]
    committee = world["amphoe_committee"]
    assert form.initial["signatory_chair"] == holder(committee, "chair").pk
    assert form.initial["signatory_treasurer"] == holder(committee, "treasurer").pk
    assert form.initial["account_number"] == "123-4-56789-0"
