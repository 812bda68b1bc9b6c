"""Run in a fresh process (tests/uploads/test_memory.py, bench/upload_attack.py): sends each file
given on the command line through the real entry point of its upload and prints, as JSON, how
far each one raised the process's peak memory (VmHWM) and what it answered.

    python -m tests.uploads.measure_memory groups FILE... | review FILE... | scan FILE...
"""

import json
import os
import sys
import time


def peak_kb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def rss_kb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def main(kind, paths):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "savings_registry.settings")
    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from groups.spreadsheets.importing import spreadsheet_import
    from printing.services import check_scan
    from reviews.sheets import read_sheet

    def run(path):
        if kind == "groups":  # the group import's own entry: guard, then the reader
            return spreadsheet_import(kind="groups", path=path, actor=None, dry_run=True)
        if kind == "review":  # the review sheet's reader: guard, then openpyxl
            return read_sheet(None, path)
        with open(path, "rb") as handle:
            return check_scan(SimpleUploadedFile("scan", handle.read()))

    results = []
    for path in paths:
        before, started = peak_kb(), time.perf_counter()
        try:
            run(path)
            answer = "accepted"
        except ValidationError as error:
            answer = " ".join(error.messages)
        results.append({"file": os.path.basename(path), "bytes": os.path.getsize(path),
                        "peak_growth_kb": peak_kb() - before, "rss_after_kb": rss_kb(),
                        "seconds": round(time.perf_counter() - started, 4), "answer": answer})
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
