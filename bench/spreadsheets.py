"""Spreadsheet import and export at national size: prints the figures docs/performance.md quotes.

    .venv/bin/python bench/spreadsheets.py                      # SQLite, a scratch file in /tmp
    DATABASE_URL=postgres://registry:registry@127.0.0.1:5432/registry_bench .venv/bin/python bench/spreadsheets.py

It needs a database of its own (it empties the group tables): by default a scratch SQLite file;
for PostgreSQL name a scratch database (created if missing). What it measures, each in a fresh
child process so that the peak memory (max RSS, Django included) belongs to that step alone:

  1. a synthetic national group file: 30,000 rows over every amphoe of the 76 provinces (real
     geography from geothai), half of them groups already in the registry with changed figures,
     half new groups (many in villages new to the registry);
  2. reading that file with openpyxl in read-only mode (the yardstick the targets use);
  3. the registry's import (groups.spreadsheets.importing: read, validate, upsert, history);
  4. django-import-export's default row-by-row import of the same file into the same starting
     registry (GroupResource.import_data with the library's defaults; --baseline-rows to time a
     part of the file and scale it when minutes matter);
  5. exporting the 30,000 groups (groups.spreadsheets.export_groups) against XlsxWriter in
     constant-memory mode writing the same rows from memory;
  6. 100,000 activities: import (all new) and export.
"""

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/registry-bench"))
DEFAULT_SQLITE = f"sqlite:///{WORK / 'bench.sqlite3'}"


def setup_django():
    os.environ.setdefault("DATABASE_URL", DEFAULT_SQLITE)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "savings_registry.settings")
    import django

    django.setup()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- the registry's starting state

def prepare_database():
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        ensure_postgres_database()
    call_command("migrate", verbosity=0)
    from geo.models import Subdistrict

    if Subdistrict.objects.count() < 7000:
        from geo.loader import load_geography

        load_geography()


def ensure_postgres_database():
    import psycopg2
    from django.conf import settings

    db = settings.DATABASES["default"]
    try:
        psycopg2.connect(dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"], host=db["HOST"],
                         port=db["PORT"] or 5432).close()
    except psycopg2.OperationalError:
        admin = psycopg2.connect(dbname="postgres", user=db["USER"], password=db["PASSWORD"], host=db["HOST"],
                                 port=db["PORT"] or 5432)
        admin.autocommit = True
        admin.cursor().execute(f'CREATE DATABASE "{db["NAME"]}"')
        admin.close()


def tambons():
    from geo.models import Subdistrict

    return list(Subdistrict.objects.exclude(district__province_id="10").select_related("district__province")
                .order_by("code"))


def plan(groups: int):
    """Deterministic rows: (code, tambon, moo, village name, values) for 2 × half the groups."""
    rng = random.Random(2567)
    places = tambons()
    rows = []
    for number in range(groups):
        tambon = places[(number * 7) % len(places)]
        moo = 1 + (number // len(places)) % 20
        men, women = rng.randint(10, 120), rng.randint(10, 150)
        rows.append({
            "code": f"{tambon.code}{moo:02d}{number % 100:02d}",
            "tambon": tambon, "moo": moo, "village": f"บ้านทดสอบ{moo}",
            "name": f"กลุ่มออมทรัพย์เพื่อการผลิตบ้านทดสอบ{moo} ตำบล{tambon.name_th}",
            "founded_on": dt.date(rng.randint(1977, 2020), rng.randint(1, 12), rng.randint(1, 28)),
            "under_regulation": rng.random() > 0.15, "members_total": men + women + rng.randint(0, 5),
            "members_men": men, "members_women": women,
            "savings_balance": Decimal(rng.randint(10_000, 5_000_000)) + Decimal("0.50"),
            "loans_outstanding": Decimal(rng.randint(0, 3_000_000)),
            "figures_as_of": dt.date(2024, 9, 30), "chair_name": f"นางทดสอบ ใจดี{number}",
            "chair_phone": f"08{rng.randint(10000000, 99999999)}", "officer_name": "นางสาวศิริพร ทองมา",
        })
    return rows


def reset_registry(groups: int):
    """Empties the group tables and puts back the first half of the planned groups."""
    from django.db import connection

    from geo.models import Village
    from groups.models import Activity, GroupChange, SavingsGroup

    GroupChange.objects.all().delete()
    Activity.objects.all().delete()
    SavingsGroup.objects.all().delete()
    Village.objects.all().delete()
    rows = plan(groups)[: groups // 2]
    villages = {}
    for row in rows:
        code = f"{row['tambon'].code}{row['moo']:02d}"
        villages.setdefault(code, Village(code=code, subdistrict=row["tambon"], moo=row["moo"], name=row["village"]))
    Village.objects.bulk_create(villages.values(), batch_size=1000)
    SavingsGroup.objects.bulk_create([
        SavingsGroup(code=r["code"], name=r["name"], village_id=f"{r['tambon'].code}{r['moo']:02d}",
                     district_id=r["tambon"].district_id,
                     **{k: r[k] for k in ("founded_on", "under_regulation", "members_total", "members_men",
                                          "members_women", "savings_balance", "loans_outstanding",
                                          "figures_as_of", "chair_name", "chair_phone", "officer_name")})
        for r in rows
    ], batch_size=1000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def write_group_file(path: Path, groups: int):
    """The national file: the existing half with new figures, the other half new groups."""
    import xlsxwriter

    from groups.spreadsheets.resources import GroupResource, columns

    headers = [c.column_name for c in columns(GroupResource)]
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("กลุ่มออมทรัพย์")
    sheet.write_row(0, 0, headers)
    be = lambda d: f"{d.day:02d}/{d.month:02d}/{d.year + 543}"  # noqa: E731
    for index, r in enumerate(plan(groups), start=1):
        changed = index <= groups // 2
        savings = r["savings_balance"] + (Decimal(1000) if changed else 0)
        sheet.write_row(index, 0, [
            r["code"], r["name"], r["moo"], r["village"], r["tambon"].name_th, r["tambon"].district.name_th,
            r["tambon"].district.province.name_th, be(r["founded_on"]), "ใช่" if r["under_regulation"] else "ไม่ใช่",
            "ดำเนินการอยู่", r["members_total"], r["members_men"], r["members_women"], float(savings),
            float(r["loans_outstanding"]), be(dt.date(2025, 3, 31) if changed else r["figures_as_of"]),
            r["chair_name"], r["chair_phone"], r["officer_name"],
        ])
    workbook.close()


def write_activity_file(path: Path, activities: int):
    import xlsxwriter

    from groups.models import ActivityType, SavingsGroup
    from groups.spreadsheets.resources import ActivityResource, columns

    codes = list(SavingsGroup.objects.order_by("code").values_list("code", flat=True))
    types = list(ActivityType.objects.values_list("name", flat=True))
    headers = [c.column_name for c in columns(ActivityResource)]
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("กิจกรรมของกลุ่ม")
    sheet.write_row(0, 0, headers)
    rng = random.Random(2568)
    for index in range(1, activities + 1):
        code = codes[index % len(codes)]
        kind = types[(index // len(codes)) % len(types)]
        sheet.write_row(index, 0, [code, "", kind, f"{kind} ของกลุ่ม {code}",
                                   f"01/{rng.randint(1, 12):02d}/{rng.randint(2548, 2566)}",
                                   float(rng.randint(5, 500) * 1000), rng.randint(5, 100), "ดำเนินการอยู่"])
    workbook.close()


# ---------------------------------------------------------------- measured steps (child processes)

def step_openpyxl_read(path):
    import openpyxl

    start = time.perf_counter()
    workbook = openpyxl.load_workbook(path, read_only=True)
    rows = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return {"seconds": time.perf_counter() - start, "rows": rows - 1}


def step_calamine_read(path):
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    rows = len(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python())
    return {"seconds": time.perf_counter() - start, "rows": rows - 1}


def step_import(path, kind):
    from groups.spreadsheets.importing import spreadsheet_import

    start = time.perf_counter()
    report = spreadsheet_import(kind=kind, path=path, actor=None, dry_run=False, file_name=Path(path).name)
    seconds = time.perf_counter() - start
    assert report.applied, report.errors[:5]
    return {"seconds": seconds, "rows": report.rows, "created": report.created, "updated": report.updated,
            "unchanged": report.unchanged}


def step_baseline(path, rows):
    """django-import-export with its defaults: one instance loaded, validated and saved per row."""
    import tablib
    from import_export.resources import ModelResource

    from groups import services
    from groups.spreadsheets.places import PlaceLookup
    from groups.spreadsheets.resources import GroupResource

    class LibraryDefaults(GroupResource):
        """The layout's Resource with the library's own import opened again, for this comparison
        only (the registry closes it: no actor, no area rule, no history)."""

        import_data = ModelResource.import_data
        import_row = ModelResource.import_row
        save_instance = ModelResource.save_instance

        def import_instance(self, instance, row, **kwargs):
            super().import_instance(instance, row, **kwargs)
            places = getattr(self, "_places", None) or PlaceLookup()
            self._places = places
            fields = self.fields
            province = places.province(fields["province"].clean(row)) if "จังหวัด" in row else None
            tambon = places.subdistrict(fields["subdistrict"].clean(row),
                                        places.district(fields["district"].clean(row), province))
            instance.village = services.village_get_or_create(subdistrict=tambon, moo=fields["moo"].clean(row),
                                                              name=fields["village_name"].clean(row))
            instance.district_id = instance.village.subdistrict.district_id

    start = time.perf_counter()
    with open(path, "rb") as handle:
        dataset = tablib.Dataset().load(handle.read(), format="xlsx")
    if rows and rows < len(dataset):
        dataset = dataset.subset(rows=range(rows))
    result = LibraryDefaults().import_data(dataset, dry_run=False, raise_errors=True)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "rows": len(dataset), "totals": {k: v for k, v in result.totals.items() if v}}


def step_export(path, kind):
    from groups.models import SavingsGroup
    from groups.spreadsheets.files import export_activities, export_groups

    groups = SavingsGroup.objects.order_by("code")
    start = time.perf_counter()
    rows = export_groups(groups, path) if kind == "groups" else export_activities(groups, path)
    return {"seconds": time.perf_counter() - start, "rows": rows}


def step_xlsxwriter(path):
    """The yardstick: XlsxWriter in constant-memory mode writing the same cells, already in memory."""
    import xlsxwriter

    from groups.models import SavingsGroup
    from groups.spreadsheets.files import export_paths
    from groups.spreadsheets.resources import GroupResource, columns

    layout = columns(GroupResource)
    rows = [[column.widget.render(value) for column, value in zip(layout, values, strict=True)]
            for values in SavingsGroup.objects.order_by("code").values_list(*export_paths(GroupResource))]
    start, cpu = time.perf_counter(), cpu_seconds()
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, [c.column_name for c in layout])
    for number, row in enumerate(rows, start=1):
        sheet.write_row(number, 0, row)
    workbook.close()
    return {"seconds": time.perf_counter() - start, "cpu": cpu_seconds() - cpu, "rows": len(rows)}


STEPS = {
    "openpyxl_read": lambda a: step_openpyxl_read(a.file),
    "calamine_read": lambda a: step_calamine_read(a.file),
    "import_groups": lambda a: step_import(a.file, "groups"),
    "import_activities": lambda a: step_import(a.file, "activities"),
    "baseline": lambda a: step_baseline(a.file, a.baseline_rows),
    "export_groups": lambda a: step_export(a.file, "groups"),
    "export_activities": lambda a: step_export(a.file, "activities"),
    "xlsxwriter": lambda a: step_xlsxwriter(a.file),
    "reset": lambda a: reset_registry(a.groups) or {},
}


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(args):
    setup_django()
    cpu = cpu_seconds()
    result = STEPS[args.step](args)
    result.setdefault("cpu", cpu_seconds() - cpu)  # this process only (not PostgreSQL's own work)
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))


def run(step, args, file=""):
    command = [sys.executable, __file__, "--child", step, "--file", str(file), "--groups", str(args.groups),
               "--baseline-rows", str(args.baseline_rows or 0)]
    output = subprocess.run(command, check=True, capture_output=True, text=True, env=os.environ).stdout
    return json.loads(output.strip().splitlines()[-1])


def best(step, args, file, *, reset=False):
    """The fastest of --repeat runs: on a shared machine the slower runs measure the neighbours."""
    results = []
    for _ in range(args.repeat):
        if reset:
            run("reset", args)
        results.append(run(step, args, file))
    return min(results, key=lambda r: r["seconds"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--groups", type=int, default=30_000)
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--baseline-rows", type=int, default=0, help="time the baseline on the first N rows and scale")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each timed step; the fastest is shown")
    parser.add_argument("--child")
    parser.add_argument("--step")
    parser.add_argument("--file")
    args = parser.parse_args()
    if args.child:
        args.step = args.child
        return child(args)

    WORK.mkdir(parents=True, exist_ok=True)
    setup_django()
    from django.db import connection

    prepare_database()
    vendor = connection.vendor
    groups_file, activities_file = WORK / "groups-national.xlsx", WORK / "activities-national.xlsx"
    reset_registry(args.groups)
    write_group_file(groups_file, args.groups)
    size = groups_file.stat().st_size / 1024 / 1024
    print(f"database: {vendor}; file: {args.groups:,} group rows, {size:.1f} MB ({groups_file})")

    bare = best("openpyxl_read", args, groups_file)
    fast_read = best("calamine_read", args, groups_file)
    print(f"(fastest of {args.repeat} runs each; cpu = this process's CPU seconds)")
    print(f"read only, openpyxl read-only:   {bare['seconds']:6.2f} s  cpu {bare['cpu']:6.2f} s  peak {bare['peak_mb']:5.0f} MB")
    print(f"read only, python-calamine:      {fast_read['seconds']:6.2f} s  peak {fast_read['peak_mb']:5.0f} MB")

    imported = best("import_groups", args, groups_file, reset=True)
    print(f"registry import (all steps):     {imported['seconds']:6.2f} s  peak {imported['peak_mb']:5.0f} MB  "
          f"{imported['rows'] / imported['seconds']:,.0f} rows/s  (new {imported['created']:,}, "
          f"changed {imported['updated']:,}, unchanged {imported['unchanged']:,})")
    print(f"  cpu {imported['cpu']:.2f} s")
    print(f"  ratio to the openpyxl read:    {imported['seconds'] / bare['seconds']:6.2f}x  (target ≤ 3x; "
          f"by cpu {imported['cpu'] / bare['cpu']:.2f}x)")
    again = run("import_groups", args, groups_file)
    print(f"same file again (no changes):    {again['seconds']:6.2f} s  (changed {again['updated']:,}, "
          f"new {again['created']:,})")

    exported = best("export_groups", args, WORK / "export-groups.xlsx")
    yardstick = best("xlsxwriter", args, WORK / "xlsxwriter-groups.xlsx")
    print(f"export of {exported['rows']:,} groups:          {exported['seconds']:6.2f} s  peak {exported['peak_mb']:5.0f} MB")
    print(f"XlsxWriter constant_memory:      {yardstick['seconds']:6.2f} s  peak {yardstick['peak_mb']:5.0f} MB")
    print(f"  ratio:                         {exported['seconds'] / yardstick['seconds']:6.2f}x  (target ≤ 1.5x; "
          f"by cpu {exported['cpu'] / yardstick['cpu']:.2f}x)")

    write_activity_file(activities_file, args.activities)
    activities = run("import_activities", args, activities_file)
    print(f"import of {activities['rows']:,} activities:   {activities['seconds']:6.2f} s  peak "
          f"{activities['peak_mb']:5.0f} MB  {activities['rows'] / activities['seconds']:,.0f} rows/s")
    activity_export = run("export_activities", args, WORK / "export-activities.xlsx")
    print(f"export of {activity_export['rows']:,} activities:   {activity_export['seconds']:6.2f} s  peak "
          f"{activity_export['peak_mb']:5.0f} MB")

    if not args.skip_baseline:
        run("reset", args)
        baseline = run("baseline", args, groups_file)
        scaled = baseline["seconds"] * args.groups / baseline["rows"]
        part = "" if baseline["rows"] == args.groups else f" (timed on {baseline['rows']:,} rows, scaled)"
        print(f"django-import-export defaults:   {scaled:6.2f} s  peak {baseline['peak_mb']:5.0f} MB{part}")
        print(f"  registry import is {scaled / imported['seconds']:.1f}x faster  (target ≥ 5x)")


if __name__ == "__main__":
    main()
