"""A national-size registry for load and CPU measurements (bench/, docs/performance.md).

    python manage.py seed_scale [--groups 30000] [--activities 100000] [--reset]

Every province and amphoe (geothai), groups spread over the tambon of every amphoe outside
Bangkok, activities, an open review round per province with a submission per district (districts
at every stage, about half the groups classified), and one officer per district and per province
(usernames `amphoe<code>` and `province<code>`, the demo password). Written with bulk_create, not
the services (the services' rules are not what is measured here): a few minutes on PostgreSQL.
It refuses to run on a registry that already has groups unless --reset, which empties the
registry's tables (never the geography).
"""

import datetime as dt
import random
import time
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from accounts.models import Office, User
from geo.loader import load_geography
from geo.models import District, Province, Subdistrict, Village
from groups.models import Activity, ActivityType, GroupChange, SavingsGroup
from reviews.models import GroupReview, ReviewEvent, Round, Submission

BATCH = 2000
STAGES = ["not_started", "in_progress", "in_progress", "in_progress", "submitted", "returned", "accepted"]


class Command(BaseCommand):
    help = "สร้างทะเบียนขนาดระดับประเทศสำหรับวัดประสิทธิภาพ (กลุ่ม ๓๐,๐๐๐ กิจกรรม ๑๐๐,๐๐๐ รอบการทบทวนทุกจังหวัด)"

    def add_arguments(self, parser):
        parser.add_argument("--groups", type=int, default=30_000)
        parser.add_argument("--activities", type=int, default=100_000)
        parser.add_argument("--reset", action="store_true", help="ล้างข้อมูลทะเบียนเดิมก่อน (ไม่ลบข้อมูลพื้นที่)")
        parser.add_argument("--seed", type=int, default=878)

    def handle(self, *args, groups, activities, reset, seed, **options):
        started = time.monotonic()
        if SavingsGroup.objects.exists() or Round.objects.exists():
            if not reset:
                raise CommandError("ฐานข้อมูลนี้มีข้อมูลกลุ่มอยู่แล้ว ใช้ --reset เพื่อล้างข้อมูลเดิมก่อน")
            self._reset()
        if District.objects.count() < 900:
            load_geography()
        rng = random.Random(seed)
        with transaction.atomic():
            users = self._users()
            made = self._groups(rng, groups)
            made_activities = self._activities(rng, activities)
            rounds, reviews = self._rounds(rng, users)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            f"seed_scale: {Province.objects.count()} จังหวัด {District.objects.count()} อำเภอ, "
            f"กลุ่ม {made:,}, กิจกรรม {made_activities:,}, รอบการทบทวน {rounds}, ผลการทบทวน {reviews:,}, "
            f"ผู้ใช้ {User.objects.count():,} ({time.monotonic() - started:.0f} วินาที)"
        )

    def _reset(self):
        models = [ReviewEvent, GroupReview, Submission, Round, GroupChange, Activity, SavingsGroup, Village]
        if connection.vendor == "postgresql":
            tables = ", ".join(m._meta.db_table for m in models)
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {tables} CASCADE")
        else:
            for model in models:
                model.objects.all().delete()

    def _users(self):
        """One officer per district office and per province office, one national user: the
        password hash is computed once (PBKDF2 costs ~0.4 s a hash)."""
        password = make_password(DEMO_PASSWORD)
        national, _ = Office.objects.get_or_create(level=Office.Level.NATIONAL, defaults={"name": "กรมการพัฒนาชุมชน"})
        have = set(Office.objects.values_list("level", "province_id", "district_id"))
        offices = []
        for province in Province.objects.exclude(code="10"):
            if (Office.Level.PROVINCE, province.code, None) not in have:
                offices.append(Office(level=Office.Level.PROVINCE, province=province,
                                      name=f"สำนักงานพัฒนาชุมชนจังหวัด{province.name_th}",
                                      chief_title=f"ผู้ว่าราชการจังหวัด{province.name_th}"))
        for district in District.objects.exclude(province_id="10").select_related("province"):
            if (Office.Level.DISTRICT, district.province_id, district.code) not in have:
                offices.append(Office(level=Office.Level.DISTRICT, province_id=district.province_id, district=district,
                                      name=f"สำนักงานพัฒนาชุมชนอำเภอ{district.name_th}",
                                      chief_title=f"นายอำเภอ{district.name_th}", chief_name="นายทดสอบ ระบบ"))
        Office.objects.bulk_create(offices, batch_size=BATCH)
        taken = set(User.objects.values_list("username", flat=True))
        new_users = []
        for office in Office.objects.exclude(level=Office.Level.NATIONAL):
            username = f"amphoe{office.district_id}" if office.level == Office.Level.DISTRICT else f"province{office.province_id}"
            if username not in taken:
                new_users.append(User(username=username, password=password, office=office, first_name="ทดสอบ",
                                      last_name=office.name.removeprefix("สำนักงานพัฒนาชุมชน"),
                                      position="นักวิชาการพัฒนาชุมชน"))
        if "bench-national" not in taken:
            new_users.append(User(username="bench-national", password=password, office=national, first_name="ส่วนกลาง"))
        User.objects.bulk_create(new_users, batch_size=BATCH)
        return {u.office_id: u for u in User.objects.select_related("office").exclude(office=None)}

    def _groups(self, rng, count):
        districts = list(District.objects.exclude(province_id="10").order_by("code"))
        tambons = {}
        for tambon in Subdistrict.objects.filter(district__in=districts).order_by("code"):
            tambons.setdefault(tambon.district_id, []).append(tambon)
        villages, groups = {}, []
        for n in range(count):
            district = districts[n % len(districts)]
            turn = n // len(districts)
            tambon_list = tambons[district.code]
            tambon = tambon_list[turn % len(tambon_list)]
            moo = (turn // len(tambon_list)) % 20 + 1
            code = Village.code_for(tambon.code, moo)
            villages.setdefault(code, Village(code=code, subdistrict=tambon, moo=moo, name=f"บ้านทดสอบ {moo}"))
            total = rng.randint(10, 300)
            men = rng.randint(0, total)
            groups.append(SavingsGroup(
                code=f"S{district.code}{turn:04d}", name=f"กลุ่มออมทรัพย์เพื่อการผลิตบ้านทดสอบ {turn + 1}",
                village_id=code, district=district, founded_on=dt.date(rng.randint(1990, 2020), rng.randint(1, 12), 1),
                members_total=total, members_men=men, members_women=rng.randint(0, total - men),
                savings_balance=Decimal(rng.randint(0, 3_000_000)), loans_outstanding=Decimal(rng.randint(0, 1_000_000)),
                figures_as_of=dt.date(rng.randint(2019, 2024), rng.randint(1, 12), 1),
                chair_name=f"นายประธาน ทดสอบ {turn + 1}", officer_name="พัฒนากรทดสอบ",
            ))
        Village.objects.bulk_create(villages.values(), ignore_conflicts=True, batch_size=BATCH)
        SavingsGroup.objects.bulk_create(groups, batch_size=BATCH)
        return len(groups)

    def _activities(self, rng, count):
        kinds = list(ActivityType.objects.values_list("pk", flat=True))
        group_ids = list(SavingsGroup.objects.values_list("pk", flat=True))
        rows = []
        for n in range(count):
            rows.append(Activity(
                group_id=group_ids[n % len(group_ids)], activity_type_id=kinds[n % len(kinds)],
                name=f"กิจกรรมทดสอบ {n // len(group_ids) + 1}", started_on=dt.date(rng.randint(2005, 2024), 1, 1),
                capital=Decimal(rng.randint(0, 500_000)), members_taking_part=rng.randint(0, 100),
            ))
            if len(rows) >= BATCH:
                Activity.objects.bulk_create(rows)
                rows = []
        Activity.objects.bulk_create(rows)
        return count

    def _rounds(self, rng, users):
        now = timezone.now()
        today = timezone.localdate()
        offices = {(o.level, o.province_id, o.district_id): o.pk for o in Office.objects.all()}
        rounds = []
        for province in Province.objects.exclude(code="10"):
            officer = users[offices[(Office.Level.PROVINCE, province.code, None)]]
            rounds.append(Round(province=province, title=f"การทบทวนฐานข้อมูลกลุ่มออมทรัพย์ฯ จังหวัด{province.name_th}",
                                reference_number=f"scale-{province.code}", letter_date=today - dt.timedelta(days=14),
                                due_on=today + dt.timedelta(days=7), opened_by=officer, opened_at=now))
        Round.objects.bulk_create(rounds)
        round_of = dict(Round.objects.values_list("province_id", "pk"))
        submissions = []
        for index, district in enumerate(District.objects.exclude(province_id="10").order_by("code")):
            status = STAGES[index % len(STAGES)]
            sent = status in ("submitted", "returned", "accepted")
            officer = users[offices[(Office.Level.DISTRICT, district.province_id, district.code)]]
            submissions.append(Submission(
                round_id=round_of[district.province_id], district=district, status=status,
                submitted_at=now if sent else None, submitted_by=officer if sent else None,
                first_submitted_at=now if sent else None,
                return_reason="ตรวจสอบประเภทที่ ๓ อีกครั้ง" if status == "returned" else "",
                letter_number="ที่ มท ๐๔๑๙/๑" if sent else "", signer_name="นายทดสอบ ระบบ" if sent else "",
                signer_role="chief" if sent else "", signer_position="นายอำเภอ" if sent else "",
                letter_date=today if sent else None,
            ))
        Submission.objects.bulk_create(submissions, batch_size=BATCH)
        submission_of = {}
        for pk, district_id, round_id, status in Submission.objects.values_list("pk", "district_id", "round_id",
                                                                                 "status"):
            submission_of[district_id] = (pk, round_id, status)
        reviews, total = [], 0
        for pk, district_id in SavingsGroup.objects.values_list("pk", "district_id").order_by("pk").iterator(
                chunk_size=BATCH):
            submission_id, round_id, status = submission_of[district_id]
            done = status != "not_started" and (status != "in_progress" or rng.random() < 0.5)
            category = rng.choices([1, 2, 3], weights=[80, 12, 8])[0] if done else None
            reviews.append(GroupReview(
                round_id=round_id, submission_id=submission_id, group_id=pk, category=category,
                follow_up_officer="พัฒนากรทดสอบ" if category == 2 else "",
                intention="correct" if category == 2 else "",
                next_follow_up_on=today + dt.timedelta(days=30) if category == 2 else None,
                defunct_reason="stopped" if category == 3 else "", issues=["meeting"] if category == 2 else [],
                classified_at=now if done else None,
            ))
            if len(reviews) >= BATCH:
                GroupReview.objects.bulk_create(reviews)
                total += len(reviews)
                reviews = []
        GroupReview.objects.bulk_create(reviews)
        total += len(reviews)
        return len(rounds), total
