"""Review-round template helpers: status badges, deadline wording and the group page's review history."""

from django import template

from reviews.selectors import display, history

register = template.Library()

register.filter("status_badge", display.status_badge)
register.filter("deadline", display.deadline_text)


@register.inclusion_tag("reviews/_group_history.html")
def group_review_history(group):
    """The group's place in every review round and each event about it (two queries)."""
    return {"group": group, "reviews": history.group_reviews(group.pk), "events": history.group_events(group.pk)}
