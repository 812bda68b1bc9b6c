import datetime as dt

import pytest

from networks import services
from networks.models import Committee, DrivePlan, Level, SeatKind
from tests.networks.helpers import district_networks, full_tambon_committee, groups_in, rows


@pytest.fixture
def world(district_user, province_user):
    """Lampang's amphoe เมืองลำปาง (5201): a tambon network with 6 groups in 3 villages and a
    full committee; the amphoe network with a committee, representatives, an account, a draft
    plan and a submitted one."""
    groups_in("520101", moos=(1, 2, 3), per_village=2)
    amphoe, tambons = district_networks(district_user)
    tambon = tambons[0]
    tambon_committee = full_tambon_committee(district_user, tambon)
    amphoe_committee = services.committee_create(network=amphoe, actor=district_user, term_start=dt.date(2023, 7, 24))
    services.committee_save_seats(committee=amphoe_committee, actor=district_user,
                                  rows=rows(20, represents=tambons, level=Level.AMPHOE))
    holders = {h.seat_kind.code: h for h in amphoe_committee.holders.select_related("seat_kind").order_by("-pk")}
    services.representatives_name(network=amphoe, actor=district_user, member=holders["secretary"])
    services.bank_account_save(network=amphoe, actor=district_user, data={
        "bank": "ktb", "account_name": amphoe.name, "account_number": "123-4-56789-0"},
        signatories={"chair": holders[SeatKind.CHAIR], "vice-chair": holders[SeatKind.VICE_CHAIR],
                     "treasurer": holders[SeatKind.TREASURER]})
    plan = services.plan_create(network=amphoe, actor=district_user, fiscal_year=2570)
    submitted = services.plan_create(network=amphoe, actor=district_user, fiscal_year=2569)
    services.plan_save_activities(plan=submitted, actor=district_user, activities=[
        {"name": "ประชุมเครือข่าย", "objective": "ติดตามงาน", "month": 11, "budget": 5000, "responsible": "ประธาน"}])
    services.plan_submit(plan=submitted, actor=district_user)
    return {
        "amphoe": amphoe, "tambon": tambon, "tambons": tambons, "tambon_committee": tambon_committee,
        "amphoe_committee": Committee.objects.get(pk=amphoe_committee.pk), "plan": plan,
        "submitted": DrivePlan.objects.get(pk=submitted.pk),
    }
