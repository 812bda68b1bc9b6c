"""Corrections to an appointed committee: its seats are locked (seat changes and additions wait
for the next term), but a holder's name spelling, title, phone and national ID may be put right.
Each correction is an event with the old and new values (national IDs masked, since the network's
history is read by the province too)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from networks import permissions, rules
from networks.models import Committee, Signatory, mask_national_id
from networks.services.events import Kind, record_event

# A correction that changes nothing (fund entries too).
NOTHING_CHANGED = "ข้อมูลไม่ได้เปลี่ยนจากเดิม ไม่มีสิ่งที่ต้องแก้ไข"

# What a correction needs (the form says it too).
CORRECTION_REASON_REQUIRED = "กรุณาระบุเหตุผลที่แก้ไข"

# The fields a correction may touch, with their Thai labels; seat, represents and order are not here.
CORRECTABLE = {
    "title": "คำนำหน้า",
    "first_name": "ชื่อ",
    "last_name": "นามสกุล",
    "phone": "โทรศัพท์",
    "national_id": "เลขประจำตัวประชาชน",
}


def _shown(name, value) -> str:
    if not value:
        return "-"
    return mask_national_id(value) if name == "national_id" else value


@transaction.atomic
def committee_correct_holders(*, committee: Committee, actor, corrections: dict, reason: str) -> list[str]:
    """`corrections`: holder id → {field: new value} for fields of CORRECTABLE (anything else is
    refused). Returns the lines written to the event, one per corrected person."""
    committee = Committee.objects.select_for_update(of=("self",), no_key=True).select_related("network").get(pk=committee.pk)
    network = committee.network
    permissions.require_edit(actor, network)
    if committee.status != Committee.Status.APPOINTED:
        raise ValidationError("แก้ไขคำผิดได้เฉพาะคณะกรรมการที่แต่งตั้งแล้ว ชุดที่ยังไม่แต่งตั้งให้แก้ในตารางรายชื่อ")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": CORRECTION_REASON_REQUIRED})
    holders = {h.pk: h for h in committee.seats_in_order()}
    context = rules.context_for(network)
    held_before = {rule.code for rule in rules.check(holders.values(), context) if rule.ok}
    lines, changed, renamed = [], [], []
    for holder_id, values in corrections.items():
        holder = holders.get(holder_id)
        if holder is None:
            raise ValidationError("มีรายชื่อที่ไม่ได้อยู่ในคณะกรรมการชุดนี้ เพิ่มกรรมการได้ในวาระถัดไปเท่านั้น")
        extra = set(values) - set(CORRECTABLE)
        if extra:
            raise ValidationError("คณะกรรมการที่แต่งตั้งแล้ว แก้ได้เฉพาะคำนำหน้า ชื่อ นามสกุล โทรศัพท์ และเลขประจำตัวประชาชน "
                                  "การเปลี่ยนตำแหน่งต้องทำในวาระถัดไป")
        before = {name: getattr(holder, name) for name in CORRECTABLE}
        old_key, old_name = holder.person_key, holder.full_name
        for name, value in values.items():
            setattr(holder, name, (value or "").strip())
        diffs = [f"{label}: {_shown(name, before[name])} → {_shown(name, getattr(holder, name))}"
                 for name, label in CORRECTABLE.items() if getattr(holder, name) != before[name]]
        if not diffs:
            continue
        try:
            holder.full_clean(exclude=["committee", "seat_kind", "group", "tambon_network"])
        except ValidationError as error:
            raise ValidationError([f"ลำดับที่ {holder.number}: {m}" for m in error.messages]) from error
        lines.append(f"ลำดับที่ {holder.number} {old_name} ({holder.seat_title}): " + "; ".join(diffs))
        changed.append(holder)
        if holder.person_key != old_key or before["title"] != holder.title:
            renamed.append((old_key, holder))
    if not changed:
        raise ValidationError(NOTHING_CHANGED)
    broken = [rule for rule in rules.check(holders.values(), context) if not rule.ok and rule.code in held_before]
    if broken:
        raise ValidationError([f"แก้แล้วผิดหลักเกณฑ์: {rule.label} — " + "; ".join(rule.problems) for rule in broken])
    type(changed[0]).objects.bulk_update(changed, list(CORRECTABLE))
    # The bank's signatories were copied from these holders: the same spelling follows.
    signed = 0
    for old_key, holder in renamed:
        first, last = old_key.split("|")
        signed += Signatory.objects.filter(account__network=network, first_name=first, last_name=last).update(
            title=holder.title, first_name=holder.first_name, last_name=holder.last_name)
    detail = "\n".join(lines) + f"\nเหตุผล: {reason}"
    if signed:
        detail += f"\nปรับชื่อผู้มีอำนาจลงนามบัญชีเงินฝากตามด้วย {signed} คน"
    record_event(network, actor, Kind.COMMITTEE_CORRECTED, detail, committee)
    return lines
