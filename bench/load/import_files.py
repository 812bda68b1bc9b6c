"""The provinces' correction files that `table.py --import-dir` imports while the load runs.

    DATABASE_URL=postgres://registry:registry@127.0.0.1:5432/registry_scale \\
        .venv/bin/python bench/load/import_files.py /tmp/imports [--provinces 12]

For each of the provinces with the most groups: the province's groups exported as the officers
export them (`groups.spreadsheets.files.export_groups`, the import's own layout), and a third of
the rows given a new chair's name, as a province sends back its corrected registry. Each file is
named for the provincial officer who imports it (`province30.xlsx` is imported `--as province30`:
only district and provincial staff may import, each within their own area).
"""

import argparse
import sys
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.pages_setup import setup_django  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--provinces", type=int, default=12)
    args = parser.parse_args()
    setup_django()
    from django.db.models import Count

    from groups.models import SavingsGroup
    from groups.spreadsheets.files import export_groups
    from groups.spreadsheets.resources import GroupResource

    out = Path(args.directory)
    out.mkdir(parents=True, exist_ok=True)
    header = GroupResource.fields["chair_name"].column_name
    largest = (SavingsGroup.objects.values("district__province_id").annotate(n=Count("pk"))
               .order_by("-n", "district__province_id")[: args.provinces])
    for row in largest:
        province = row["district__province_id"]
        path = out / f"province{province}.xlsx"
        count = export_groups(SavingsGroup.objects.filter(district__province_id=province).order_by("code"), path)
        book = load_workbook(path)
        sheet = book.active
        # The header row (the layout may put a title above it), then every third group after it.
        top, column = next((cell.row, cell.column) for row in sheet.iter_rows(max_row=10) for cell in row
                           if cell.value == header)
        changed = 0
        for number in range(top + 1, top + 1 + count, 3):
            sheet.cell(number, column).value = f"นางสาวแก้ไข ลำดับ{number}"
            changed += 1
        book.save(path)
        print(f"{path}: {count:,} groups, {changed:,} chair names changed")


if __name__ == "__main__":
    main()
