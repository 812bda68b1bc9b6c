"""The committee rules of the Surat Thani drafts, in one place.

The committee page (live, on unsaved rows), the services (before "ready to appoint") and the
tests all call `check()`. Each rule answers with whether it holds and, when broken, why, in Thai.

Sources: the draft orders (seats and how many hold each), the draft tambon bylaws ข้อ ๗ (at least
one per village, at least 15 people), the guideline item 1 (at least one per group at tambon
level, at least one per tambon network at amphoe level).
"""

from collections import Counter
from dataclasses import dataclass, field

from groups.models import SavingsGroup
from networks.models import Level, SeatKind

TAMBON_MIN_PEOPLE = 15


@dataclass
class Rule:
    code: str
    label: str
    ok: bool
    problems: list[str] = field(default_factory=list)


@dataclass
class Context:
    """What the rules need to know about a network besides its seat holders."""

    level: str
    seat_kinds: dict  # id -> SeatKind
    member_groups: dict = field(default_factory=dict)  # id -> group (with village)
    villages: dict = field(default_factory=dict)  # village code -> label, villages with an active group
    group_village: dict = field(default_factory=dict)  # group id -> village code (member and active groups)
    tambon_networks: dict = field(default_factory=dict)  # id -> name of the member tambon networks


def context_for(network) -> Context:
    """Loads what `check` needs: seat kinds, and member groups + villages (tambon) or member
    tambon networks (amphoe). Three queries at most."""
    context = Context(level=network.level, seat_kinds={k.pk: k for k in SeatKind.objects.all()})
    if network.level == Level.TAMBON:
        active = SavingsGroup.objects.active().filter(village__subdistrict_id=network.subdistrict_id).select_related("village")
        members = network.member_groups.select_related("village")
        for group in list(active) + list(members):
            context.group_village[group.pk] = group.village_id
        for group in active:
            context.villages[group.village_id] = f"หมู่ที่ {group.village.moo} บ้าน{group.village.name}"
        context.member_groups = {g.pk: g for g in members}
    elif network.level == Level.AMPHOE:
        context.tambon_networks = dict(network.children.filter(level=Level.TAMBON).values_list("pk", "name"))
    return context


def _n(value) -> str:
    return str(value)


def _name(holder) -> str:
    return f"{holder.title}{holder.first_name} {holder.last_name}".strip()


def check(holders, context: Context) -> list[Rule]:
    """Every rule for a committee of `context.level` with these seat holders (saved or not;
    anything with seat_kind_id, title, first_name, last_name, national_id, group_id and
    tambon_network_id)."""
    holders = [h for h in holders if (h.first_name or "").strip() or (h.last_name or "").strip()]
    kinds = context.seat_kinds
    by_kind = Counter(h.seat_kind_id for h in holders)
    rules = []

    chair_ids = [k.pk for k in kinds.values() if k.code == SeatKind.CHAIR]
    chairs = sum(by_kind[pk] for pk in chair_ids)
    problems = []
    if chairs == 0:
        problems.append("ยังไม่มีประธานเครือข่าย")
    elif chairs > 1:
        problems.append(f"มีประธานเครือข่าย {_n(chairs)} คน ต้องมีเพียง 1 คน")
    rules.append(Rule("one_chair", "มีประธานเครือข่าย 1 คน", not problems, problems))

    problems = []
    for kind in sorted(kinds.values(), key=lambda k: k.order):
        limit = kind.limit_for(context.level)
        if limit is not None and by_kind[kind.pk] > limit:
            problems.append(f"ตำแหน่ง{kind.title} มี {_n(by_kind[kind.pk])} คน คำสั่งกำหนดไว้ไม่เกิน {_n(limit)} คน")
    rules.append(Rule("seat_limits", "จำนวนผู้ดำรงแต่ละตำแหน่งไม่เกินที่คำสั่งกำหนด", not problems, problems))

    problems = []
    seats_of = {}
    for holder in holders:
        key = f"{holder.first_name.strip()}|{holder.last_name.strip()}"
        seats_of.setdefault(key, []).append(holder)
    for same in seats_of.values():
        if len(same) > 1:
            titles = ", ".join(kinds[h.seat_kind_id].title for h in same if h.seat_kind_id in kinds)
            problems.append(f"{_name(same[0])} มีชื่ออยู่ {_n(len(same))} ตำแหน่ง ({titles}) หนึ่งคนดำรงได้ตำแหน่งเดียว")
    ids = Counter(h.national_id for h in holders if h.national_id)
    for national_id, count in ids.items():
        if count > 1:
            names = ", ".join(_name(h) for h in holders if h.national_id == national_id)
            problems.append(f"เลขประจำตัวประชาชนเดียวกันใช้กับ {_n(count)} ตำแหน่ง ({names})")
    rules.append(Rule("one_seat_per_person", "หนึ่งคนดำรงตำแหน่งเดียวในคณะกรรมการ", not problems, problems))

    if context.level == Level.TAMBON:
        people = len(seats_of)
        problems = [] if people >= TAMBON_MIN_PEOPLE else [
            f"มีกรรมการ {_n(people)} คน ต้องมีไม่น้อยกว่า {_n(TAMBON_MIN_PEOPLE)} คน (ขาดอีก {_n(TAMBON_MIN_PEOPLE - people)} คน)"
        ]
        rules.append(Rule("tambon_min_people", "กรรมการไม่น้อยกว่า 15 คน (ร่างระเบียบระดับตำบล ข้อ 7)", not problems, problems))

        represented_villages = {context.group_village.get(h.group_id) for h in holders if h.group_id}
        missing = [label for code, label in sorted(context.villages.items()) if code not in represented_villages]
        problems = [f"ยังไม่มีผู้แทน{label}" for label in missing]
        rules.append(Rule("tambon_every_village", "ผู้แทนอย่างน้อยหมู่บ้านละ 1 คน ทุกหมู่บ้านที่มีกลุ่ม", not problems, problems))

        represented_groups = {h.group_id for h in holders if h.group_id}
        problems = [
            f"ยังไม่มีผู้แทน{group.name} (หมู่ที่ {_n(group.village.moo)})"
            for pk, group in sorted(context.member_groups.items(), key=lambda item: item[1].code)
            if pk not in represented_groups
        ]
        rules.append(Rule("tambon_every_group", "ผู้แทนอย่างน้อยกลุ่มละ 1 คน ทุกกลุ่มสมาชิก (แนวทางการดำเนินงาน)", not problems, problems))

    if context.level == Level.AMPHOE:
        represented = {h.tambon_network_id for h in holders if h.tambon_network_id}
        problems = [f"ยังไม่มีผู้แทน{name}" for pk, name in sorted(context.tambon_networks.items(), key=lambda i: i[1])
                    if pk not in represented]
        if not context.tambon_networks:
            problems.append("อำเภอนี้ยังไม่มีเครือข่ายระดับตำบล")
        rules.append(Rule("amphoe_every_tambon", "ผู้แทนเครือข่ายตำบลอย่างน้อยเครือข่ายละ 1 คน", not problems, problems))

    return rules


def all_hold(rules: list[Rule]) -> bool:
    return all(rule.ok for rule in rules)


def check_committee(committee, context: Context | None = None) -> list[Rule]:
    """The rules for a saved committee."""
    context = context or context_for(committee.network)
    return check(list(committee.holders.all()), context)
