"""Pinned query counts: the pages and files of a round cost the same however many groups and
districts it holds. Every request starts with 3 queries: session, user, the user's office."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from geo.models import Subdistrict
from groups.models import SavingsGroup
from reviews import services
from reviews.templatetags.reviews import group_review_history
from tests.factories import GroupFactory, VillageFactory

from .conftest import CAT2, CAT3, classify_all, login, submit

AUTH = 2  # session, user with office (accounts.backends)


@pytest.fixture
def big_round(province_user, district_user, other_district_user, geography):
    """60 groups over two districts and three tambon, every category present, one district accepted."""
    for n in range(60):
        tambon = ["520101", "520102", "520201"][n % 3]
        village = VillageFactory(subdistrict=Subdistrict.objects.get(code=tambon), moo=n % 9 + 1)
        GroupFactory(code=f"G{n:03d}", village=village)
    round_ = services.round_open(actor=province_user, title="t", reference_number="r",
                                 letter_date=dt.date(2024, 11, 21), due_on=dt.date(2024, 12, 9))
    own = round_.submissions.get(district_id="5201")
    other = round_.submissions.get(district_id="5202")
    reviews = list(own.reviews.order_by("pk"))
    services.review_classify(review=reviews[0], actor=district_user, data=CAT2)
    services.review_classify(review=reviews[1], actor=district_user, data=CAT3)
    services.reviews_mark_compliant(submission=own, actor=district_user, review_ids=[r.pk for r in reviews[2:30]])
    classify_all(other, other_district_user)
    for review in list(other.reviews.order_by("pk"))[:3]:
        services.review_classify(review=review, actor=other_district_user, data=CAT2)
    submit(other, other_district_user)
    services.submission_accept(submission=other, actor=province_user)
    return round_


def test_dashboard_queries(client, province_user, big_round, django_assert_num_queries):
    login(client, province_user)
    url = reverse("reviews:round", kwargs={"pk": big_round.pk})
    # AUTH + the round, the category counts grouped by submission, the submissions with their
    # districts, the round's last events with actors and districts.
    with django_assert_num_queries(AUTH + 4):
        response = client.get(url)
    assert len(response.context["rows"]) == 13


def test_submission_page_queries(client, district_user, big_round, django_assert_num_queries):
    login(client, district_user)
    submission = big_round.submissions.get(district_id="5201")
    # AUTH + the submission with round and district, the page of reviews with groups and places
    # (and the duplicate-name flag), the progress counts (also the page's count: no filter), the
    # tambon choices, the submission's events, the issued report letter (printing), the count of
    # the district's active groups not in the round. A filter adds the page's own count.
    with django_assert_num_queries(AUTH + 7):
        response = client.get(reverse("reviews:submission", kwargs={"pk": submission.pk}))
    assert len(response.context["page"]) == 40
    assert response.context["page"].paginator.count == 40
    with django_assert_num_queries(AUTH + 8):
        response = client.get(reverse("reviews:submission", kwargs={"pk": submission.pk}), {"category": "1"})
    assert response.context["page"].paginator.count == 28


def test_review_form_queries(client, district_user, big_round, django_assert_num_queries):
    login(client, district_user)
    submission = big_round.submissions.get(district_id="5201")
    review = submission.reviews.order_by("pk").first()
    # AUTH + the submission with round and district, the review with its group, place, classifier
    # and the duplicate-name flag of the hints, the group's events of this round.
    with django_assert_num_queries(AUTH + 3):
        response = client.get(reverse("reviews:review_edit", kwargs={"pk": submission.pk, "review_pk": review.pk}))
    assert response.status_code == 200


def test_export_queries(client, province_user, big_round, django_assert_num_queries):
    login(client, province_user)
    # AUTH + the round, the category counts, the submissions with districts, the groups the
    # waiting submissions' acceptance removes, their districts, every classified review with its
    # group, place and submission; then the personal-data access log's row (its office, the insert).
    with django_assert_num_queries(AUTH + 6 + 2):
        response = client.get(reverse("reviews:round_export", kwargs={"pk": big_round.pk}))
    assert response.status_code == 200


def test_sheet_download_queries(client, district_user, big_round, django_assert_num_queries):
    login(client, district_user)
    submission = big_round.submissions.get(district_id="5201")
    # AUTH + the submission, its reviews with groups, places and the duplicate-name flag.
    with django_assert_num_queries(AUTH + 2 + 1):  # + the personal-data access log row
        client.get(reverse("reviews:sheet_download", kwargs={"pk": submission.pk}))


def test_follow_up_queries(client, province_user, big_round, django_assert_num_queries):
    login(client, province_user)
    # AUTH + the round, the per-district follow-up counts, the page's count, the page of follow-up
    # reviews with groups, places and districts, the last visit date of the page's reviews.
    with django_assert_num_queries(AUTH + 5):
        response = client.get(reverse("reviews:follow_up", kwargs={"pk": big_round.pk}))
    assert len(response.context["reviews"]) == 3


def test_group_page_review_history_costs_two_queries(big_round, django_assert_num_queries):
    group = SavingsGroup.objects.filter(status="active").first()
    # The group's reviews with round and submission, its review events with actors and rounds.
    with django_assert_num_queries(2):
        html = render_to_string("reviews/_group_history.html", group_review_history(group))
    assert "ประวัติการทบทวนฐานข้อมูล" in html.replace("<wbr>", "")  # a heading: breaks between words
