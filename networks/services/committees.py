"""Committees: creating one, the next term, the appointment order's details, the seat table and
the status moves (the one guard)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import thai
from networks import permissions, rules
from networks.models import (
    COMMITTEE_STATUS,
    Committee,
    Network,
    ProvinceRepresentatives,
    SeatHolder,
    term_end_for,
)
from networks.models.committees import ORDER_NUMBER_TAKEN
from networks.services.events import Kind, record_event

# An appointed committee's list is closed (the page says it too).
APPOINTED_LOCKED_REFUSED = "คณะกรรมการชุดนี้แต่งตั้งแล้ว แก้ไขรายชื่อไม่ได้ ให้เริ่มวาระใหม่"


@transaction.atomic
def committee_create(*, network: Network, actor, term_start: dt.date, adviser_name="", adviser_position="") -> Committee:
    permissions.require_edit(actor, network)
    if network.committees.filter(term_start=term_start).exists():
        raise ValidationError({"term_start": "เครือข่ายนี้มีคณะกรรมการที่เริ่มวาระวันนี้แล้ว"})
    COMMITTEE_STATUS.check("", Committee.Status.DRAFT)  # a new committee enters as a draft
    committee = Committee.objects.create(
        network=network, term_start=term_start, adviser_name=adviser_name, adviser_position=adviser_position,
    )
    record_event(network, actor, Kind.COMMITTEE_CREATED, f"วาระเริ่ม {thai.format_date(term_start, 'long')}", committee)
    return committee


@transaction.atomic
def committee_next_term(*, committee: Committee, actor) -> Committee:
    """A new committee for the term after `committee`, starting with a copy of its seats."""
    permissions.require_edit(actor, committee.network)
    start = term_end_for(committee.term_start) + dt.timedelta(days=1)
    if committee.network.committees.filter(term_start__gte=start).exists():
        raise ValidationError("เครือข่ายนี้มีคณะกรรมการวาระถัดไปแล้ว")
    COMMITTEE_STATUS.check("", Committee.Status.DRAFT)
    new = Committee.objects.create(
        network=committee.network, previous=committee, term_start=start,
        adviser_name=committee.adviser_name, adviser_position=committee.adviser_position,
    )
    SeatHolder.objects.bulk_create([
        SeatHolder(
            committee=new, seat_kind_id=h.seat_kind_id, position=h.position, title=h.title, first_name=h.first_name,
            last_name=h.last_name, group_id=h.group_id, tambon_network_id=h.tambon_network_id, phone=h.phone,
            national_id=h.national_id,
        )
        for h in committee.holders.all()
    ])
    record_event(committee.network, actor, Kind.COMMITTEE_NEXT_TERM, f"คัดลอกกรรมการ {committee.holders.count()} คนจากวาระก่อน", new)
    return new


ORDER_FIELDS = [
    "term_start", "adviser_name", "adviser_position", "order_number", "order_year", "order_date",
    "signer_name", "signer_position", "signer_acting_for_chief",
]


@transaction.atomic
def committee_update_details(*, committee: Committee, actor, data: dict) -> Committee:
    """Term start, adviser and the appointment order's number, date and signer."""
    committee = Committee.objects.select_for_update(of=("self",), no_key=True).select_related("network").get(pk=committee.pk)
    permissions.require_edit(actor, committee.network)
    for name in ORDER_FIELDS:
        if name in data:
            setattr(committee, name, data[name])
    if committee.order_date and not data.get("order_year"):
        committee.order_year = committee.order_date.year + 543
    committee.full_clean(exclude=["district", "network", "previous"])
    if committee.order_number is not None:
        clash = Committee.objects.filter(
            district_id=committee.network.district_id, order_year=committee.order_year, order_number=committee.order_number,
        ).exclude(pk=committee.pk)
        if clash.exists():
            raise ValidationError({"order_number": ORDER_NUMBER_TAKEN})
    try:
        with transaction.atomic():
            committee.save(update_fields=[*ORDER_FIELDS, "updated_at"])
    except IntegrityError as error:
        raise ValidationError({"order_number": ORDER_NUMBER_TAKEN}) from error
    record_event(committee.network, actor, Kind.COMMITTEE_ORDER_UPDATED, committee.order_reference, committee)
    return committee


def next_order_number(district_id, year_be: int) -> int:
    """The district's next free order number in a BE year (a suggestion; the officer may change it)."""
    used = Committee.objects.filter(district_id=district_id, order_year=year_be).values_list("order_number", flat=True)
    return max([n for n in used if n] or [0]) + 1


HOLDER_FIELDS = ["seat_kind_id", "title", "first_name", "last_name", "group_id", "tambon_network_id", "phone", "national_id"]


@transaction.atomic
def committee_save_seats(*, committee: Committee, actor, rows: list[dict]) -> list[rules.Rule]:
    """Replaces the committee's seat holders by `rows` (in print order; each a dict of
    HOLDER_FIELDS and an optional "id" of a holder kept). A committee that then breaks a rule is
    a draft. Returns the rules as they now stand."""
    committee = Committee.objects.select_for_update(of=("self",), no_key=True).get(pk=committee.pk)
    network = committee.network
    permissions.require_edit(actor, network)
    if committee.status == Committee.Status.APPOINTED:
        raise ValidationError(APPOINTED_LOCKED_REFUSED)
    context = rules.context_for(network)
    allowed_groups = set(context.member_groups)
    allowed_tambons = set(context.tambon_networks)
    existing = {h.pk: h for h in committee.holders.all()}
    keep, create = [], []
    for position, row in enumerate(rows, start=1):
        if row.get("group_id") and row["group_id"] not in allowed_groups:
            raise ValidationError(f"แถวที่ {position}: กลุ่มที่เลือกไม่ได้เป็นกลุ่มสมาชิกของเครือข่ายนี้")
        if row.get("tambon_network_id") and row["tambon_network_id"] not in allowed_tambons:
            raise ValidationError(f"แถวที่ {position}: เครือข่ายตำบลที่เลือกไม่ได้อยู่ในอำเภอนี้")
        holder = existing.get(row.get("id")) or SeatHolder(committee=committee)
        for name in HOLDER_FIELDS:
            setattr(holder, name, row.get(name) or ("" if name not in ("group_id", "tambon_network_id", "seat_kind_id") else None))
        holder.position = position
        if holder.seat_kind_id not in context.seat_kinds:
            raise ValidationError(f"แถวที่ {position}: ไม่มีตำแหน่งนี้ในคำสั่ง")
        # The foreign keys were checked against the context above: no query per row for them.
        holder.full_clean(exclude=["committee", "seat_kind", "group", "tambon_network"])
        (keep if holder.pk else create).append(holder)
    gone = set(existing) - {h.pk for h in keep}
    if gone:
        # A representative who leaves the committee is no longer named to the province.
        ProvinceRepresentatives.objects.filter(chair_id__in=gone).delete()
        ProvinceRepresentatives.objects.filter(member_id__in=gone).delete()
        SeatHolder.objects.filter(pk__in=gone).delete()
    SeatHolder.objects.bulk_update(keep, HOLDER_FIELDS + ["position"]) if keep else None
    SeatHolder.objects.bulk_create(create)
    result = rules.check(keep + create, context)
    detail = f"กรรมการ {len(keep) + len(create)} คน"
    now, moved = timezone.now(), {}
    if committee.status == Committee.Status.READY and not rules.all_hold(result):
        # The move back to draft is recorded by this event, with its old and new status.
        moved = {"old": _move(committee, Committee.Status.DRAFT, now), "new": Committee.Status.DRAFT}
        detail += " ไม่ครบตามหลักเกณฑ์ กลับเป็นร่าง"
    record_event(network, actor, Kind.COMMITTEE_SEATS_SAVED, detail, committee, now=now, **moved)
    return result


def _move(committee, to, now) -> str:
    before = COMMITTEE_STATUS.move(committee, to)
    committee.status_changed_at = now
    committee.save(update_fields=["status", "status_changed_at", "updated_at"])
    return before


@transaction.atomic
def committee_move(*, committee: Committee, actor, to: str) -> Committee:
    """The one guard for a committee's status: ready only when every rule holds; appointed only
    with the order's number, date and signer."""
    committee = Committee.objects.select_for_update(of=("self",), no_key=True).select_related("network").get(pk=committee.pk)
    permissions.require_edit(actor, committee.network)
    COMMITTEE_STATUS.check(committee.status, to)
    if to == Committee.Status.READY:
        broken = [rule for rule in rules.check_committee(committee) if not rule.ok]
        if broken:
            raise ValidationError(["ยังทำเครื่องหมายพร้อมออกคำสั่งไม่ได้: " + rule.label + " — " + "; ".join(rule.problems)
                                   for rule in broken])
    if to == Committee.Status.APPOINTED:
        missing = [label for label, value in [
            ("เลขที่คำสั่ง", committee.order_number), ("วันที่สั่ง", committee.order_date),
            ("ผู้ลงนามคำสั่ง", committee.signer_name),
        ] if not value]
        if missing:
            raise ValidationError("กรุณาบันทึก " + ", ".join(missing) + " ก่อนบันทึกว่าแต่งตั้งแล้ว")
    now = timezone.now()
    before = _move(committee, to, now)
    record_event(committee.network, actor, Kind.COMMITTEE_STATUS,
                 f"{Committee.Status(before).label} → {committee.get_status_display()}", committee,
                 now=now, old=before, new=to)
    return committee
