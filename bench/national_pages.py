"""The national user's pages at national size: /groups/ (province first, amphoe and tambon loaded for
the chosen province/amphoe only) and the home page (the country by province). Prints the figures
docs/performance.md quotes; the target is under 300 ms and 100 KB for /groups/.

    .venv/bin/python bench/national_pages.py        # SQLite, a scratch file in /tmp/registry-bench-ui

It reuses bench/review_dashboard.py's database (30,000 groups over the 878 amphoe outside Bangkok, a
round over every amphoe), in a directory of its own. With --existing it measures a registry already
built by `manage.py seed_scale` (as its user bench-national) instead:

    DATABASE_URL=postgres://registry:registry@127.0.0.1:5432/<db> .venv/bin/python manage.py seed_scale
    DATABASE_URL=postgres://registry:registry@127.0.0.1:5432/<db> .venv/bin/python bench/national_pages.py --existing
"""

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("BENCH_DIR", "/tmp/registry-bench-ui")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages_setup import setup_django  # noqa: E402
from bench.review_dashboard import RUNS, WORK, build, timed  # noqa: E402


def main():
    setup_django(WORK)
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from groups.models import SavingsGroup

    started = time.perf_counter()
    if "--existing" in sys.argv:
        user = User.objects.get(username="bench-national")
    else:
        _round, user, _district_user, _submission = build()
    print(f"database: {connection.vendor}; built in {time.perf_counter() - started:.1f} s: "
          f"{SavingsGroup.objects.count():,} groups")
    client = Client()
    client.force_login(user)
    htmx = Client(headers={"HX-Request": "true"})
    htmx.force_login(user)
    district = SavingsGroup.objects.order_by("code").values_list("district_id", flat=True).first()
    province = district[:2]
    rows = [
        ("/groups/ national, no filter", client, "/groups/"),
        ("/groups/ national, province chosen", client, f"/groups/?province={province}"),
        ("/groups/ national, province and amphoe", client, f"/groups/?province={province}&district={district}"),
        ("/groups/ htmx answer to a province change", htmx, f"/groups/?province={province}"),
        ("home page, national (country by province)", client, "/"),
    ]
    print(f"{'what':45} {'median ms':>10} {'min':>8} {'max':>8} {'queries':>8} {'bytes':>10}")
    for label, who, url in rows:
        median, low, high, queries, size = timed(who, url, RUNS)
        print(f"{label:45} {median:10.1f} {low:8.1f} {high:8.1f} {queries:8d} {size:10,d}")


if __name__ == "__main__":
    main()
