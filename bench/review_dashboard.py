"""The review round's province dashboard at national size: prints the figures docs/performance.md quotes.

    .venv/bin/python bench/review_dashboard.py                  # SQLite, a scratch file in /tmp
    DATABASE_URL=postgres://registry:registry@127.0.0.1:5432/registry_bench_reviews \
        .venv/bin/python bench/review_dashboard.py

It needs a database of its own (it replaces the review and group tables' contents): by default a
scratch SQLite file. It builds one round over every amphoe outside Bangkok (878, real geography
from geothai) with 30,000 groups, about two thirds classified and districts at every stage, then
renders the dashboard (GET /reviews/<round>/ as a national user, the page with the most rows)
through Django's test client, and also times the district page, the district's review sheet and
the consolidated export. The set-up writes with bulk_create (not the services) so that it takes
seconds; the timed requests go through the real views.
"""

import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages_setup import setup_django  # noqa: E402

WORK = Path(os.environ.get("BENCH_DIR", "/tmp/registry-bench-reviews"))
GROUPS = 30_000
RUNS = 15


def build():
    import datetime as dt

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from accounts.models import Office, User
    from geo.loader import load_geography
    from geo.models import District, Subdistrict, Village
    from groups.models import SavingsGroup
    from reviews.models import GroupReview, ReviewEvent, Round, Submission

    call_command("migrate", verbosity=0)
    if District.objects.count() < 900:
        load_geography()
    ReviewEvent.objects.all().delete()
    GroupReview.objects.all().delete()
    Submission.objects.all().delete()
    Round.objects.all().delete()
    SavingsGroup.objects.all().delete()
    rng = random.Random(878)
    districts = list(District.objects.exclude(province_id="10").order_by("code"))
    first_tambon = {}
    for subdistrict in Subdistrict.objects.filter(district__in=districts).order_by("code"):
        first_tambon.setdefault(subdistrict.district_id, subdistrict)
    villages, groups = {}, []
    for n in range(GROUPS):
        district = districts[n % len(districts)]
        tambon = first_tambon[district.code]
        moo = (n // len(districts)) % 20 + 1
        code = Village.code_for(tambon.code, moo)
        villages.setdefault(code, Village(code=code, subdistrict=tambon, moo=moo, name=f"บ้านทดสอบ {moo}"))
        groups.append(SavingsGroup(
            code=f"B{n:07d}", name=f"กลุ่มออมทรัพย์เพื่อการผลิตบ้านทดสอบ {n}", village_id=code, district=district,
            members_total=rng.randint(0, 300), savings_balance=Decimal(rng.randint(0, 3_000_000)),
            figures_as_of=dt.date(rng.randint(2019, 2024), rng.randint(1, 12), 1),
        ))
    Village.objects.bulk_create(villages.values(), ignore_conflicts=True, batch_size=2000)
    SavingsGroup.objects.bulk_create(groups, batch_size=2000)

    national_office, _ = Office.objects.get_or_create(level=Office.Level.NATIONAL, defaults={"name": "กรมการพัฒนาชุมชน"})
    user, _ = User.objects.get_or_create(username="bench-national", defaults={"office": national_office})
    district_office, _ = Office.objects.get_or_create(
        level=Office.Level.DISTRICT, district=districts[0], defaults={"province": districts[0].province, "name": "สพอ."})
    district_user, _ = User.objects.get_or_create(username="bench-district", defaults={"office": district_office})

    now = timezone.now()
    round_ = Round.objects.create(province=districts[0].province, title="การทบทวนฐานข้อมูลระดับประเทศ (ทดสอบ)",
                                  reference_number="bench", letter_date=dt.date(2024, 11, 21),
                                  due_on=dt.date(2024, 12, 9), opened_by=user, opened_at=now)
    statuses = ["not_started", "in_progress", "in_progress", "submitted", "returned", "accepted"]
    submissions = []
    for index, district in enumerate(districts):
        status = statuses[index % len(statuses)]
        sent = status in ("submitted", "returned", "accepted")
        submissions.append(Submission(
            round=round_, district=district, status=status, submitted_at=now if sent else None,
            is_late=sent and index % 4 == 0, return_reason="ตรวจสอบประเภทที่ ๓" if status == "returned" else "",
            letter_number="ที่ ๑/๒๕๖๗" if sent else "", signer_name="นายอำเภอ" if sent else "",
        ))
    Submission.objects.bulk_create(submissions, batch_size=1000)
    by_district = dict(Submission.objects.filter(round=round_).values_list("district_id", "pk"))
    status_of = dict(Submission.objects.filter(round=round_).values_list("pk", "status"))
    reviews = []
    for pk, district_id in SavingsGroup.objects.values_list("pk", "district_id").iterator(chunk_size=5000):
        submission_id = by_district[district_id]
        done = status_of[submission_id] != "not_started" and (status_of[submission_id] != "in_progress" or rng.random() < 0.5)
        category = rng.choices([1, 2, 3], weights=[80, 12, 8])[0] if done else None
        reviews.append(GroupReview(
            round=round_, submission_id=submission_id, group_id=pk, category=category,
            follow_up_officer="พัฒนากร" if category == 2 else "", intention="correct" if category == 2 else "",
            next_follow_up_on=dt.date(2025, 1, 15) if category == 2 else None,
            defunct_reason="stopped" if category == 3 else "", issues=["meeting"] if category == 2 else [],
        ))
    GroupReview.objects.bulk_create(reviews, batch_size=2000)
    events = [ReviewEvent(round=round_, submission_id=pk, kind="status", from_value="not_started",
                          to_value="in_progress", actor=user, at=now) for pk in list(by_district.values())[:300]]
    ReviewEvent.objects.bulk_create(events)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return round_, user, district_user, Submission.objects.get(round=round_, district=districts[0])


def timed(client, url, runs=RUNS):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up: template compilation, connection
    assert response.status_code == 200, response.status_code
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return statistics.median(times), min(times), max(times), len(queries), len(response.content)


def main():
    setup_django(WORK)
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from reviews.models import GroupReview

    started = time.perf_counter()
    round_, user, district_user, submission = build()
    print(f"database: {connection.vendor}; built in {time.perf_counter() - started:.1f} s: "
          f"{round_.submissions.count():,} districts, {GroupReview.objects.filter(round=round_).count():,} groups, "
          f"{GroupReview.objects.filter(round=round_, category__isnull=False).count():,} classified")
    client = Client()
    client.force_login(user)
    district_client = Client()
    district_client.force_login(district_user)
    rows = [
        ("dashboard, national user, 878 districts", client, reverse("reviews:round", kwargs={"pk": round_.pk}), RUNS),
        ("district page (first 50 groups)", district_client,
         reverse("reviews:submission", kwargs={"pk": submission.pk}), RUNS),
        ("district review sheet (xlsx)", district_client,
         reverse("reviews:sheet_download", kwargs={"pk": submission.pk}), RUNS),
        ("consolidated export, 30,000 groups (xlsx)", client,
         reverse("reviews:round_export", kwargs={"pk": round_.pk}), 3),
    ]
    print(f"{'what':45} {'median ms':>10} {'min':>8} {'max':>8} {'queries':>8} {'bytes':>10}")
    for label, who, url, runs in rows:
        median, low, high, queries, size = timed(who, url, runs)
        print(f"{label:45} {median:10.1f} {low:8.1f} {high:8.1f} {queries:8d} {size:10,d}")


if __name__ == "__main__":
    main()
