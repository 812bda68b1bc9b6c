"""Every write to networks, committees, money and plans: one transaction each, with its event row.

Functions are `<thing>_<verb>(*, ..., actor)`; views, forms and the demo call them.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import thai
from geo.models import District, Province
from groups.models import SavingsGroup
from networks import permissions, rules
from networks.models import (
    BankAccount,
    Committee,
    DrivePlan,
    FundEntry,
    Level,
    Network,
    NetworkEvent,
    PlanActivity,
    ProvinceRepresentatives,
    SeatHolder,
    SeatKind,
    Signatory,
    term_end_for,
)


def _event(network, actor, action, detail="", committee=None):
    NetworkEvent.objects.create(network=network, committee=committee, actor=actor, action=action, detail=detail)


# Networks ---------------------------------------------------------------------------------------


@transaction.atomic
def province_network_ensure(*, province: Province, actor) -> Network:
    network, created = Network.objects.get_or_create(
        level=Level.PROVINCE, province=province,
        defaults={"name": Network.default_name(Level.PROVINCE, province=province)},
    )
    if created:
        _event(network, actor, "สร้างเครือข่าย", network.name)
        Network.objects.filter(level=Level.AMPHOE, province=province, parent__isnull=True).update(parent=network)
    return network


@transaction.atomic
def district_networks_ensure(*, district: District, actor) -> dict:
    """The amphoe network of `district` and a tambon network for every tambon with an active
    group, each with its default name; a tambon network's members are the tambon's active groups.
    Networks already there are left as they are."""
    if not permissions.can_edit_network(actor, Network(level=Level.AMPHOE, district=district, province_id=district.province_id)):
        raise ValidationError("ท่านสร้างเครือข่ายได้เฉพาะอำเภอของท่าน")
    province_network = Network.objects.filter(level=Level.PROVINCE, province_id=district.province_id).first()
    amphoe, created = Network.objects.get_or_create(
        level=Level.AMPHOE, district=district,
        defaults={"province_id": district.province_id, "parent": province_network,
                  "name": Network.default_name(Level.AMPHOE, district=district)},
    )
    made = {"amphoe": int(created), "tambon": 0}
    if created:
        _event(amphoe, actor, "สร้างเครือข่าย", amphoe.name)
    groups_by_tambon = {}
    for group in SavingsGroup.objects.active().filter(district=district).select_related("village__subdistrict"):
        groups_by_tambon.setdefault(group.village.subdistrict, []).append(group)
    existing = set(Network.objects.tambon().filter(district=district).values_list("subdistrict_id", flat=True))
    for tambon, groups in sorted(groups_by_tambon.items(), key=lambda item: item[0].code):
        if tambon.code in existing:
            continue
        network = Network.objects.create(
            level=Level.TAMBON, subdistrict=tambon, district=district, province_id=district.province_id,
            parent=amphoe, name=Network.default_name(Level.TAMBON, subdistrict=tambon),
        )
        network.member_groups.set(groups)
        _event(network, actor, "สร้างเครือข่าย", f"{network.name} กลุ่มสมาชิก {len(groups)} กลุ่ม")
        made["tambon"] += 1
    return made


@transaction.atomic
def network_update(*, network: Network, actor, name: str, bylaws_announced_on) -> Network:
    permissions.require_edit(actor, network)
    if not name.strip():
        raise ValidationError({"name": "กรุณาระบุชื่อเครือข่าย"})
    changes = []
    if network.name != name.strip():
        changes.append(f"ชื่อ: {network.name} → {name.strip()}")
    if network.bylaws_announced_on != bylaws_announced_on:
        changes.append("วันที่ประกาศระเบียบเครือข่าย")
    network.name = name.strip()
    network.bylaws_announced_on = bylaws_announced_on
    network.full_clean()
    network.save()
    _event(network, actor, "แก้ไขข้อมูลเครือข่าย", "; ".join(changes))
    return network


@transaction.atomic
def network_set_member_groups(*, network: Network, actor, groups) -> Network:
    permissions.require_edit(actor, network)
    if network.level != Level.TAMBON:
        raise ValidationError("กลุ่มสมาชิกกำหนดได้เฉพาะเครือข่ายระดับตำบล")
    groups = list(groups)
    outside = [g for g in groups if g.village.subdistrict_id != network.subdistrict_id]
    if outside:
        raise ValidationError({"groups": f"{outside[0].name} ไม่ได้อยู่ในตำบล{network.subdistrict.name_th}"})
    before = set(network.member_groups.values_list("pk", flat=True))
    network.member_groups.set(groups)
    after = {g.pk for g in groups}
    _event(network, actor, "ปรับกลุ่มสมาชิก", f"เพิ่ม {len(after - before)} กลุ่ม ถอน {len(before - after)} กลุ่ม")
    return network


# Committees -------------------------------------------------------------------------------------


@transaction.atomic
def committee_create(*, network: Network, actor, term_start: dt.date, adviser_name="", adviser_position="") -> Committee:
    permissions.require_edit(actor, network)
    if network.committees.filter(term_start=term_start).exists():
        raise ValidationError({"term_start": "เครือข่ายนี้มีคณะกรรมการที่เริ่มวาระวันนี้แล้ว"})
    committee = Committee.objects.create(
        network=network, term_start=term_start, adviser_name=adviser_name, adviser_position=adviser_position,
    )
    _event(network, actor, "ตั้งคณะกรรมการ", f"วาระเริ่ม {thai.format_date(term_start, 'long')}", committee)
    return committee


@transaction.atomic
def committee_next_term(*, committee: Committee, actor) -> Committee:
    """A new committee for the term after `committee`, starting with a copy of its seats."""
    permissions.require_edit(actor, committee.network)
    start = term_end_for(committee.term_start) + dt.timedelta(days=1)
    if committee.network.committees.filter(term_start__gte=start).exists():
        raise ValidationError("เครือข่ายนี้มีคณะกรรมการวาระถัดไปแล้ว")
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
    _event(committee.network, actor, "เริ่มวาระใหม่", f"คัดลอกกรรมการ {committee.holders.count()} คนจากวาระก่อน", new)
    return new


ORDER_FIELDS = [
    "term_start", "adviser_name", "adviser_position", "order_number", "order_year", "order_date",
    "signer_name", "signer_position", "signer_acting_for_chief",
]


@transaction.atomic
def committee_update_details(*, committee: Committee, actor, data: dict) -> Committee:
    """Term start, adviser and the appointment order's number, date and signer."""
    committee = Committee.objects.select_for_update().select_related("network").get(pk=committee.pk)
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
            raise ValidationError({"order_number": "เลขที่คำสั่งนี้ของอำเภอในปีเดียวกันถูกใช้แล้ว"})
    try:
        with transaction.atomic():
            committee.save(update_fields=[*ORDER_FIELDS, "updated_at"])
    except IntegrityError as error:
        raise ValidationError({"order_number": "เลขที่คำสั่งนี้ของอำเภอในปีเดียวกันถูกใช้แล้ว"}) from error
    _event(committee.network, actor, "แก้ไขข้อมูลคำสั่งแต่งตั้ง", committee.order_reference, committee)
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
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    network = committee.network
    permissions.require_edit(actor, network)
    if committee.status == Committee.Status.APPOINTED:
        raise ValidationError("คณะกรรมการชุดนี้แต่งตั้งแล้ว แก้ไขรายชื่อไม่ได้ ให้เริ่มวาระใหม่")
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
    if committee.status == Committee.Status.READY and not rules.all_hold(result):
        _move(committee, Committee.Status.DRAFT)
        detail += " ไม่ครบตามหลักเกณฑ์ กลับเป็นร่าง"
    _event(network, actor, "บันทึกรายชื่อกรรมการ", detail, committee)
    return result


def _move(committee, to):
    if to not in Committee.STATUS_MOVES[committee.status]:
        raise ValidationError(
            f"เปลี่ยนสถานะจาก “{committee.get_status_display()}” เป็น “{Committee.Status(to).label}” ไม่ได้"
        )
    committee.status = to
    committee.status_changed_at = timezone.now()
    committee.save(update_fields=["status", "status_changed_at", "updated_at"])


@transaction.atomic
def committee_move(*, committee: Committee, actor, to: str) -> Committee:
    """The one guard for a committee's status: ready only when every rule holds; appointed only
    with the order's number, date and signer."""
    committee = Committee.objects.select_for_update().select_related("network").get(pk=committee.pk)
    permissions.require_edit(actor, committee.network)
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
    before = committee.get_status_display()
    _move(committee, to)
    _event(committee.network, actor, "เปลี่ยนสถานะคณะกรรมการ", f"{before} → {committee.get_status_display()}", committee)
    return committee


# Province representatives -------------------------------------------------------------------------


@transaction.atomic
def representatives_name(*, network: Network, actor, member: SeatHolder) -> ProvinceRepresentatives:
    """The amphoe network's chair and `member` go to the provincial committee."""
    permissions.require_edit(actor, network)
    if network.level != Level.AMPHOE:
        raise ValidationError("ผู้แทนเข้าร่วมคณะกรรมการระดับจังหวัดแจ้งโดยเครือข่ายระดับอำเภอ")
    committee = network.current_committee()
    if committee is None:
        raise ValidationError("เครือข่ายนี้ยังไม่มีคณะกรรมการ")
    chairs = list(committee.holders.filter(seat_kind__code=SeatKind.CHAIR))
    if len(chairs) != 1:
        raise ValidationError("คณะกรรมการต้องมีประธานเครือข่าย ๑ คนก่อนจึงจะแจ้งผู้แทนได้")
    if member.committee_id != committee.pk:
        raise ValidationError({"member": "ผู้แทนอีกคนต้องเป็นกรรมการเครือข่ายชุดปัจจุบัน"})
    if member.pk == chairs[0].pk:
        raise ValidationError({"member": "ประธานเครือข่ายเป็นผู้แทนอยู่แล้ว กรุณาเลือกกรรมการอีก ๑ คน"})
    reps, _ = ProvinceRepresentatives.objects.update_or_create(
        network=network, defaults={"chair": chairs[0], "member": member, "named_by": actor},
    )
    _event(network, actor, "แจ้งผู้แทนระดับจังหวัด", f"{chairs[0].full_name}, {member.full_name}", committee)
    return reps


# Money ------------------------------------------------------------------------------------------

SIGNATORY_SEATS = {
    Signatory.Role.CHAIR: SeatKind.CHAIR,
    Signatory.Role.VICE_CHAIR: SeatKind.VICE_CHAIR,
    Signatory.Role.TREASURER: SeatKind.TREASURER,
}


def signatory_flags(network, account) -> list[str]:
    """Signatories who no longer hold their seat in the current committee, in Thai."""
    committee = network.current_committee()
    holders = list(committee.holders.select_related("seat_kind")) if committee else []
    flags = []
    for signatory in account.signatories.all():
        seat = SIGNATORY_SEATS[signatory.role]
        if not any(h.person_key == signatory.person_key and h.seat_kind.code == seat for h in holders):
            flags.append(
                f"{signatory.full_name} (ผู้ลงนามในฐานะ{signatory.get_role_display()}) ไม่ได้ดำรงตำแหน่ง"
                f"{signatory.get_role_display()}ในคณะกรรมการชุดปัจจุบันแล้ว ควรเปลี่ยนผู้มีอำนาจลงนามที่ธนาคาร"
            )
    return flags


@transaction.atomic
def bank_account_save(*, network: Network, actor, data: dict, signatories: dict) -> BankAccount:
    """`signatories`: role → SeatHolder of the current committee holding that seat."""
    permissions.require_edit(actor, network)
    committee = network.current_committee()
    errors = {}
    for role, seat in SIGNATORY_SEATS.items():
        holder = signatories.get(role)
        if holder is None:
            errors[role] = f"กรุณาเลือก{Signatory.Role(role).label}"
        elif committee is None or holder.committee_id != committee.pk or holder.seat_kind.code != seat:
            errors[role] = f"ผู้ลงนามต้องเป็น{Signatory.Role(role).label}ของคณะกรรมการชุดปัจจุบัน"
    account = BankAccount.objects.filter(network=network).first() or BankAccount(network=network)
    for name in ["bank", "bank_other", "branch", "account_name", "account_number"]:
        setattr(account, name, (data.get(name) or "").strip())
    if account.bank != BankAccount.Bank.OTHER:
        account.bank_other = ""
    elif not account.bank_other:
        errors["bank_other"] = "กรุณาระบุชื่อสถาบันการเงิน"
    if errors:
        raise ValidationError(errors)
    account.full_clean(exclude=["network"])
    account.save()
    account.signatories.all().delete()
    Signatory.objects.bulk_create([
        Signatory(account=account, role=role, title=holder.title, first_name=holder.first_name, last_name=holder.last_name)
        for role, holder in signatories.items()
    ])
    _event(network, actor, "บันทึกบัญชีเงินฝาก", f"{account.bank_name} {account.account_number}")
    return account


@transaction.atomic
def fund_entry_add(*, network: Network, actor, data: dict) -> FundEntry:
    permissions.require_edit(actor, network)
    entry = FundEntry(network=network, recorded_by=actor, **data)
    entry.full_clean()
    entry.save()
    _event(network, actor, f"บันทึก{entry.get_kind_display()}", f"{entry.description} {entry.amount:,.2f} บาท")
    return entry


# Drive plans ------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, network: Network, actor, fiscal_year: int) -> DrivePlan:
    permissions.require_edit(actor, network)
    if network.plans.filter(fiscal_year=fiscal_year).exists():
        raise ValidationError({"fiscal_year": "เครือข่ายนี้มีแผนของปีงบประมาณนี้แล้ว"})
    plan = DrivePlan(network=network, fiscal_year=fiscal_year)
    plan.full_clean()
    plan.save()
    _event(network, actor, "สร้างแผนการขับเคลื่อน", plan.fiscal_year_label)
    return plan


@transaction.atomic
def plan_save_activities(*, plan: DrivePlan, actor, activities: list[dict]) -> DrivePlan:
    permissions.require_edit(actor, plan.network)
    if plan.status == DrivePlan.Status.SUBMITTED:
        raise ValidationError("แผนนี้ส่งจังหวัดแล้ว แก้ไขไม่ได้ จนกว่าจังหวัดจะส่งกลับ")
    rows = []
    for position, data in enumerate(activities, start=1):
        row = PlanActivity(plan=plan, position=position, **data)
        row.full_clean(exclude=["plan"])
        rows.append(row)
    plan.activities.all().delete()
    PlanActivity.objects.bulk_create(rows)
    _event(plan.network, actor, "บันทึกกิจกรรมตามแผน", f"{plan.fiscal_year_label} {len(rows)} กิจกรรม")
    return plan


def _plan_move(plan, to):
    if to not in DrivePlan.STATUS_MOVES[plan.status]:
        raise ValidationError(f"เปลี่ยนสถานะแผนจาก “{plan.get_status_display()}” เป็น “{DrivePlan.Status(to).label}” ไม่ได้")
    plan.status = to


@transaction.atomic
def plan_submit(*, plan: DrivePlan, actor) -> DrivePlan:
    plan = DrivePlan.objects.select_for_update().select_related("network").get(pk=plan.pk)
    permissions.require_edit(actor, plan.network)
    if plan.network.level != Level.AMPHOE:
        raise ValidationError("แผนที่ส่งจังหวัดคือแผนของเครือข่ายระดับอำเภอ")
    if not plan.activities.exists():
        raise ValidationError("แผนยังไม่มีกิจกรรม กรุณาเพิ่มกิจกรรมก่อนส่งจังหวัด")
    _plan_move(plan, DrivePlan.Status.SUBMITTED)
    plan.submitted_at, plan.submitted_by, plan.return_reason = timezone.now(), actor, ""
    plan.save()
    _event(plan.network, actor, "ส่งแผนการขับเคลื่อนให้จังหวัด", plan.fiscal_year_label)
    return plan


@transaction.atomic
def plan_return(*, plan: DrivePlan, actor, reason: str) -> DrivePlan:
    plan = DrivePlan.objects.select_for_update().select_related("network").get(pk=plan.pk)
    if not permissions.can_review_plans(actor, plan.network):
        raise ValidationError("เฉพาะสำนักงานพัฒนาชุมชนจังหวัดเท่านั้นที่ส่งแผนกลับได้")
    if not reason.strip():
        raise ValidationError({"reason": "กรุณาระบุเหตุผลที่ส่งกลับ"})
    _plan_move(plan, DrivePlan.Status.RETURNED)
    plan.return_reason = reason.strip()
    plan.save()
    _event(plan.network, actor, "จังหวัดส่งแผนกลับแก้ไข", reason.strip())
    return plan
