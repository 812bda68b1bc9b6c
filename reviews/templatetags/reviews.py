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
    reviews = (GroupReview.objects.filter(group=group)
               .select_related("round", "submission", "classified_by").order_by("-round__letter_date"))
    events = ReviewEvent.objects.filter(group=group).select_related("actor", "round")
    return {"group": group, "reviews": reviews, "events": events}
