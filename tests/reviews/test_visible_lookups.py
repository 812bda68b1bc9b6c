"""The prepared lookups of a page (groups.selectors.lookup, reviews.selectors.lookup and the
dashboard's submissions) answer exactly what their querysets through visible_to(user) answer, for
every role, whichever role's call compiled the SQL first: one compilation per office level, the
user's own district or province in the parameters."""

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from groups.models import SavingsGroup
from groups.selectors.lookup import visible_group
from reviews import services
from reviews.models import Round, Submission
from reviews.selectors.dashboard import round_submissions
from reviews.selectors.lookup import visible_round, visible_submission
from tests.factories import GroupFactory, UserFactory, VillageFactory
from tests.reviews.conftest import DUE, LETTER_DATE, OPENED

pytestmark = pytest.mark.django_db

ORDERS = [("district", "other_district", "province", "other_province", "national"),
          ("national", "other_province", "province", "other_district", "district")]


@pytest.fixture
def surat_round(other_province_user, geography):
    from geo.models import Subdistrict

    GroupFactory(code="S1", village=VillageFactory(subdistrict=Subdistrict.objects.filter(code__startswith="8401").first()))
    return services.round_open(actor=other_province_user, title="สุราษฎร์", reference_number="สฎ ๑",
                               letter_date=LETTER_DATE, due_on=DUE, now=OPENED)


def _fresh(function):
    function._compiled.clear()  # every order of roles starts from no compiled SQL


@pytest.mark.parametrize("order", ORDERS)
def test_a_group_is_found_for_exactly_the_users_who_see_it(users, lampang_groups, surat_round, order):
    _fresh(visible_group)
    groups = list(SavingsGroup.objects.all())
    assert {g.district_id for g in groups} >= {"5201", "5202"} and any(g.district.province_id == "84" for g in groups)
    for role in order:
        user = users[role]
        for group in groups:
            expected = list(SavingsGroup.objects.visible_to(user).with_place().filter(pk=group.pk))
            got = visible_group(user, group.pk)
            assert [g.pk for g in got] == [g.pk for g in expected], (role, group.district_id)
            if got:
                assert got[0].village.subdistrict.name_th == expected[0].village.subdistrict.name_th
                assert got[0].district.province.name_th == expected[0].district.province.name_th
    assert set(visible_group._compiled[connections["default"]]) == {("district", None), ("province", None), ("national", None)}


@pytest.mark.parametrize("order", ORDERS)
def test_rounds_submissions_and_the_dashboards_rows_follow_visible_to(users, round_, surat_round, order):
    for function in (visible_round, visible_submission, round_submissions):
        _fresh(function)
    for role in order:
        user = users[role]
        for r in Round.objects.all():
            assert [x.pk for x in visible_round(user, r.pk)] == \
                list(Round.objects.visible_to(user).filter(pk=r.pk).values_list("pk", flat=True)), (role, r.pk)
            assert [(s.pk, s.district.name_th) for s in round_submissions(user, r.pk)] == [
                (s.pk, s.district.name_th) for s in
                Submission.objects.visible_to(user).filter(round=r).select_related("district").order_by("district_id")]
        for s in Submission.objects.all():
            got = visible_submission(user, s.pk)
            assert [x.pk for x in got] == list(Submission.objects.visible_to(user).filter(pk=s.pk).values_list("pk", flat=True))
            if got:
                assert (got[0].round.title, got[0].district.name_th) == (s.round.title, s.district.name_th)


def test_the_users_own_area_is_a_parameter_of_the_one_sql(users, lampang_groups):
    _fresh(visible_group)
    x = lampang_groups["x"]  # in 5202
    assert visible_group(users["district"], x.pk) == []
    with CaptureQueriesContext(connection) as queries:
        [found] = visible_group(users["other_district"], x.pk)
    [query] = queries
    assert found.pk == x.pk and "'5202'" in query["sql"] and "'5201'" not in query["sql"]


def test_a_user_without_an_office_sees_nothing_and_nothing_breaks(lampang_groups, round_):
    nobody = UserFactory(username="no-office", office=None)
    from django.contrib.auth.models import AnonymousUser

    for user in (nobody, AnonymousUser()):
        assert visible_group(user, lampang_groups["a"].pk) == []
        assert visible_round(user, round_.pk) == []
        assert round_submissions(user, round_.pk) == []


def test_someone_elses_group_round_and_submission_are_404_pages(client, users, lampang_groups, round_, surat_round):
    client.force_login(users["other_province"])
    assert client.get(f"/groups/{lampang_groups['a'].pk}/").status_code == 404
    assert client.get(f"/reviews/{round_.pk}/").status_code == 404
    submission = round_.submissions.get(district_id="5201")
    assert client.get(f"/reviews/submissions/{submission.pk}/").status_code == 404
    client.force_login(users["other_district"])
    assert client.get(f"/groups/{lampang_groups['a'].pk}/").status_code == 404
    assert client.get(f"/reviews/submissions/{submission.pk}/").status_code == 404
    assert client.get(f"/groups/{lampang_groups['x'].pk}/").status_code == 200
