"""Review rounds: one round per provincial letter, one submission per district, one review per
group, every move recorded as a ReviewEvent; follow-up visits of the groups to be corrected.

The models are split by meaning; every name is importable from `reviews.models`.
"""

from reviews.models.follow_up import FollowUpVisit, FollowUpVisitQuerySet  # noqa: F401
from reviews.models.rounds import (  # noqa: F401
    EDITABLE_STATUSES,
    FollowUpStatus,
    GroupReview,
    GroupReviewQuerySet,
    ReviewEvent,
    ReviewEventQuerySet,
    Round,
    RoundQuerySet,
    Submission,
    SubmissionQuerySet,
)
