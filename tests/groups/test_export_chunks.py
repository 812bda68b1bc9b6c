"""Exports behind PgBouncer (DISABLE_SERVER_SIDE_CURSORS) still read in bounded chunks: one query of
primary keys, then one query per chunk of rows, in the list's own order (core.streaming)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import streaming
from groups.models import SavingsGroup
from groups.spreadsheets.files import export_groups
from tests.factories import GroupFactory
from tests.groups.spreadsheet_support import make_village, read_xlsx


@pytest.fixture
def many_groups(geography):
    village = make_village("520101", 3)
    return [GroupFactory(code=f"C{n:02d}", village=village, savings_balance=Decimal((n * 7) % 23)) for n in range(45)]


@pytest.fixture
def pgbouncer(monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "DISABLE_SERVER_SIDE_CURSORS", True)


def _export(tmp_path, name, queryset):
    path = tmp_path / name
    with CaptureQueriesContext(connection) as queries:
        export_groups(queryset, path)
    return read_xlsx(path), [q["sql"] for q in queries.captured_queries]


def test_behind_pgbouncer_an_export_reads_chunk_by_chunk_in_the_lists_order(
        many_groups, tmp_path, monkeypatch, pgbouncer):
    monkeypatch.setattr(streaming, "CHUNK", 10)
    by_members = SavingsGroup.objects.order_by("-savings_balance", "code")
    sheet, queries = _export(tmp_path, "chunks.xlsx", by_members)

    assert len(queries) == 1 + 5  # the 45 keys, then 5 chunks of at most 10 rows
    assert [sql.split(" IN (")[1].split(")")[0].count(",") + 1 for sql in queries[1:]] == [10, 10, 10, 10, 5]
    assert [row[0] for row in sheet[1:]] == list(by_members.values_list("code", flat=True))


def test_the_same_rows_as_one_streamed_query(many_groups, tmp_path, monkeypatch):
    by_members = SavingsGroup.objects.order_by("-savings_balance", "code")
    streamed, queries = _export(tmp_path, "one.xlsx", by_members)
    assert len(queries) == 1  # server-side cursors: one query, as the pinned view test counts
    monkeypatch.setitem(connection.settings_dict, "DISABLE_SERVER_SIDE_CURSORS", True)
    monkeypatch.setattr(streaming, "CHUNK", 7)
    chunked, _ = _export(tmp_path, "chunked.xlsx", by_members)
    assert chunked == streamed


def test_model_rows_chunk_too(many_groups, tmp_path, monkeypatch, pgbouncer):
    monkeypatch.setattr(streaming, "CHUNK", 10)
    groups = SavingsGroup.objects.select_related("village").order_by("code")
    with CaptureQueriesContext(connection) as queries:
        codes = [group.code for group in streaming.objects(groups)]
        assert [group.village.moo for group in streaming.objects(groups)][:1] == [3]
    assert codes == sorted(g.code for g in many_groups)
    assert len(queries) == 2 * (1 + 5)  # no query per row: the village came with each chunk
