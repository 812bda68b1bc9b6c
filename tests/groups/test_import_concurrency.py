"""A large group import while district officers classify and edit the same province's groups.

On PostgreSQL only (SQLite runs one writer at a time by design, docs/performance.md). Before the
locks were narrowed (core.locks) this deadlocked and was rolled back, and officers' saves waited
10-15 s behind the import. Every officer's connection here has `lock_timeout = 1s`: a write that
would wait longer for a row lock fails, so "every officer's write committed" is also "no write
waited more than 1 s for a lock". National size by default (IMPORT_CONCURRENCY_ROWS, 30,000
file rows, half new, half changing existing groups): 22 s here on a quiet machine (the slowest
officer write 380 ms), 46 s beside the rest of the suite on PostgreSQL (500 ms).
"""

import datetime as dt
import os
import threading
import time
from decimal import Decimal

import pytest
import xlsxwriter
from django.db import connection

from accounts.models import Office
from geo.loader import load_geography
from geo.models import District, Subdistrict, Village
from groups import services as group_services
from groups.models import SavingsGroup
from groups.spreadsheets.importing import spreadsheet_import
from reviews import services as review_services
from reviews.models import GroupReview, Submission
from tests.factories import UserFactory, office_for
from tests.groups.spreadsheet_support import GROUP_HEADERS, group_row

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql", "pgsql"),
                       reason="row locks and lock_timeout are PostgreSQL's"),
]

ROWS = int(os.environ.get("IMPORT_CONCURRENCY_ROWS", "30000"))
OFFICER_DISTRICTS = ["5201", "5202", "5203"]


def _registry(existing):
    """`existing` groups spread over Lampang's tambon (bulk_create: set-up, not what is tested)."""
    tambons = list(Subdistrict.objects.filter(district__province_id="52").order_by("code"))
    villages, groups = {}, []
    for n in range(existing):
        tambon = tambons[n % len(tambons)]
        moo = n // len(tambons) % 20 + 1
        code = Village.code_for(tambon.code, moo)
        villages.setdefault(code, Village(code=code, subdistrict=tambon, moo=moo, name=f"บ้านทดสอบ {moo}"))
        groups.append(SavingsGroup(code=f"9{n:09d}", name=f"กลุ่มทดสอบ {n}", village_id=code,
                                   district_id=tambon.district_id, members_total=100,
                                   savings_balance=Decimal(1000), figures_as_of=dt.date(2024, 1, 1)))
    Village.objects.bulk_create(villages.values())
    SavingsGroup.objects.bulk_create(groups, batch_size=2000)
    return tambons


def _file(path, tambons, existing, new):
    """The province's file: every existing group with new savings, and `new` groups more."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, GROUP_HEADERS)
    for n in range(existing + new):
        tambon, moo = tambons[n % len(tambons)], n // len(tambons) % 20 + 1
        row = group_row(code=f"9{n:09d}", **{
            "ชื่อกลุ่ม": f"กลุ่มทดสอบ {n}", "หมู่ที่": str(moo), "ชื่อหมู่บ้าน": f"บ้านทดสอบ {moo}",
            "ตำบล": tambon.code, "อำเภอ": tambon.district_id, "จังหวัด": "52",
            "จำนวนสมาชิก (คน)": "100", "ชาย (คน)": "", "หญิง (คน)": "",
            "เงินสัจจะสะสม (บาท)": str(2000 + n), "ข้อมูล ณ วันที่": "30/09/2567", "พัฒนากรผู้รับผิดชอบ": "",
        })
        sheet.write_row(n + 1, 0, [str(row.get(h, "")) for h in GROUP_HEADERS])
    workbook.close()


def test_national_import_beside_officers_classifying_and_editing(tmp_path):
    load_geography(["52"])
    province_user = UserFactory(username="p52", office=office_for(Office.Level.PROVINCE, province="52"))
    officers = [UserFactory(username=f"d{code}", office=office_for(Office.Level.DISTRICT, district=code))
                for code in OFFICER_DISTRICTS]
    existing, new = ROWS // 2, ROWS - ROWS // 2
    tambons = _registry(existing)
    review_services.round_open(actor=province_user, title="ทบทวน", reference_number="ลป 1", letter_date=dt.date.today(),
                               due_on=dt.date.today() + dt.timedelta(days=30))
    path = tmp_path / "province.xlsx"
    _file(path, tambons, existing, new)
    assert District.objects.filter(province_id="52").count() == 13

    done = threading.Event()
    outcome = {}
    writes, failures = [], []

    def importer():
        try:
            outcome["report"] = spreadsheet_import(kind="groups", path=path, actor=province_user, dry_run=False,
                                                   file_name="province.xlsx")
        except Exception as error:  # reported by the assertions below
            outcome["error"] = error
        finally:
            outcome["ended"] = time.monotonic()
            done.set()
            connection.close()

    def officer(user):
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '1s'")
        district = user.office.district_id
        reviews = list(GroupReview.objects.filter(submission__district_id=district).order_by("pk"))
        groups = list(SavingsGroup.objects.filter(district_id=district).order_by("pk"))
        n, after = 0, 0
        while after < 3:  # keep writing until the import has ended, then three more
            if done.is_set():
                after += 1
            started = time.monotonic()
            try:
                if n % 2:
                    group_services.group_update(group=groups[n % len(groups)], actor=user,
                                                data={"chair_name": f"ประธานคนที่ {n}"})
                else:
                    review_services.review_classify(review=reviews[n % len(reviews)], actor=user,
                                                    data={"category": GroupReview.Category.COMPLIANT})
                writes.append((started, time.monotonic() - started))
            except Exception as error:  # every failed write is one the test must not have
                failures.append((user.username, n, repr(error)))
            n += 1
        connection.close()

    threads = [threading.Thread(target=importer)] + [threading.Thread(target=officer, args=(u,)) for u in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread was still waiting after 2 minutes"

    assert "error" not in outcome, outcome.get("error")
    report = outcome["report"]
    assert report.applied and report.ok, report.errors[:5]
    assert (report.created, report.updated) == (new, existing)
    assert failures == []
    during = [wait for started, wait in writes if started < outcome["ended"]]
    assert len(during) >= 10, f"only {len(during)} officer writes overlapped the import"
    # The import's values are all in, the officers' saves too (they change other fields).
    assert SavingsGroup.objects.count() == existing + new
    savings = dict(SavingsGroup.objects.values_list("code", "savings_balance"))
    assert all(savings[f"9{n:09d}"] == Decimal(2000 + n) for n in range(existing + new))
    assert SavingsGroup.objects.filter(chair_name__startswith="ประธานคนที่").exists()
    assert Submission.objects.filter(district_id__in=OFFICER_DISTRICTS, status="in_progress").count() == 3
    print(f"\nimport of {ROWS:,} rows beside {len(officers)} officers: {len(during)} officer writes during it, "
          f"slowest {max(during) * 1000:.0f} ms, median {sorted(during)[len(during) // 2] * 1000:.0f} ms")
