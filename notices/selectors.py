"""Read side of notices."""

from django.db.models import F

from notices.models import Notice, NoticeSettings

HOME_LIMIT = 10


def recent_for(user) -> list[Notice]:
    """The user's latest notices, unread first (one query)."""
    return list(Notice.objects.visible_to(user)
                .order_by(F("read_at").asc(nulls_first=True), "-created_at", "-pk")[:HOME_LIMIT])


def unread_count(user) -> int:
    return Notice.objects.visible_to(user).unread().count()


def email_enabled(user) -> bool:
    """E-mail is on unless the user turned it off."""
    return not NoticeSettings.objects.filter(user=user, email_enabled=False).exists()
