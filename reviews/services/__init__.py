"""Every write of a review round: opening it, classifying groups, submitting, returning and
accepting (`submissions`), the submission's state machine (`workflow`) and the follow-up of the
groups to be corrected (`follow_up`). One transaction each, with its ReviewEvent.

Views, the review sheet and the demo call the functions through `reviews.services`.
"""

from reviews.services.submissions import (  # noqa: F401
    DETAIL_FIELDS,
    THAI_MODEL_MESSAGES,
    SheetRow,
    apply_details,
    groups_not_in_round,
    missing_reviews,
    review_classify,
    reviews_add_new_groups,
    reviews_apply_sheet,
    reviews_mark_compliant,
    round_open,
    submission_accept,
    submission_return,
    submission_submit,
    submissions_accept,
)
