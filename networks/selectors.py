"""What the networks list page shows: a district's own networks, or a province's districts with
their committees, representatives and drive plans; and the term warnings of the user's area.
National staff pick a province first: the whole country is some 900 districts in one table.

A fixed number of queries whatever the number of networks (see tests/networks/test_queries.py).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from accounts.scope import districts_visible_to
from geo.models import Province
from networks import permissions
from networks.models import (
    Committee,
    DrivePlan,
    FundEntry,
    Level,
    Network,
    ProvinceRepresentatives,
    fiscal_year_be,
)


def overview_context(user, year=None, province=None) -> dict:
    today = timezone.localdate()
    current_year = fiscal_year_be(today)
    try:
        fiscal_year = int(year) if year else current_year
    except ValueError:
        fiscal_year = current_year

    visible = Network.objects.visible_to(user)
    districts = districts_visible_to(user)
    provinces, chosen = [], None
    if user.is_national_staff:
        provinces = list(Province.objects.filter(code__in=districts.values("province_id")).order_by("name_th"))
        chosen = next((p for p in provinces if p.code == province), None)
        if chosen is None:
            return {
                "today": today, "fiscal_year": fiscal_year, "fiscal_years": range(current_year - 2, current_year + 2),
                "provinces": provinces, "province": None, "asks_for_province": True, "warnings": [],
                "is_district": False, "can_set_up": False,
            }
        visible = visible.filter(province_id=chosen.code)
        districts = districts.filter(province_id=chosen.code)

    networks = list(visible.select_related("district", "subdistrict", "province")
                    .order_by("district_id", "level", "subdistrict_id"))
    latest = {
        c.network_id: c
        for c in Committee.objects.filter(network__in=[n.pk for n in networks]).latest_per_network()
        .annotate(people=Count("holders"))
    }
    for network in networks:
        network.latest = latest.get(network.pk)
        if network.latest:
            network.latest.term_warning = network.latest.term_state(today)

    warnings = sorted(
        (n for n in networks if n.latest and n.latest.term_warning in ("ending", "expired")),
        key=lambda n: n.latest.term_ends_on,
    )
    context = {
        "today": today, "fiscal_year": fiscal_year, "fiscal_years": range(current_year - 2, current_year + 2),
        "networks": networks, "warnings": warnings, "can_set_up": permissions.can_set_up_networks(user),
        "is_district": user.is_district_staff, "provinces": provinces, "province": chosen,
    }
    if user.is_district_staff:
        context["own"] = networks
        return context

    amphoe = {n.district_id: n for n in networks if n.level == Level.AMPHOE}
    tambon_counts = {}
    for network in networks:
        if network.level == Level.TAMBON:
            tambon_counts[network.district_id] = tambon_counts.get(network.district_id, 0) + 1
    reps = {r.network_id: r for r in ProvinceRepresentatives.objects.filter(network__in=amphoe.values())
            .select_related("chair", "member__seat_kind")}
    plans = {p.network_id: p for p in DrivePlan.objects.filter(network__in=amphoe.values(), fiscal_year=fiscal_year)}
    rows = []
    for district in districts.select_related("province"):
        network = amphoe.get(district.code)
        rows.append({
            "district": district, "network": network, "tambon_networks": tambon_counts.get(district.code, 0),
            "reps": reps.get(network.pk) if network else None, "plan": plans.get(network.pk) if network else None,
        })
    context.update({
        "rows": rows,
        "province_networks": [n for n in networks if n.level == Level.PROVINCE],
        "missing_reps": [r["district"] for r in rows if not r["reps"]],
        "named": sum(1 for r in rows if r["reps"]),
        "submitted": sum(1 for r in rows if r["plan"] and r["plan"].status == DrivePlan.Status.SUBMITTED),
    })
    return context


@dataclass
class Ledger:
    """A network's income and spending as the money page shows it: every entry (voided ones kept,
    struck through), each in-force entry with the balance after it, and the totals."""

    entries: list
    balance: Decimal = Decimal(0)
    spending: Decimal = Decimal(0)
    income_by_source: dict = field(default_factory=dict)


def fund_ledger(network) -> Ledger:
    """The balance counts exactly `FundEntry.objects.in_force()`; the page lists the voided entries
    too, so each row says whether the rule counts it (one query)."""
    counted = FundEntry.objects.in_force().filter(pk=OuterRef("pk"))
    entries = list(network.fund_entries.annotate(counted=Exists(counted)))
    ledger = Ledger(entries=entries)
    for entry in entries:
        if not entry.counted:
            continue  # kept on the page, struck through; out of every total
        if entry.kind == FundEntry.Kind.INCOME:
            ledger.balance += entry.amount
            source = entry.get_source_display()
            ledger.income_by_source[source] = ledger.income_by_source.get(source, 0) + entry.amount
        else:
            ledger.balance -= entry.amount
            ledger.spending += entry.amount
        entry.balance_after = ledger.balance
    return ledger
