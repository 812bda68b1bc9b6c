"""The networks pages on the demo data: prints the figures docs/performance.md quotes.

    .venv/bin/python bench/networks_pages.py                 # SQLite, a scratch file in /tmp
    DATABASE_URL=postgres://registry:registry@127.0.0.1:5432/registry_bench_networks \
        .venv/bin/python bench/networks_pages.py

It needs a database of its own: it migrates it and runs `seed_demo` (Lampang and Surat Thani:
1,280 groups, 22 amphoe networks, ~165 tambon networks with 15-20 member committees) once, timing
the networks part of the seed; then it times, through Django's test client and the real views,
the pages an officer waits for: the province's list (19 districts with their representatives and
plans), a district's list, a committee page with its live rules, the live rule check (htmx POST
of a 20-row seat table) and saving that table.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages_setup import setup_django  # noqa: E402

WORK = Path(os.environ.get("BENCH_DIR", "/tmp/registry-bench-networks"))
RUNS = 15


def seed():
    from django.core.management import call_command

    from accounts.demo import DEMO_PROVINCES
    from geo.loader import load_geography
    from networks.models import Committee

    call_command("migrate", verbosity=0)
    if Committee.objects.exists():
        return None
    load_geography(DEMO_PROVINCES)
    import accounts.demo
    import groups.demo
    import networks.demo

    accounts.demo.seed()
    groups.demo.seed()
    started = time.perf_counter()
    networks.demo.seed()
    return time.perf_counter() - started


def timed(label, call, runs=RUNS):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(runs):
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = call()
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code in (200, 302), (label, response.status_code)
    print(f"{label:<48} {statistics.median(times):8.1f} ms  {max(times):8.1f} ms  {len(queries.captured_queries):5d}")


def main():
    setup_django(WORK)
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from networks.models import Committee, Network

    seconds = seed()
    print(f"database: {connection.vendor}")
    if seconds is not None:
        print(f"seed networks.demo: {seconds:.1f} s")
    province, district = Client(), Client()
    province.force_login(User.objects.get(username="province84"))
    district.force_login(User.objects.get(username="amphoe8401"))
    tambon = Network.objects.filter(level="tambon", district_id="8401").order_by("pk").first()
    committee = tambon.current_committee()
    holders = committee.seats_in_order()
    data = {"seats-TOTAL_FORMS": str(len(holders)), "seats-INITIAL_FORMS": str(len(holders))}
    for index, h in enumerate(holders):
        row = {"id": h.pk, "seat_kind": h.seat_kind_id, "title": h.title, "first_name": h.first_name,
               "last_name": h.last_name, "represents": h.group_id or "", "phone": h.phone, "national_id": h.national_id}
        data.update({f"seats-{index}-{k}": v for k, v in row.items()})
    print(f"networks {Network.objects.count():,}, committees {Committee.objects.count():,}, "
          f"seat table of {len(holders)} rows; median and worst of {RUNS} runs, queries per request")
    print(f"{'request':<48} {'median':>11} {'worst':>11} {'queries':>7}")
    timed("GET /networks/ (province 84, 19 districts)", lambda: province.get("/networks/"))
    timed("GET /networks/ (district 8401)", lambda: district.get("/networks/"))
    timed("GET amphoe network page", lambda: district.get(f"/networks/{tambon.parent_id}/"))
    timed("GET committee page (rules + seats)", lambda: district.get(f"/networks/committees/{committee.pk}/"))
    timed("POST live rule check (htmx)", lambda: district.post(f"/networks/committees/{committee.pk}/seats/check/", data,
                                                              HTTP_HX_REQUEST="true"))
    timed("POST save the seat table", lambda: district.post(f"/networks/committees/{committee.pk}/seats/", data))


if __name__ == "__main__":
    main()
