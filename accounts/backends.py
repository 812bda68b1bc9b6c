"""The login backend: Django's ModelBackend, loading the user's office with the user.

Every page reads `request.user.office` (the area rule, the menu), so the office comes in the same
query as the user. That query runs on every request of every officer with one shape, so it is a
prepared query (core/prepared.py: compiled once per connection, models made by Django's own
functions) instead of compiled by the ORM each time: 0.5 ms of CPU for
`select_related("office").get(pk=…)`, on every page (docs/performance-national.md).
"""

from django.contrib.auth.backends import ModelBackend, UserModel
from django.core.exceptions import ValidationError

from core.prepared import prepared


@prepared
def _user_with_office(user_id):
    return UserModel._default_manager.select_related("office").filter(pk=user_id)


def user_with_office(user_id):
    """The user of that id with `user.office` loaded (or None when there is no such user)."""
    return next(iter(_user_with_office(user_id)), None)


class OfficeModelBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = user_with_office(UserModel._meta.pk.to_python(user_id))
        except ValidationError:  # a session holding an id that is not one: no user, as ModelBackend answers
            return None
        return user if user is not None and self.user_can_authenticate(user) else None
