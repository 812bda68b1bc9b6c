"""How many edit transactions SQLite loses when several officers save at once.

Eight processes (eight officers) each save a group edit through `groups.services.group_update`
(the form's path: read the group, write it, write a history row, in one transaction) as fast as
they can. Run once on SQLite as Django leaves it (rollback journal, deferred transactions, the
5 s default busy timeout) and once with the project's settings (WAL journal, IMMEDIATE
transactions, 20 s busy timeout). A transaction is lost when it fails with "database is locked".

    .venv/bin/python bench/sqlite_concurrency.py [--writers 8] [--edits 150] [--rounds 3]
"""

import argparse
import multiprocessing as mp
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MODES = {
    # What Django does with a bare sqlite3 DATABASES entry.
    "default": {},
    # savings_registry/settings.py
    "project": {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    },
}


def _setup_django(db_file: str, mode: str):
    os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "savings_registry.settings")
    from django.conf import settings

    settings.DATABASES  # noqa: B018 (load the settings module before changing it)
    settings.DATABASES["default"]["OPTIONS"] = dict(MODES[mode])
    import django

    django.setup()


def _prepare_template(db_file: str, writers: int):
    """A migrated database with Lampang's geography, one officer and one group per writer."""
    _setup_django(db_file, "default")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from accounts.models import Office, User
    from geo.loader import load_geography
    from geo.models import Village
    from groups.models import SavingsGroup

    load_geography(["52"])
    office = Office.objects.create(level=Office.Level.DISTRICT, province_id="52", district_id="5201",
                                   name="สำนักงานพัฒนาชุมชนอำเภอเมืองลำปาง")
    User.objects.create(username="bench", office=office)
    village = Village.objects.create(code="52010101", subdistrict_id="520101", moo=1, name="บ้านดอนแก้ว")
    for n in range(writers):
        SavingsGroup.objects.create(code=f"B{n:04d}", name=f"กลุ่มออมทรัพย์ทดสอบ {n}", village=village,
                                    members_total=50)


def _writer(db_file, mode, index, edits, start, results):
    _setup_django(db_file, mode)
    from django.db import OperationalError, close_old_connections

    from accounts.models import User
    from groups import services
    from groups.models import SavingsGroup

    actor = User.objects.select_related("office").get(username="bench")
    group = SavingsGroup.objects.get(code=f"B{index:04d}")
    close_old_connections()
    start.wait()
    saved = lost = 0
    began = time.perf_counter()
    for n in range(edits):
        try:
            services.group_update(group=group, actor=actor, data={"members_total": 51 + n % 2})
            saved += 1
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            lost += 1
    results.put((saved, lost, time.perf_counter() - began))


def run(mode: str, template: str, workdir: str, writers: int, edits: int) -> dict:
    db_file = os.path.join(workdir, f"{mode}.sqlite3")
    shutil.copyfile(template, db_file)
    ctx = mp.get_context("spawn")
    start, results = ctx.Barrier(writers), ctx.Queue()
    processes = [ctx.Process(target=_writer, args=(db_file, mode, i, edits, start, results)) for i in range(writers)]
    for process in processes:
        process.start()
    outcomes = [results.get() for _ in processes]
    for process in processes:
        process.join()
    saved = sum(o[0] for o in outcomes)
    lost = sum(o[1] for o in outcomes)
    wall = max(o[2] for o in outcomes)
    return {"saved": saved, "lost": lost, "tried": saved + lost, "seconds": wall}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--edits", type=int, default=150, help="edit transactions per writer")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as workdir:
        template = os.path.join(workdir, "template.sqlite3")
        ctx = mp.get_context("spawn")
        preparer = ctx.Process(target=_prepare_template, args=(template, args.writers))
        preparer.start()
        preparer.join()
        if preparer.exitcode:
            sys.exit("could not prepare the benchmark database")

        print(f"{args.writers} concurrent writers x {args.edits} edit transactions, {args.rounds} rounds "
              f"(python {sys.version.split()[0]}, SQLite {__import__('sqlite3').sqlite_version})")
        print(f"{'settings':<10} {'round':>5} {'tried':>7} {'saved':>7} {'lost':>7} {'lost %':>8} {'edits/s':>8}")
        totals = {}
        for mode in MODES:
            total = {"saved": 0, "lost": 0, "tried": 0}
            for round_number in range(1, args.rounds + 1):
                result = run(mode, template, workdir, args.writers, args.edits)
                for key in total:
                    total[key] += result[key]
                print(f"{mode:<10} {round_number:>5} {result['tried']:>7} {result['saved']:>7} {result['lost']:>7} "
                      f"{100 * result['lost'] / result['tried']:>7.1f}% {result['saved'] / result['seconds']:>8.0f}")
            totals[mode] = total
        print()
        for mode, total in totals.items():
            share = total["lost"] / total["tried"]
            print(f"{mode:<10} lost {total['lost']:,} of {total['tried']:,} edit transactions ({100 * share:.1f}%)")


if __name__ == "__main__":
    main()
