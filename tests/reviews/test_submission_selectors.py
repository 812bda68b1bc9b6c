"""The submission page's prepared reads (reviews/selectors/submission.py) answer as the ORM does:
the progress counts, and the first page of reviews as the page opens."""

import pytest
from django.db.models import Count, Q

from reviews.selectors.submission import ORDER, PAGE_SIZE, first_page, progress, submission_reviews

from .conftest import CAT2, CAT3

pytestmark = pytest.mark.django_db


def test_progress_counts_each_category_the_cancelled_and_the_rest(submission, district_user):
    from reviews import services

    reviews = list(submission.reviews.order_by("group__code"))
    services.review_classify(review=reviews[0], actor=district_user, data=CAT2)
    services.review_classify(review=reviews[1], actor=district_user, data=CAT3)
    expected = submission.reviews.aggregate(
        total=Count("pk"), cat1=Count("pk", filter=Q(category=1)), cat2=Count("pk", filter=Q(category=2)),
        cat3=Count("pk", filter=Q(category=3)), cancelled=Count("pk", filter=Q(group__status="cancelled")))
    counts = progress(submission.pk)
    assert {key: counts[key] for key in expected} == expected
    assert expected["total"] == 3 and expected["cat2"] == 1 and expected["cat3"] == 1  # the three active groups
    assert counts["classified"] == 2 and counts["missing"] == 1 and counts["percent"] == 66


def test_a_submission_without_reviews_is_at_nought(submission):
    submission.reviews.all().delete()
    assert progress(submission.pk) == {"total": 0, "cat1": 0, "cat2": 0, "cat3": 0, "cancelled": 0,
                                       "classified": 0, "missing": 0, "percent": 100}


def test_the_first_page_is_the_unfiltered_query_cut_at_the_page_size(submission, other_submission):
    orm = list(submission_reviews(submission.pk).order_by(*ORDER)[:PAGE_SIZE])
    page = first_page(submission.pk)
    assert [r.pk for r in page] == [r.pk for r in orm] and len(page) == 3
    assert [r.group.code for r in page] == sorted(r.group.code for r in page)
    assert all(r.has_duplicate is False and r.group.village.subdistrict.name_th for r in page)
    assert {r.submission_id for r in first_page(other_submission.pk)} == {other_submission.pk}


def test_the_tambon_filter_lists_the_amphoe_s_tambon_read_once_and_refuses_another(geography, django_assert_num_queries):
    from geo.models import District, Subdistrict
    from reviews.forms import ReviewFilterForm

    district = District.objects.get(code="5201")
    form = ReviewFilterForm(district=district)
    with django_assert_num_queries(1):
        first, second = str(form["subdistrict"]), str(form["subdistrict"])
    assert first == second
    codes = list(Subdistrict.objects.filter(district=district).order_by("code").values_list("code", flat=True))
    assert [value for value, _ in form.fields["subdistrict"].choices] == ["", *codes]
    assert form.fields["subdistrict"].choices[0][1] == "ทุกตำบล" and 'value="520101"' in first
    other = ReviewFilterForm({"subdistrict": "520201"}, district=district)  # a tambon of แม่เมาะ
    assert not other.is_valid() and "subdistrict" in other.errors
    assert ReviewFilterForm({"subdistrict": "520101"}, district=district).is_valid()


def test_past_the_first_page_the_unfiltered_page_reads_its_own_slice(client, submission, district_user, monkeypatch):
    """With no filter the page's count comes from the progress counts and the reviews are read only for
    the page shown: page 2, a page past the last and a page that is not a number each show the
    reviews the ORM's paginator would."""
    from django.urls import reverse

    from reviews.views import submissions as views

    from .conftest import login

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    login(client, district_user)
    url = reverse("reviews:submission", kwargs={"pk": submission.pk})
    codes = [r.group.code for r in submission_reviews(submission.pk).order_by(*ORDER)]
    assert len(codes) == 3

    def shown(page):
        response = client.get(url, {"page": page})
        assert response.status_code == 200
        return response.context["page"], [row.group.code for row in response.context["page"].object_list]

    page, rows = shown("2")
    assert (page.number, rows, page.paginator.num_pages) == (2, codes[2:], 2)
    assert shown("99")[1] == codes[2:]  # past the last: the last page
    page, rows = shown("abc")  # not a number: the first page, the prepared one
    assert page.number == 1 and rows[:2] == codes[:2]
