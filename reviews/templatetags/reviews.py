"""Review-round template helpers: status badges, deadline wording and the group page's review history."""

from django import template

from reviews.models import GroupReview, ReviewEvent, Submission

register = template.Library()

BADGES = {
    Submission.Status.NOT_STARTED: "",
    Submission.Status.IN_PROGRESS: "warn",
    Submission.Status.SUBMITTED: "ok",
    Submission.Status.RETURNED: "bad",
    Submission.Status.ACCEPTED: "ok",
}


@register.filter
def status_badge(status):
    """The badge class for a submission status."""
    return BADGES.get(status, "")


@register.filter
def deadline(days_left):
    """Days to the deadline in words: เหลือ 3 วัน / ครบกำหนดวันนี้ / เกินกำหนด 2 วัน."""
    if days_left is None:
        return ""
    if days_left > 0:
        return f"เหลือ {days_left:,} วัน"
    if days_left == 0:
        return "ครบกำหนดวันนี้"
    return f"เกินกำหนด {-days_left:,} วัน"


@register.inclusion_tag("reviews/_group_history.html")
def group_review_history(group):
    """The group's place in every review round and each event about it (two queries)."""
    # Only the rows the template shows are joined: each joined model's columns cost SQL-compiling
    # time on every group page (the classifier and the event's round are not shown).
    reviews = (GroupReview.objects.filter(group=group)
               .select_related("round", "submission").order_by("-round__letter_date"))
    events = ReviewEvent.objects.filter(group=group).select_related("actor")
    return {"group": group, "reviews": reviews, "events": events}
