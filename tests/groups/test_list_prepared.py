"""The group list as it opens and its figures, read by prepared queries (groups.selectors.rows
.first_page, groups.selectors.figures), give what the filters' querysets give, for every role
and status: the same rows, the same counts and sums, and the page's same HTML."""

import pytest
from django.db.models import Count, Q, Sum
from django.urls import reverse

from groups.models import SavingsGroup
from groups.selectors import filtered_groups
from groups.selectors.figures import _by_status, area_figures
from groups.selectors.rows import COLUMNS, PAGE_SIZE, first_page, group_rows
from tests.factories import GroupFactory, VillageFactory

pytestmark = pytest.mark.django_db
Status = SavingsGroup.Status


@pytest.fixture
def many_groups(geography):
    """Groups of every status in two Lampang amphoe and one Surat Thani amphoe, more than a page."""
    villages = [VillageFactory(subdistrict_id=code, moo=1) for code in ("520101", "520201", "840101")]
    statuses = [Status.ACTIVE] * 4 + [Status.CANCELLED, Status.REMOVED]
    for n in range(2 * PAGE_SIZE + 10):
        GroupFactory(code=f"G{(n * 37) % 1000:04d}", village=villages[n % 3], status=statuses[n % 6],
                     under_regulation=n % 4 != 0, members_total=50 + n, savings_balance=f"{n * 100}.25")


def _orm_figures(user, status):
    area = SavingsGroup.objects.visible_to(user)
    matches = Q() if status == "all" else Q(status=status)
    return area.aggregate(
        total=Count("pk"), active=Count("pk", filter=Q(status=Status.ACTIVE)),
        under_regulation=Count("pk", filter=Q(status=Status.ACTIVE, under_regulation=True)),
        cancelled=Count("pk", filter=Q(status=Status.CANCELLED)), removed=Count("pk", filter=Q(status=Status.REMOVED)),
        matching=Count("pk", filter=matches or None), members=Sum("members_total", filter=matches or None),
        savings=Sum("savings_balance", filter=matches or None))


@pytest.mark.parametrize("status", ["active", "cancelled", "removed", "all"])
def test_the_figures_are_the_areas_aggregate(users, many_groups, status):
    for user in users.values():
        assert area_figures(user, status) == _orm_figures(user, status), user.username
    assert area_figures(users["district"], status)["total"] > 0


@pytest.mark.parametrize("status", ["active", "cancelled", "removed"])
def test_the_opening_page_is_the_filters_first_page(users, many_groups, status):
    for order in (list(users), list(users)[::-1]):
        first_page._compiled.clear()
        _by_status._compiled.clear()
        for role in order:
            user = users[role]
            params = {} if status == "active" else {"status": status}
            _form, groups = filtered_groups(user, params)
            expected = group_rows(groups[:PAGE_SIZE].values(*COLUMNS))
            got = group_rows(first_page(user, status))
            assert [r.html for r in got] == [r.html for r in expected], role
            assert len(got) == min(PAGE_SIZE, groups.count())


def test_the_list_page_is_the_same_whichever_path_reads_it(client, users, many_groups):
    """Page 1 by code comes from the prepared query; `?page=1&sort=code&q=` too; a search that
    matches everything (G) goes through the filters: the same rows and figures on the page."""
    client.force_login(users["province"])
    opening = client.get(reverse("groups:list"))
    searched = client.get(reverse("groups:list"), {"q": "G"})
    assert [r.code for r in opening.context["page"]] == [r.code for r in searched.context["page"]]
    assert len(opening.context["page"]) == PAGE_SIZE
    assert opening.context["matching"] == searched.context["matching"] > PAGE_SIZE
    assert opening.context["summary"] == searched.context["summary"]
    second = client.get(reverse("groups:list"), {"page": 2})
    assert [r.code for r in second.context["page"]] == [
        r.code for r in client.get(reverse("groups:list"), {"page": 2, "q": "G"}).context["page"]]
    assert not {r.code for r in second.context["page"]} & {r.code for r in opening.context["page"]}
