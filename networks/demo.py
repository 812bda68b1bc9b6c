"""Demo networks: every amphoe of Surat Thani (amphoe network, tambon networks, full committees,
representatives, bank accounts, money, drive plans) and a few amphoe of Lampang. Some committees
break a rule and some terms end within 90 days or have ended, so the warnings show. Repeatable:
a network that already has a committee is left alone. Runs after groups.demo."""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from geo.models import District, Province
from networks import services
from networks.models import (
    Committee,
    DrivePlan,
    FundEntry,
    Level,
    Network,
    SeatKind,
    Signatory,
    fiscal_year_be,
)

MEN = ["สมชาย", "บุญมี", "ประยูร", "สมาน", "ทองสุข", "วีระ", "เสถียร", "ชาญชัย", "สุรพล", "อำนาจ", "ไพโรจน์", "สมศักดิ์",
       "ธวัชชัย", "มานพ", "ประสิทธิ์", "สุเทพ", "บรรจง", "วิรัตน์", "สมพงษ์", "จำลอง"]
WOMEN = ["คำปุ่น", "บัวผัน", "สมพร", "มาลี", "อำไพ", "สุนีย์", "วันเพ็ญ", "ละเอียด", "จันทร์เพ็ญ", "ประไพ", "สายสุนีย์",
         "บุญเรือน", "นงลักษณ์", "ศรีนวล", "พรทิพย์", "รัชนี", "กนกวรรณ", "อุไร", "เพ็ญศรี", "ทองใบ"]
SURNAMES = ["ปัญญาวงศ์", "ใจมา", "ศรีวิชัย", "แก้วประเสริฐ", "ทองมา", "บุญยืน", "คำภีร์", "สุวรรณรัตน์", "รักษ์ไทย", "นาคสุข",
            "ชูช่วย", "ทองแก้ว", "แสงจันทร์", "พรหมทอง", "ศรีสุข", "เพชรรัตน์", "นวลแก้ว", "ขุนทอง", "ด้วงทอง", "เรืองศรี",
            "สังข์ทอง", "ณ นคร", "บุญช่วย", "จันทร์หอม", "คงแก้ว"]
LAMPANG_DISTRICTS = ["5201", "5202", "5203"]
BROKEN_EVERY = 7  # one tambon committee in seven is left breaking a rule
PLAN_ACTIVITIES = [
    ("ประชุมคณะกรรมการเครือข่ายประจำเดือน", "ติดตามการดำเนินงานของกลุ่มและแลกเปลี่ยนเรียนรู้", 10, Decimal("6000"), "ประธานเครือข่าย"),
    ("อบรมการจัดทำบัญชีกลุ่มออมทรัพย์", "ให้กรรมการกลุ่มจัดทำบัญชีได้ถูกต้องตามระเบียบ", 12, Decimal("15000"), "เหรัญญิกเครือข่าย"),
    ("ตรวจสุขภาพกลุ่มออมทรัพย์เพื่อการผลิต", "ประเมินความเข้มแข็งของกลุ่มและให้คำแนะนำ", 3, Decimal("8000"), "กรรมการส่งเสริมและสนับสนุนกิจกรรมฯ"),
    ("จัดงานวันออมทรัพย์ระดับอำเภอ", "ส่งเสริมการออมและระดมทุนเข้าเครือข่าย", 6, Decimal("20000"), "คณะกรรมการเครือข่าย"),
]


class _People:
    """Thai names, repeatably, distinct within one committee."""

    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def next(self):
        while True:
            woman = self.rng.random() < 0.6
            first = self.rng.choice(WOMEN if woman else MEN)
            last = self.rng.choice(SURNAMES)
            if (first, last) not in self.used:
                self.used.add((first, last))
                title = ("นาง" if self.rng.random() < 0.7 else "นางสาว") if woman else "นาย"
                return {"title": title, "first_name": first, "last_name": last,
                        "phone": f"08{self.rng.randint(10000000, 99999999)}"}


def _national_id(rng) -> str:
    digits = [rng.randint(1, 8)] + [rng.randint(0, 9) for _ in range(11)]
    check = (11 - sum(d * (13 - i) for i, d in enumerate(digits)) % 11) % 10
    return "".join(map(str, digits)) + str(check)


def _seat_rows(kinds, representing, people, rng, size, level):
    """`size` rows in print order; `representing` is cycled so each one gets a seat first."""
    rows = []
    order = []
    for kind in kinds:
        order += [kind] * kind.max_holders
    member = kinds[-1]
    while len(order) < size:
        order.append(member)
    people.used.clear()  # names are distinct within a committee
    for index, kind in enumerate(order[:size]):
        represents = representing[index % len(representing)] if representing else None
        row = {"seat_kind_id": kind.pk, **people.next(), "national_id": _national_id(rng) if rng.random() < 0.5 else ""}
        row["group_id"] = represents if level == Level.TAMBON else None
        row["tambon_network_id"] = represents if level == Level.AMPHOE else None
        rows.append(row)
    return rows


def _term_start(rng, index, today):
    """Most terms started with the 2566 letter; some end within 90 days, some have ended."""
    if index % 11 == 3:
        return today - dt.timedelta(days=4 * 365 - 40)  # ends within 90 days
    if index % 13 == 5:
        return today - dt.timedelta(days=4 * 365 + 60)  # expired
    return dt.date(2023, 7, rng.randint(20, 31))


def _seed_district(district, actor, kinds, rng, people, today, stats, *, full):
    services.district_networks_ensure(district=district, actor=actor)
    amphoe = Network.objects.get(level=Level.AMPHOE, district=district)
    if amphoe.committees.exists():
        return
    tambons = list(amphoe.children.order_by("subdistrict_id").prefetch_related("member_groups"))
    officer = f"{actor.first_name} {actor.last_name}".strip()
    for tambon in tambons:
        groups = sorted(g.pk for g in tambon.member_groups.all())
        committee = services.committee_create(
            network=tambon, actor=actor, term_start=_term_start(rng, stats["tambon"], today),
            adviser_name=officer, adviser_position=actor.position,
        )
        broken = stats["tambon"] % BROKEN_EVERY == 2
        size = max(15, len(groups)) + rng.randint(0, 4)
        rows = _seat_rows(kinds, groups, people, rng, size, Level.TAMBON)
        if broken:
            rows = rows[1:12]  # no chair, fewer than 15 people
        result = services.committee_save_seats(committee=committee, actor=actor, rows=rows)
        if all(rule.ok for rule in result):
            services.committee_move(committee=committee, actor=actor, to=Committee.Status.READY)
        stats["tambon"] += 1
    if not full:
        return
    committee = services.committee_create(
        network=amphoe, actor=actor, term_start=_term_start(rng, stats["amphoe"] * 5 + 3, today),
        adviser_name=officer, adviser_position=actor.position,
    )
    rows = _seat_rows(kinds, [t.pk for t in tambons], people, rng, 20, Level.AMPHOE)
    result = services.committee_save_seats(committee=committee, actor=actor, rows=rows)
    stats["amphoe"] += 1
    if all(rule.ok for rule in result):
        services.committee_move(committee=committee, actor=actor, to=Committee.Status.READY)
        office = actor.office
        services.committee_update_details(committee=committee, actor=actor, data={
            "order_number": services.next_order_number(district.code, 2566), "order_year": 2566,
            "order_date": dt.date(2023, 7, 28), "signer_name": office.chief_name,
            "signer_position": office.chief_title, "signer_acting_for_chief": stats["amphoe"] % 3 == 0,
        })
        services.committee_move(committee=committee, actor=actor, to=Committee.Status.APPOINTED)
    holders = list(committee.holders.select_related("seat_kind"))
    if stats["amphoe"] % 6 != 0:  # a few districts have not named them yet
        member = next(h for h in holders if h.seat_kind.code == "secretary")
        services.representatives_name(network=amphoe, actor=actor, member=member)
    by_seat = {}
    for holder in holders:
        by_seat.setdefault(holder.seat_kind.code, holder)
    services.bank_account_save(network=amphoe, actor=actor, data={
        "bank": ["ktb", "gsb", "baac"][stats["amphoe"] % 3], "branch": district.name_th,
        "account_name": amphoe.name, "account_number": f"{rng.randint(100, 999)}-{rng.randint(1, 9)}-{rng.randint(10000, 99999)}-{rng.randint(0, 9)}",
    }, signatories={Signatory.Role.CHAIR: by_seat["chair"], Signatory.Role.VICE_CHAIR: by_seat["vice-chair"],
                    Signatory.Role.TREASURER: by_seat["treasurer"]})
    if stats["amphoe"] % 5 == 2:
        # A treasurer who left the committee is still a signatory at the bank: the page flags it.
        Signatory.objects.filter(account__network=amphoe, role=Signatory.Role.TREASURER).update(
            title="นาง", first_name="สมจิตร", last_name="เหรัญญิกเดิม")
    for source, amount, days in [
        (FundEntry.Source.GOVERNMENT, Decimal("20000"), 300), (FundEntry.Source.GROUP_CONTRIBUTION, Decimal(rng.randint(5, 30) * 1000), 200),
        (FundEntry.Source.FUND_RAISING, Decimal(rng.randint(3, 15) * 1000), 100),
    ]:
        services.fund_entry_add(network=amphoe, actor=actor, data={
            "kind": FundEntry.Kind.INCOME, "source": source, "occurred_on": today - dt.timedelta(days=days),
            "amount": amount, "description": FundEntry.Source(source).label,
        })
    services.fund_entry_add(network=amphoe, actor=actor, data={
        "kind": FundEntry.Kind.SPENDING, "occurred_on": today - dt.timedelta(days=90), "amount": Decimal("6500"),
        "description": "ค่าอาหารและอาหารว่างประชุมคณะกรรมการเครือข่าย",
        "resolution": "มติที่ประชุมคณะกรรมการเครือข่าย ครั้งที่ 2/2569",
    })
    plan = services.plan_create(network=amphoe, actor=actor, fiscal_year=fiscal_year_be(today))
    services.plan_save_activities(plan=plan, actor=actor, activities=[
        {"name": n, "objective": o, "month": m, "budget": b, "responsible": r} for n, o, m, b, r in PLAN_ACTIVITIES
    ])
    if stats["amphoe"] % 4 != 1:
        services.plan_submit(plan=plan, actor=actor)
        stats["submitted"] += 1


@transaction.atomic
def seed() -> dict:
    rng = random.Random(2566)
    people = _People(rng)
    today = timezone.localdate()
    kinds = list(SeatKind.objects.order_by("order"))
    stats = {"tambon": 0, "amphoe": 0, "submitted": 0}
    before = Committee.objects.count()
    for code in ["84", "52"]:
        province_user = User.objects.filter(username=f"province{code}").first()
        if province_user:
            services.province_network_ensure(province=Province.objects.get(code=code), actor=province_user)
    districts = list(District.objects.filter(province_id="84")) + list(District.objects.filter(code__in=LAMPANG_DISTRICTS))
    for district in districts:
        actor = User.objects.filter(username=f"amphoe{district.code}").select_related("office").first()
        if actor is None:
            continue
        _seed_district(district, actor, kinds, rng, people, today, stats, full=True)
    return {
        "networks": Network.objects.count(), "committees": Committee.objects.count() - before,
        "plans submitted": DrivePlan.objects.filter(status=DrivePlan.Status.SUBMITTED).count(),
    }
