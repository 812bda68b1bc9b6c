"""A round and a submission looked up for a page: by id, among those the user sees (visible_to).
Prepared queries (core/prepared.py): they run on nearly every page of a review."""

from core.prepared import prepared
from reviews.models import Round, Submission


@prepared
def visible_round(user, pk):
    """The round of id `pk` if the user sees it, with its province."""
    return Round.objects.visible_to(user).select_related("province").filter(pk=pk)


@prepared
def visible_submission(user, pk):
    """The submission of id `pk` if the user sees it, with its round and district."""
    return Submission.objects.visible_to(user).select_related("round", "district").filter(pk=pk)
