"""Reading a large queryset in bounded chunks, also behind PgBouncer.

`QuerySet.iterator(chunk_size=…)` streams through a server-side cursor on PostgreSQL. Behind
PgBouncer in transaction mode the settings turn those off (`DISABLE_SERVER_SIDE_CURSORS`, a
named cursor cannot outlive the transaction PgBouncer gave it), and then psycopg reads the whole
result into memory at the first row: an export of 100,000 activities would hold them all.

In that case the rows are read by primary key instead: one query lists the primary keys in the
queryset's own order (integers: 100,000 of them are under a megabyte), then each chunk of keys is
one query of its rows, put back in that order. So memory holds one chunk, the queries are
1 + rows / chunk, and the export keeps the list's sort. Without PgBouncer (or on SQLite) the
rows stream through `iterator()` as before, in one query.
"""

from collections.abc import Iterator

from django.db import connections

CHUNK = 2000


def _chunk_size(queryset, chunk_size):
    limit = connections[queryset.db].features.max_query_params  # SQLite: 999 parameters
    return min(chunk_size, limit - 10) if limit else chunk_size


def server_side_cursors(queryset) -> bool:
    return not connections[queryset.db].settings_dict.get("DISABLE_SERVER_SIDE_CURSORS")


def _key_chunks(queryset, chunk_size):
    chunk_size = chunk_size or CHUNK
    keys = list(queryset.values_list("pk", flat=True))
    size = _chunk_size(queryset, chunk_size)
    for start in range(0, len(keys), size):
        yield keys[start:start + size]


def rows(queryset, fields, *, chunk_size=None) -> Iterator[tuple]:
    """`queryset.values_list(*fields)`, in the queryset's order, read in bounded chunks."""
    if server_side_cursors(queryset):
        yield from queryset.values_list(*fields).iterator(chunk_size=chunk_size or CHUNK)
        return
    for keys in _key_chunks(queryset, chunk_size):
        found = {row[0]: row[1:] for row in queryset.filter(pk__in=keys).order_by().values_list("pk", *fields)}
        yield from (found[key] for key in keys if key in found)


def objects(queryset, *, chunk_size=None) -> Iterator:
    """The queryset's model instances (with its select_related), in its order, in bounded chunks."""
    if server_side_cursors(queryset):
        yield from queryset.iterator(chunk_size=chunk_size or CHUNK)
        return
    for keys in _key_chunks(queryset, chunk_size):
        found = {obj.pk: obj for obj in queryset.filter(pk__in=keys).order_by()}
        yield from (found[key] for key in keys if key in found)
