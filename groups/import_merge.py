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
reads and validates the file again against the new values (`groups.imports`).
"""

from django.db import connection

STAGE_ROWS = 500  # rows per INSERT into the staging table (under SQLite's bound-parameter limit)


class ImportConflict(Exception):
    """A row the import validated was changed by someone else before the import wrote it."""


def merge_update(model, objects, fields, *, compare_version=False) -> None:
    """Writes `fields` of `objects` (existing rows, by primary key) in one UPDATE from a staging
    table. With `compare_version`, each object's `version` must be the row's version + 1 (the
    row is unchanged since it was read); otherwise ImportConflict (the transaction rolls back)."""
    if not objects:
        return
    meta = model._meta
    columns = [meta.pk] + [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    table, stage = quote(meta.db_table), quote(f"{meta.db_table}_stage")
    names = ", ".join(quote(c.column) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {stage}")
        cursor.execute(f"CREATE TEMPORARY TABLE {stage} AS SELECT {names} FROM {table} WHERE 1 = 0")
        row_marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
        for start in range(0, len(objects), STAGE_ROWS):
            part = objects[start:start + STAGE_ROWS]
            params = [c.get_db_prep_save(getattr(obj, c.attname), connection) for obj in part for c in columns]
            cursor.execute(f"INSERT INTO {stage} ({names}) VALUES " + ", ".join([row_marks] * len(part)), params)
        assignments = ", ".join(f"{quote(c.column)} = s.{quote(c.column)}" for c in columns[1:])
        pk = quote(meta.pk.column)
        where = f"t.{pk} = s.{pk}"
        if compare_version:
            where += f" AND t.{quote('version')} = s.{quote('version')} - 1"
        cursor.execute(f"UPDATE {table} AS t SET {assignments} FROM {stage} AS s WHERE {where}")
        updated = cursor.rowcount
        cursor.execute(f"DROP TABLE {stage}")
    if compare_version and updated != len(objects):
        raise ImportConflict(f"{len(objects) - updated} rows of {meta.db_table} changed while importing")
