"""The login backend: Django's ModelBackend, loading the user's office with the user.

Every page reads `request.user.office` (the area rule, the menu): one query per request fewer
than loading the office on first use.
"""

from django.contrib.auth.backends import ModelBackend, UserModel


class OfficeModelBackend(ModelBackend):
    def get_user(self, user_id):
        user = UserModel._default_manager.select_related("office").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
