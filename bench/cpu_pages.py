"""Server CPU per request of the pages a deadline loads, at national size: prints the figures
docs/performance-national.md quotes.

    DATABASE_URL=postgres://registry:registry@127.0.0.1:5432/registry_scale \\
        .venv/bin/python manage.py seed_scale --reset          # once: the national-size registry
    DATABASE_URL=… .venv/bin/python bench/cpu_pages.py [--runs 30] [--profile group_list]

Each page is requested through Django's test client (middleware, views, templates and queries as
in production, no network) as the officer who uses it; the figure is `time.process_time()` around
the request: this process's CPU, which on a machine shared with other work moves much less than
wall time, and leaves out the database server's own work (reported apart as the queries). The
first request of each page is a warm-up (templates compiled, connection open). `--profile NAME`
prints a pyinstrument profile of one page (pyinstrument is in the `bench` extra).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages_setup import setup_django  # noqa: E402

TARGETS_MS = {"submission": 15, "group_list": 8, "group_page": 8, "review_form": 8, "dashboard": 8}


def pages():
    """(name, username, url) of each measured page, for a province with many districts."""
    from django.urls import reverse

    from groups.models import SavingsGroup
    from reviews.models import GroupReview, Submission

    submission = (Submission.objects.filter(status="in_progress", district__province_id="30")
                  .select_related("district").order_by("district_id").first())
    if submission is None:
        sys.exit("no district in progress in province 30: run seed_scale first")
    district = submission.district_id
    group = SavingsGroup.objects.filter(district_id=district).order_by("code").first()
    review = GroupReview.objects.filter(submission=submission).order_by("group__code").first()
    return [
        ("submission", f"amphoe{district}", reverse("reviews:submission", kwargs={"pk": submission.pk})),
        ("group_list", f"amphoe{district}", reverse("groups:list")),
        ("group_page", f"amphoe{district}", reverse("groups:detail", kwargs={"pk": group.pk})),
        ("review_form", f"amphoe{district}",
         reverse("reviews:review_edit", kwargs={"pk": submission.pk, "review_pk": review.pk})),
        ("dashboard", "province30", reverse("reviews:round", kwargs={"pk": submission.round_id})),
    ]


def measure(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    cpu, wall = [], []
    for _ in range(runs):
        started_cpu, started = time.process_time(), time.perf_counter()
        client.get(url)
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return statistics.median(cpu), min(cpu), statistics.median(wall), len(queries), len(response.content)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--profile", help="name of one page to profile with pyinstrument")
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client

    import savings_registry.wsgi  # noqa: F401  the server process's start: segmenter built, gc.freeze()
    from accounts.models import User

    clients = {}
    rows = pages()
    if args.profile:
        from pyinstrument import Profiler

        name, username, url = next(r for r in rows if r[0] == args.profile)
        client = Client()
        client.force_login(User.objects.get(username=username))
        client.get(url)
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.runs):
            client.get(url)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return
    print(f"database: {connection.vendor}; median of {args.runs} requests after one warm-up")
    print(f"{'page':12} {'url':44} {'CPU ms':>7} {'min':>6} {'target':>6} {'wall ms':>8} {'queries':>7} {'bytes':>8}")
    for name, username, url in rows:
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        cpu, low, wall, queries, size = measure(clients[username], url, args.runs)
        mark = "ok" if cpu <= TARGETS_MS[name] else "OVER"
        print(f"{name:12} {url:44} {cpu:7.1f} {low:6.1f} {TARGETS_MS[name]:6d} {wall:8.1f} {queries:7d} {size:8,d} {mark}")


if __name__ == "__main__":
    main()
