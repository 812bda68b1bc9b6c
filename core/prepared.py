"""Querysets of one shape that a page runs on every request, compiled to SQL once per database
connection instead of on every request.

Django builds a queryset's SQL anew each time it is evaluated. For the short queries of a page
(a group's activities, its change history, the events of a round) that costs three to five times
as much CPU as running the query and making the rows into models: 0.4-0.6 ms a query, two to four
milliseconds a page (docs/performance-national.md, "CPU per page").

`prepared(build)` makes a function of the same arguments as `build`. The first call on a
connection runs `build(*markers)`, one stand-in value per argument, and lets Django compile it;
the SQL, the place of each argument among its parameters and the compiler's map of columns to
models are kept. Every call then runs that SQL with the real arguments and makes the instances as
`QuerySet` does (`select_related` models, annotations, the database's value converters), with
Django's own functions; a `values(...)` queryset gives its dicts.

Only for querysets whose SQL is the same for every value of the arguments: each argument an int
or a str used as a value of a lookup (an id, a code), never None or a list, and never deciding
which filters or joins the query has. The first compilation checks that each stand-in became a
parameter; `prefetch_related`, `values_list()` and `aggregate()` are not supported (an aggregate
is written as `values(<a constant group>).annotate(...)`).

One argument may also be the user a query is read for, to go through `visible_to(user)`: the one
rule of who sees what stays where it is. Its SQL depends on the user's office level (a district,
a province, the country), so the query is compiled once per level, with a stand-in user of that
level whose id, office and office's province and amphoe are stand-in values; each call puts the
real user's in their place. A `visible_to` may therefore read of the user only those four and the
office's level, and must not branch on anything else of the user (tests/test_prepared.py and
tests/reviews/test_visible_lookups.py compare the prepared queries with their querysets for each
role, whichever role's call compiled them). For a user without an office, or not logged in, the
queryset is run as it is (their `visible_to` is empty).
"""

import threading
import weakref
from itertools import count

from django.contrib.auth import get_user_model
from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connections
from django.db.models.query import ModelIterable, ValuesIterable, get_related_populators
from django.http import Http404

_marker_numbers = count(1)


def _is_user(value):
    return isinstance(value, get_user_model())


def _shape(args):
    """The office level of each user argument (None for the others), or False when a user has no
    office or is not logged in: their `visible_to` is empty, and the query is not prepared for them."""
    shape = []
    for value in args:  # None would be compared with "=" (never true), not "IS NULL"
        if getattr(value, "is_anonymous", False) is True:
            return False
        if _is_user(value):
            if not value.office_id:
                return False
            shape.append(value.office.level)
        elif isinstance(value, bool) or not isinstance(value, int | str):
            raise TypeError(f"a prepared query's arguments are ints or strs or a user, not {type(value).__name__}")
        else:
            shape.append(None)
    return tuple(shape)


def _marker(value):
    """A stand-in for an argument, of its type and unlike any real id or code."""
    number = next(_marker_numbers)
    # Inside a 32-bit column's range: Django answers "no rows" without SQL for a value outside it.
    return 2_000_000_000 + number if isinstance(value, int) else f"~prepared-{number}~"


def _user_values(user):
    """What a `visible_to` may read of a user: the user's id, office, and the office's province and
    amphoe (None where the office's level has none)."""
    office = user.office
    return [user.pk, user.office_id, office.province_id, office.district_id]


def _stand_in_user(user):
    """A user of `user`'s office level whose four values are stand-ins, and those stand-ins."""
    office = user.office
    pk, office_id = _marker(0), _marker(0)
    province_id = None if office.province_id is None else _marker("")
    district_id = None if office.district_id is None else _marker("")
    stand_in = get_user_model()(pk=pk)
    stand_in.office = type(office)(pk=office_id, level=office.level, province_id=province_id, district_id=district_id)
    return stand_in, [pk, office_id, province_id, district_id]


def _flat(args):
    """The arguments as the compiled SQL's parameters see them: a user as its four values."""
    return [part for value in args for part in (_user_values(value) if _is_user(value) else [value])]


class _Compiled:
    def __init__(self, queryset, markers, required):
        if queryset._iterable_class not in (ModelIterable, ValuesIterable) or queryset._prefetch_related_lookups:
            raise ImproperlyConfigured("prepared() makes model instances or values() dicts, without prefetch_related")
        self.alias = queryset.db
        self.compiler = queryset.query.get_compiler(using=self.alias)
        try:
            self.sql, params = self.compiler.as_sql()
        except EmptyResultSet as error:
            raise ImproperlyConfigured("prepared(): the query is empty for a stand-in value; "
                                       "an argument decides its shape") from error
        places = {id(marker): index for index, marker in enumerate(markers) if marker is not None}
        self.params = [(places[id(p)], None) if id(p) in places else (None, p) for p in params]
        missing = set(required) - {index for index, _ in self.params if index is not None}
        if missing:
            raise ImproperlyConfigured(f"prepared(): argument(s) {sorted(missing)} are not parameters of the SQL: "
                                       "the query's shape depends on them")
        compiler, query = self.compiler, queryset.query
        fields = [column[0] for column in compiler.select[:compiler.col_count]]
        if compiler.has_composite_fields(fields):
            raise ImproperlyConfigured("prepared() does not read composite primary keys")
        self.converters = compiler.get_converters(fields)  # the same for every run: found once
        self.names = None
        if queryset._iterable_class is ValuesIterable:
            self.names = [*query.extra_select, *query.values_select, *query.annotation_select]
            return
        info = compiler.klass_info
        self.model = info["model"]
        start, end = info["select_fields"][0], info["select_fields"][-1] + 1
        self.model_slice = slice(start, end)
        self.init_list = [column[0].target.attname for column in compiler.select[start:end]]
        self.related_populators = get_related_populators(info, compiler.select, self.alias)
        self.annotations = compiler.annotation_col_map

    def run(self, args):
        params = [args[index] if index is not None else value for index, value in self.params]
        with self.compiler.connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        if self.names is not None:
            return [dict(zip(self.names, row, strict=True)) for row in rows]
        objects = []
        for row in rows:
            obj = self.model.from_db(self.alias, self.init_list, row[self.model_slice])
            for populator in self.related_populators:
                populator.populate(row, obj)
            for name, position in self.annotations.items():
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects


class prepared:  # noqa: N801 - used as a decorator, like functools.cache
    """@prepared over a function that returns a queryset: calling it returns the list of models."""

    def __init__(self, build):
        self.build = build
        self.__doc__ = build.__doc__
        self._alias = None
        self._compiled = weakref.WeakKeyDictionary()  # connection (one thread's) -> shape -> _Compiled
        self._lock = threading.Lock()

    def __call__(self, *args):
        shape = _shape(args)
        if shape is False:
            return list(self.build(*args))
        compiled = self._compiled.get(connections[self._alias], {}).get(shape) if self._alias else None
        if compiled is None:
            compiled = self._compile(args)
            with self._lock:
                self._alias = compiled.alias
                self._compiled.setdefault(connections[compiled.alias], {})[shape] = compiled
        return compiled.run(_flat(args))

    def _compile(self, args):
        stand_ins, markers, required = [], [], []
        for value in args:
            if _is_user(value):  # a user's values are parameters only where its level's visible_to uses them
                stand_in, values = _stand_in_user(value)
                stand_ins.append(stand_in)
                markers.extend(values)
            else:
                stand_ins.append(_marker(value))
                required.append(len(markers))
                markers.append(stand_ins[-1])
        return _Compiled(self.build(*stand_ins), markers, required)


def one_or_404(rows):
    """The record a prepared lookup by primary key found, or the 404 `get_object_or_404` answers."""
    if not rows:
        raise Http404("ไม่พบข้อมูลที่ขอ")
    return rows[0]
