"""Builders for network tests: groups in a tambon, the district's networks, seat rows."""

import datetime as dt

from geo.models import District, Subdistrict
from networks import services
from networks.models import Level, Network, SeatKind
from tests.factories import GroupFactory, VillageFactory

TERM_START = dt.date(2023, 7, 24)
VALID_ID = "1101700203450"  # checksum digit 0


def groups_in(subdistrict_code, moos=(1, 2, 3), per_village=1):
    subdistrict = Subdistrict.objects.get(code=subdistrict_code)
    groups = []
    for moo in moos:
        village = VillageFactory(subdistrict=subdistrict, moo=moo)
        groups += [GroupFactory(village=village) for _ in range(per_village)]
    return groups


def district_networks(user):
    """The district's amphoe network and tambon networks (for tambons with active groups)."""
    services.district_networks_ensure(district=District.objects.get(code=user.office.district_id), actor=user)
    amphoe = Network.objects.get(level=Level.AMPHOE, district_id=user.office.district_id)
    return amphoe, list(amphoe.children.order_by("subdistrict_id"))


def kinds():
    return {k.code: k for k in SeatKind.objects.all()}


def rows(count, *, represents=(), level=Level.TAMBON, start=0):
    """`count` distinct people in the model order's seats (chair first, then ordinary members
    once the 20 seats are used), representing `represents` in turn."""
    by_code = kinds()
    order = []
    for kind in sorted(by_code.values(), key=lambda k: k.order):
        order += [kind] * kind.max_holders
    result = []
    for index in range(count):
        kind = order[index] if index < len(order) else by_code["member"]
        target = represents[index % len(represents)] if represents else None
        result.append({
            "seat_kind_id": kind.pk, "title": "นาย", "first_name": f"สมชาย{start + index}", "last_name": "ใจดี",
            "group_id": target.pk if target and level == Level.TAMBON else None,
            "tambon_network_id": target.pk if target and level == Level.AMPHOE else None,
            "phone": "", "national_id": "",
        })
    return result


def full_tambon_committee(user, network, people=15, term_start=TERM_START):
    committee = services.committee_create(network=network, actor=user, term_start=term_start)
    services.committee_save_seats(committee=committee, actor=user,
                                  rows=rows(people, represents=list(network.member_groups.order_by("pk"))))
    return committee
