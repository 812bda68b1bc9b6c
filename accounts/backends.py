"""The login backend: Django's ModelBackend, loading the user's office with the user.

Every page reads `request.user.office` (the area rule, the menu), so the office comes in the same
query as the user. That query runs on every request of every officer with one shape, so it is
written out once (`Manager.raw`, Django's own SQL-to-model path, field converters included)
instead of compiled by the ORM each time: 0.15 ms of CPU against 0.5 ms for
`select_related("office").get(pk=…)`, on every page (docs/performance-national.md).
"""

from functools import cache

from django.contrib.auth.backends import ModelBackend, UserModel
from django.core.exceptions import ValidationError
from django.db import connections, router


@cache
def _office_fields():
    return UserModel._meta.get_field("office").related_model._meta.concrete_fields


@cache
def _user_with_office_sql(alias):
    """SELECT the user's columns and the office's as "office__<column>" (written once per database)."""
    quote = connections[alias].ops.quote_name
    office_field = UserModel._meta.get_field("office")
    office_table = office_field.related_model._meta.db_table
    columns = [f"u.{quote(field.column)}" for field in UserModel._meta.concrete_fields]
    columns += [f"o.{quote(field.column)} AS {quote('office__' + field.column)}" for field in _office_fields()]
    return (f"SELECT {', '.join(columns)} FROM {quote(UserModel._meta.db_table)} u "
            f"LEFT JOIN {quote(office_table)} o ON o.{quote(office_field.target_field.column)} = u.{quote(office_field.column)} "
            f"WHERE u.{quote(UserModel._meta.pk.column)} = %s")


def user_with_office(user_id):
    """The user of that id with `user.office` loaded (or None when there is no such user)."""
    alias = router.db_for_read(UserModel)
    sql = _user_with_office_sql(alias)
    user = next(iter(UserModel._default_manager.db_manager(alias).raw(sql, [user_id])), None)
    if user is None:
        return None
    office_model = UserModel._meta.get_field("office").related_model
    values = [user.__dict__.pop(f"office__{field.column}") for field in _office_fields()]
    office = None if user.office_id is None else office_model.from_db(alias, [f.attname for f in _office_fields()], values)
    UserModel._meta.get_field("office").set_cached_value(user, office)
    return user


class OfficeModelBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = user_with_office(UserModel._meta.pk.to_python(user_id))
        except ValidationError:  # a session holding an id that is not one: no user, as ModelBackend answers
            return None
        return user if user is not None and self.user_can_authenticate(user) else None
