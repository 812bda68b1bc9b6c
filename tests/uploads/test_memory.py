"""Bounded memory: each hostile file, sent through the real entry point of its upload in a fresh
process, raises that process's peak memory (VmHWM) by less than 100 MB and is refused in Thai.
Regression tests for the report's review-sheet zip bomb, its shared-strings bomb and its 280 MB
sharedStrings under the old 300 MB cap."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIMIT_KB = 100 * 1024
SPREADSHEET_BOMBS = ["zip_bomb", "shared_strings_bomb", "big_shared_strings", "far_cell", "billion_laughs",
                     "lying_member", "ods_bomb", "csv_bomb", "xls_far_cell", "xls_dimensions"]


def measure(kind, paths, settings):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "savings_registry.settings", "DATABASE_URL": "sqlite://:memory:",
           "PENDING_UPLOAD_DIR": str(settings.PENDING_UPLOAD_DIR)}
    done = subprocess.run([sys.executable, "-m", "tests.uploads.measure_memory", kind, *map(str, paths)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=True)
    return {Path(r["file"]).stem: r for r in json.loads(done.stdout)}


@pytest.mark.parametrize("kind", ["groups", "review"])
def test_hostile_spreadsheets_leave_memory_bounded(bomb, kind, settings):
    warm_up = bomb("billion_laughs")  # the first run loads the readers' code: not the file's cost
    results = measure(kind, [warm_up, *[bomb(name) for name in SPREADSHEET_BOMBS]], settings)
    for name in SPREADSHEET_BOMBS:
        result = results[name]
        assert result["answer"] != "accepted", name
        assert "ไฟล์" in result["answer"] or "แผ่นงาน" in result["answer"], result
        assert result["peak_growth_kb"] < LIMIT_KB, result


def test_the_pixel_bomb_leaves_memory_bounded(bomb, settings):
    results = measure("scan", [bomb("pixel_bomb"), bomb("pixel_bomb")], settings)
    result = results["pixel_bomb"]
    assert result["answer"].startswith("ภาพมีขนาด")
    assert result["peak_growth_kb"] < LIMIT_KB
