"""How a submission's state reads on a page: its badge and the days to the deadline in words.

Plain functions, so read-side code (the dashboard, the home page) and the template filters of
`reviews.templatetags.reviews` share one wording."""

from reviews.models import Submission

BADGES = {
    Submission.Status.NOT_STARTED: "",
    Submission.Status.IN_PROGRESS: "warn",
    Submission.Status.SUBMITTED: "ok",
    Submission.Status.RETURNED: "bad",
    Submission.Status.ACCEPTED: "ok",
}


def status_badge(status) -> str:
    """The badge class for a submission status."""
    return BADGES.get(status, "")


def deadline_text(days_left) -> str:
    """Days to the deadline in words: เหลือ 3 วัน / ครบกำหนดวันนี้ / เกินกำหนด 2 วัน."""
    if days_left is None:
        return ""
    if days_left > 0:
        return f"เหลือ {days_left:,} วัน"
    if days_left == 0:
        return "ครบกำหนดวันนี้"
    return f"เกินกำหนด {-days_left:,} วัน"
