"""A network's income and spending: recorded, corrected with a reason, or voided (kept, struck
through and out of the balance; never deleted). Each is a NetworkEvent with the old and new values."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core import thai
from networks import permissions
from networks.models import FundEntry, Network
from networks.services.corrections import NOTHING_CHANGED
from networks.services.events import Kind, record_event

# What correcting or voiding an entry needs (the forms say it too).
EDIT_REASON_REQUIRED = "กรุณาระบุเหตุผลที่แก้ไขรายการ"
VOID_REASON_REQUIRED = "กรุณาระบุเหตุผลที่ยกเลิกรายการ"

# The fields an officer records and may correct, with how each reads in the event row.
FUND_FIELDS = {
    "kind": ("ประเภท", lambda e: e.get_kind_display()),
    "source": ("แหล่งที่มา", lambda e: e.get_source_display() or "-"),
    "occurred_on": ("วันที่", lambda e: thai.format_date(e.occurred_on)),
    "description": ("รายการ", lambda e: e.description),
    "amount": ("จำนวนเงิน", lambda e: f"{thai.format_money(e.amount)} บาท"),
    "resolution": ("มติที่อนุมัติ", lambda e: e.resolution or "-"),
}
# The event kind of each write, by the entry's kind (income or spending).
RECORDED = {FundEntry.Kind.INCOME: Kind.INCOME_RECORDED, FundEntry.Kind.SPENDING: Kind.SPENDING_RECORDED}
CORRECTED = {FundEntry.Kind.INCOME: Kind.INCOME_CORRECTED, FundEntry.Kind.SPENDING: Kind.SPENDING_CORRECTED}
VOIDED = {FundEntry.Kind.INCOME: Kind.INCOME_VOIDED, FundEntry.Kind.SPENDING: Kind.SPENDING_VOIDED}


@transaction.atomic
def fund_entry_add(*, network: Network, actor, data: dict) -> FundEntry:
    permissions.require_edit(actor, network)
    entry = FundEntry(network=network, recorded_by=actor, **data)
    entry.full_clean()
    entry.save()
    record_event(network, actor, RECORDED[entry.kind], f"{entry.description} {entry.amount:,.2f} บาท")
    return entry


def _locked(entry, actor) -> FundEntry:
    entry = FundEntry.objects.select_for_update(of=("self",), no_key=True).select_related("network").get(pk=entry.pk)
    permissions.require_edit(actor, entry.network)
    if entry.is_voided:
        raise ValidationError("รายการนี้ยกเลิกแล้ว แก้ไขหรือยกเลิกซ้ำไม่ได้")
    return entry


@transaction.atomic
def fund_entry_update(*, entry: FundEntry, actor, data: dict, reason: str) -> FundEntry:
    """Corrects a recorded entry; the event keeps each changed field's old and new value."""
    entry = _locked(entry, actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": EDIT_REASON_REQUIRED})
    before = {name: show(entry) for name, (_, show) in FUND_FIELDS.items()}
    for name in FUND_FIELDS:
        if name in data:
            setattr(entry, name, data[name] if data[name] is not None else "")
    entry.full_clean()
    changes = [
        f"{label}: {before[name]} → {show(entry)}" for name, (label, show) in FUND_FIELDS.items() if show(entry) != before[name]
    ]
    if not changes:
        raise ValidationError(NOTHING_CHANGED)
    now = timezone.now()
    entry.corrected_at, entry.correction_reason = now, reason
    entry.save()
    record_event(entry.network, actor, CORRECTED[entry.kind],
                 f"{entry.description}: " + "; ".join(changes) + f" (เหตุผล: {reason})", now=now)
    return entry


@transaction.atomic
def fund_entry_void(*, entry: FundEntry, actor, reason: str) -> FundEntry:
    """Voids an entry: it stays on the page struck through and leaves the balance."""
    entry = _locked(entry, actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": VOID_REASON_REQUIRED})
    now = timezone.now()
    entry.voided_at, entry.voided_by, entry.void_reason = now, actor, reason
    entry.save(update_fields=["voided_at", "voided_by", "void_reason"])
    record_event(entry.network, actor, VOIDED[entry.kind],
                 f"{entry.description} {thai.format_money(entry.amount)} บาท ลงวันที่ {thai.format_date(entry.occurred_on)}"
                 f" (เหตุผล: {reason})", now=now)
    return entry
