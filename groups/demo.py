"""Demo groups and activities: about 40 groups per amphoe of Lampang and Surat Thani, repeatably
(fixed random seed; groups are matched by code, so a second run adds nothing)."""

import datetime as dt
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_PROVINCES
from geo.models import District, Village
from groups.models import Activity, ActivityType, GroupChange, SavingsGroup

GROUPS_PER_DISTRICT = 40
VILLAGE_NAMES = [
    "ดอนแก้ว", "หนองบัว", "ป่าตาล", "ทุ่งโฮ้ง", "สันทราย", "ห้วยทราย", "แม่ทะ", "นาแก้ว", "หัวฝาย", "ป่าแดง",
    "โป่งแดง", "ท่าศาลา", "บ่อแฮ้ว", "ศรีดอนชัย", "ไร่ใหม่", "ทุ่งกล้วย", "ควนสูง", "คลองน้อย", "บางใหญ่", "ท่าทอง",
    "เขาพัง", "หนองไทร", "ปากน้ำ", "ห้วยเสียด", "บ้านใหม่", "นาสาร", "ท่าข้าม", "ดอนสัก", "ไสใหญ่", "เกาะแก้ว",
]
NAME_PATTERNS = [
    "กลุ่มออมทรัพย์เพื่อการผลิตบ้าน{village}",
    "กลุ่มออมทรัพย์เพื่อการผลิตบ้าน{village} หมู่ที่ {moo}",
    "กลุ่มสัจจะออมทรัพย์เพื่อการผลิตบ้าน{village}",
    "กลุ่มออมทรัพย์เพื่อการผลิตตำบล{tambon} หมู่ที่ {moo}",
]
CHAIRS = ["นายบุญมี", "นางคำปุ่น", "นายสมาน", "นางบัวผัน", "นายทองสุข", "นางสมพร", "นายประยูร", "นางมาลี", "นายเสถียร", "นางอำไพ"]
SURNAMES = ["ปัญญาวงศ์", "ใจมา", "ศรีวิชัย", "แก้วประเสริฐ", "ทองมา", "บุญยืน", "คำภีร์", "สุวรรณรัตน์", "รักษ์ไทย", "นาคสุข"]
ACTIVITY_NAMES = {
    "กองทุนสวัสดิการ": "กองทุนสวัสดิการสมาชิก",
    "ร้านค้าชุมชน": "ร้านค้าชุมชนของกลุ่ม",
    "โรงสีข้าว": "โรงสีข้าวชุมชน",
    "กองทุนปุ๋ย": "กองทุนปุ๋ยเพื่อการเกษตร",
    "ฌาปนกิจ": "ฌาปนกิจสงเคราะห์สมาชิก",
    "สินเชื่อเพื่อการประกอบอาชีพ": "สินเชื่อเพื่อการประกอบอาชีพของสมาชิก",
}


@transaction.atomic
def seed() -> dict:
    rng = random.Random(2567)
    types = {t.name: t for t in ActivityType.objects.all()}
    existing = set(SavingsGroup.objects.values_list("code", flat=True))
    today = timezone.localdate()
    new_groups, villages = [], []
    for district in District.objects.filter(province_id__in=DEMO_PROVINCES).prefetch_related("subdistricts"):
        tambons = list(district.subdistricts.all())
        for number in range(GROUPS_PER_DISTRICT):
            tambon = tambons[number % len(tambons)]
            moo = 1 + (number // len(tambons)) + rng.randint(0, 3)
            village_name = rng.choice(VILLAGE_NAMES)
            village = Village(code=Village.code_for(tambon.code, moo), subdistrict=tambon, moo=moo, name=village_name)
            villages.append(village)
            code = f"{village.code}{number % 100:02d}"
            men = rng.randint(10, 120)
            women = rng.randint(10, 150)
            members = men + women + rng.randint(0, 5)
            savings = Decimal(members * rng.randint(800, 6000))
            as_of = today - dt.timedelta(days=rng.choice([30, 90, 200, 400, 900]))
            founded = dt.date(rng.randint(1977, 2020), rng.randint(1, 12), rng.randint(1, 28))
            group = SavingsGroup(
                code=code,
                name=rng.choice(NAME_PATTERNS).format(village=village_name, moo=moo, tambon=tambon.name_th),
                village_id=village.code, district=district, founded_on=founded,
                under_regulation=rng.random() > 0.15, members_total=members, members_men=men, members_women=women,
                savings_balance=savings, loans_outstanding=(savings * Decimal(rng.randint(30, 90)) / 100).quantize(Decimal("1")),
                figures_as_of=as_of, chair_name=f"{rng.choice(CHAIRS)} {rng.choice(SURNAMES)}",
                chair_phone=f"08{rng.randint(10000000, 99999999)}", officer_name=f"นาย{rng.choice(['ณัฐพล', 'ธีรวัฒน์'])} {rng.choice(SURNAMES)}"
                if number % 2 else f"นางสาว{rng.choice(['กาญจนา', 'ศิริพร'])} {rng.choice(SURNAMES)}",
            )
            if code not in existing:  # every value is drawn first, so a rerun draws the same ones
                new_groups.append(group)
    # A village keeps the first name drawn for it.
    unique_villages = {}
    for village in villages:
        unique_villages.setdefault(village.code, village)
    Village.objects.bulk_create(unique_villages.values(), ignore_conflicts=True)
    SavingsGroup.objects.bulk_create(new_groups, batch_size=500)
    created = {g.code: g.pk for g in SavingsGroup.objects.filter(code__in=[g.code for g in new_groups])}
    # The registry's records predate the demo review round (opened 21 Nov 2567).
    loaded_at = dt.datetime(2024, 10, 1, 9, 0, tzinfo=ZoneInfo("Asia/Bangkok"))
    GroupChange.objects.bulk_create(
        [GroupChange(group_id=pk, at=loaded_at, action=GroupChange.Action.CREATED, source=GroupChange.Source.SYSTEM,
                     note="นำเข้าข้อมูลตัวอย่าง", group_version=1) for pk in created.values()],
        batch_size=1000,
    )
    activities = []
    for _code, pk in sorted(created.items()):
        for type_name in rng.sample(sorted(ACTIVITY_NAMES), rng.randint(0, 3)):
            activities.append(Activity(
                group_id=pk, activity_type=types[type_name], name=ACTIVITY_NAMES[type_name],
                started_on=dt.date(rng.randint(2005, 2023), rng.randint(1, 12), 1),
                capital=Decimal(rng.randint(5, 500) * 1000), members_taking_part=rng.randint(5, 100),
            ))
    Activity.objects.bulk_create(activities, batch_size=1000)
    return {"groups": len(new_groups), "activities": len(activities)}
