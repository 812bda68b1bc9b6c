"""The import's write path: everything it changes in rows that officers also edit is written
last, in one statement per table, from a staging table.

An import validates every row first without taking a lock. It then writes in one transaction (so
it stays all or nothing): new villages, new groups and activities and every history row first
(inserts, which officers never wait for: a foreign-key check takes `FOR KEY SHARE`, and the
services lock with `FOR NO KEY UPDATE`, which does not conflict with it), and at the very end the
changed rows of existing groups and activities, each table by one `UPDATE … FROM` a staging
table. Officers editing those groups wait only for that last statement and the commit, not for the
whole import (see docs/performance.md for the measured waits).

The update is a compare-and-set on the group's version: a group an officer saved after the import
read it is not overwritten; the import stops with `ImportConflict`, rolls back, and the caller
reads and validates the file again against the new values (`groups.spreadsheets.importing`).
"""

from django.db import connection

STAGE_ROWS = 500  # rows per INSERT into the staging table (under SQLite's bound-parameter limit)


class ImportConflict(Exception):
    """A row the import validated was changed by someone else and cannot be merged; the caller
    validates the file again."""


def merge_update(model, objects, fields, *, resolve=None) -> None:
    """Writes `fields` of `objects` (existing rows, by primary key) in one UPDATE from a staging
    table.

    With `resolve`, the write is a compare-and-set on `version`: each object carries the row's
    version + 1. The rows are locked (`FOR NO KEY UPDATE`, by primary key) just before the
    update; those whose version moved on since the import read them (an officer saved them) go
    to `resolve(ids)`, which returns them merged onto the saved values (or raises
    ImportConflict), and are written by the same UPDATE."""
    if not objects:
        return
    meta = model._meta
    columns = [meta.pk] + [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    table, stage = quote(meta.db_table), quote(f"{meta.db_table}_stage")
    names = ", ".join(quote(c.column) for c in columns)
    pk, version = quote(meta.pk.column), quote("version")
    row_marks = "(" + ", ".join(["%s"] * len(columns)) + ")"

    def put(cursor, rows):
        for start in range(0, len(rows), STAGE_ROWS):
            part = rows[start:start + STAGE_ROWS]
            params = [c.get_db_prep_save(getattr(obj, c.attname), connection) for obj in part for c in columns]
            cursor.execute(f"INSERT INTO {stage} ({names}) VALUES " + ", ".join([row_marks] * len(part)), params)

    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {stage}")
        cursor.execute(f"CREATE TEMPORARY TABLE {stage} AS SELECT {names} FROM {table} WHERE 1 = 0")
        put(cursor, objects)
        if resolve is not None:
            # Rows saved since the import read them are merged before any lock is taken; the
            # lock then only finds those saved in the last moment.
            _merge_moved(cursor, stage, table, pk, version, resolve, put, "")
            # One statement locks every row in primary-key order and, after any wait, reads its
            # latest version.
            lock = " FOR NO KEY UPDATE OF t" if connection.vendor == "postgresql" else ""
            _merge_moved(cursor, stage, table, pk, version, resolve, put, lock)
        assignments = ", ".join(f"{quote(c.column)} = s.{quote(c.column)}" for c in columns[1:])
        cursor.execute(f"UPDATE {table} AS t SET {assignments} FROM {stage} AS s WHERE t.{pk} = s.{pk}")
        cursor.execute(f"DROP TABLE {stage}")


def _merge_moved(cursor, stage, table, pk, version, resolve, put, lock):
    cursor.execute(f"SELECT t.{pk}, t.{version} <> s.{version} - 1 FROM {table} AS t "
                   f"JOIN {stage} AS s ON t.{pk} = s.{pk} ORDER BY t.{pk}{lock}")
    moved = [row[0] for row in cursor.fetchall() if row[1]]
    if moved:
        merged = resolve(moved)
        for start in range(0, len(moved), STAGE_ROWS):
            part = moved[start:start + STAGE_ROWS]
            cursor.execute(f"DELETE FROM {stage} WHERE {pk} IN ({', '.join(['%s'] * len(part))})", part)
        put(cursor, merged)


def checks_now() -> None:
    """Foreign keys are checked at each insert, not at COMMIT: Django creates them deferred, and
    tens of thousands of deferred checks at the end would run while the import holds its row
    locks (they also took part in the deadlock of a 30,000-row import against classifying)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
