"""Read side of notices."""

from django.db.models import Count, F

from core.prepared import prepared
from notices.models import Notice, NoticeSettings

HOME_LIMIT = 10


@prepared
def recent_for(user) -> list[Notice]:
    """The user's latest notices, unread first (one prepared query: the home page's, on every visit)."""
    return Notice.objects.visible_to(user).order_by(F("read_at").asc(nulls_first=True), "-created_at", "-pk")[:HOME_LIMIT]


@prepared
def _unread(user):
    return Notice.objects.visible_to(user).unread().order_by().values("user_id").annotate(n=Count("pk"))


def unread_count(user) -> int:
    """How many of the user's notices are unread (one prepared query)."""
    return sum(row["n"] for row in _unread(user))


def email_enabled(user) -> bool:
    """E-mail is on unless the user turned it off."""
    return not NoticeSettings.objects.filter(user=user, email_enabled=False).exists()
