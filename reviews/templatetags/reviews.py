"""Review-round template helpers: status badges, deadline wording and the group page's review history."""

from django import template

from reviews.models import GroupReview, ReviewEvent
from reviews.selectors import display

register = template.Library()

register.filter("status_badge", display.status_badge)
register.filter("deadline", display.deadline_text)


@register.inclusion_tag("reviews/_group_history.html")
def group_review_history(group):
    """The group's place in every review round and each event about it (two queries)."""
    # Only the rows the template shows are joined: each joined model's columns cost SQL-compiling
    # time on every group page (the classifier and the event's round are not shown).
    reviews = (GroupReview.objects.filter(group=group)
               .select_related("round", "submission").order_by("-round__letter_date"))
    events = ReviewEvent.objects.filter(group=group).select_related("actor")
    return {"group": group, "reviews": reviews, "events": events}
