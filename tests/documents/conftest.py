"""A submitted Lampang review (the reviews tests' round) and media files kept in a temporary folder."""

from importlib.util import find_spec

import pytest

from reviews import services as review_services
from tests.reviews.conftest import (  # noqa: F401  (fixtures reused from the reviews tests)
    BEFORE_DUE,
    CAT2,
    CAT3,
    classify_all,
    lampang_groups,
    other_submission,
    round_,
    submission,
    submit,
)

# The networks app is merged separately; its documents are tested once it is there.
collect_ignore = [] if find_spec("networks.services") else ["test_orders.py"]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def submitted(round_, submission, district_user, lampang_groups):  # noqa: F811
    """เมืองลำปาง classified A1 compliant, B1 category 2, C1 category 3, and sent with its letter."""
    classify_all(submission, district_user)
    reviews = {r.group.code: r for r in submission.reviews.select_related("group")}
    review_services.review_classify(review=reviews["B1"], actor=district_user, data=CAT2, now=BEFORE_DUE)
    review_services.review_classify(review=reviews["C1"], actor=district_user, data=CAT3, now=BEFORE_DUE)
    submit(submission, district_user)
    submission.refresh_from_db()
    return submission
