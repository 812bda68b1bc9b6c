"""What the district submission page reads on every view: its reviews (with their groups,
villages, tambons and the duplicate-name flag of the hints), the first page of them as the officer
opens it, the progress counts (also the district's home page) and the groups the round does not
hold yet. Those that run on nearly every view, with one shape, are prepared queries
(core/prepared.py), by the id of a submission the view has found visible."""

from django.db.models import Count, Q

from core.prepared import prepared
from groups.models import SavingsGroup
from reviews.models import GroupReview
from reviews.selectors.dashboard import category_counts
from reviews.selectors.hints import with_duplicate_flag

PAGE_SIZE = 50
ORDER = ("group__code",)


def submission_reviews(submission_id):
    """Every review of the submission, as its rows show them (the page's filters narrow this)."""
    return with_duplicate_flag(
        GroupReview.objects.filter(submission_id=submission_id).select_related("group__village__subdistrict"))


@prepared
def first_page(submission_id):
    """The page as it opens, no filter chosen: the first PAGE_SIZE reviews by group code."""
    return submission_reviews(submission_id).order_by(*ORDER)[:PAGE_SIZE]


@prepared
def _counts(submission_id):
    return (GroupReview.objects.filter(submission_id=submission_id).order_by().values("submission_id").annotate(
        **category_counts(), cancelled=Count("pk", filter=Q(group__status=SavingsGroup.Status.CANCELLED))))


def progress(submission_id):
    """How far the district is: reviews in all and in each category, cancelled groups, the rest."""
    [counts] = _counts(submission_id) or [{"total": 0, "cat1": 0, "cat2": 0, "cat3": 0, "cancelled": 0}]
    counts.pop("submission_id", None)
    counts["classified"] = counts["cat1"] + counts["cat2"] + counts["cat3"]
    counts["missing"] = counts["total"] - counts["classified"]
    counts["percent"] = 100 if not counts["total"] else counts["classified"] * 100 // counts["total"]
    return counts


def not_in_round(district_id, round_id):
    """Active groups of the district that are not in the round (created in the registry after it opened)."""
    return (SavingsGroup.objects.active().filter(district_id=district_id)
            .exclude(pk__in=GroupReview.objects.filter(round_id=round_id).values("group_id"))
            .order_by("code"))


@prepared
def _not_in_round_count(district_id, round_id):
    return not_in_round(district_id, round_id).order_by().values("district_id").annotate(n=Count("pk"))


def count_not_in_round(submission):
    """How many of the district's groups the round does not hold yet (the page's "add them" notice)."""
    rows = _not_in_round_count(submission.district_id, submission.round_id)
    return rows[0]["n"] if rows else 0
