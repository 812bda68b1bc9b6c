"""The review histories that pages show on every view: prepared queries (core/prepared.py),
compiled once per connection, each by the ids of records the view has already found visible to
the officer (`visible_to`), so none of them widens what anyone sees."""

from core.prepared import prepared
from reviews.models import GroupReview, ReviewEvent
from reviews.selectors.hints import with_duplicate_flag


@prepared
def group_reviews(group_id):
    """The group's place in every round, newest letter first (the group page). Only the rows the
    page shows are joined: the classifier and the event's round are not."""
    return (GroupReview.objects.filter(group_id=group_id)
            .select_related("round", "submission").order_by("-round__letter_date"))


@prepared
def group_events(group_id):
    """Every review event about the group, newest first (the group page)."""
    return ReviewEvent.objects.filter(group_id=group_id).select_related("actor")


@prepared
def group_round_events(group_id, round_id):
    """The events about the group in one round (the review form, the follow-up visit)."""
    return ReviewEvent.objects.filter(group_id=group_id, round_id=round_id).select_related("actor")


@prepared
def submission_events(submission_id):
    """The district's own events of the round, not those about one group (the submission page)."""
    return ReviewEvent.objects.filter(submission_id=submission_id, group__isnull=True).select_related("actor")


@prepared
def round_events(round_id):
    """The round's latest 50 events not about one group, with their districts (the dashboard)."""
    return (ReviewEvent.objects.filter(round_id=round_id, group__isnull=True)
            .select_related("actor", "submission__district")[:50])


@prepared
def review_with_group(submission_id, review_id):
    """One review of the submission for the review form, with its group, village and tambon and the
    duplicate-name flag of the hints (one query, not a second read of the review)."""
    return (with_duplicate_flag(GroupReview.objects.filter(submission_id=submission_id, pk=review_id))
            .select_related("group__village__subdistrict", "classified_by"))
