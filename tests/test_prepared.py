"""Prepared queries (core/prepared.py): compiled once per connection, they give the same models as
the querysets they stand for, with their joins, annotations and converted values, for every
argument; a query whose shape depends on an argument is refused, never run wrong."""

import re
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Count, Q, Sum
from django.test.utils import CaptureQueriesContext

from core.prepared import prepared
from groups.models import Activity, SavingsGroup
from tests.factories import ActivityFactory, GroupFactory

pytestmark = pytest.mark.django_db


@prepared
def activities_with_type(group_id):
    return Activity.objects.filter(group_id=group_id).select_related("activity_type", "group__village__subdistrict")


@prepared
def groups_named(district_id, name):
    return SavingsGroup.objects.filter(district_id=district_id, name=name).annotate(n=Count("activities"))


def _fields(obj):
    return {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}


def test_the_models_are_those_of_the_queryset_with_their_joined_models(geography):
    group, other = GroupFactory(), GroupFactory()
    ActivityFactory.create_batch(3, group=group, capital=Decimal("1500.50"))
    ActivityFactory(group=other)
    for wanted in (group, other, group):  # compiled on the first call, the others reuse the SQL
        expected = list(Activity.objects.filter(group_id=wanted.pk).select_related("activity_type", "group__village__subdistrict"))
        got = activities_with_type(wanted.pk)
        assert [a.pk for a in got] == [a.pk for a in expected] and got
        for mine, theirs in zip(got, expected, strict=True):
            assert _fields(mine) == _fields(theirs)
            assert mine.capital == Decimal("1500.50") or wanted == other  # converted, not a float or a str
            assert _fields(mine.activity_type) == _fields(theirs.activity_type)
            assert mine.group.village.subdistrict.name_th == theirs.group.village.subdistrict.name_th


def test_the_joined_models_come_in_the_one_query(geography, django_assert_num_queries):
    group = GroupFactory()
    ActivityFactory.create_batch(2, group=group)
    activities_with_type(group.pk)
    with django_assert_num_queries(1):
        names = [(a.activity_type.name, a.group.village.subdistrict.name_th) for a in activities_with_type(group.pk)]
    assert len(names) == 2


def test_string_arguments_annotations_and_no_rows(geography):
    group = GroupFactory(name="กลุ่มออมทรัพย์บ้านทุ่ง")
    ActivityFactory.create_batch(2, group=group)
    [found] = groups_named(group.district_id, "กลุ่มออมทรัพย์บ้านทุ่ง")
    assert found.pk == group.pk and found.n == 2
    assert groups_named(group.district_id, "ไม่มีกลุ่มนี้") == []
    assert groups_named("5202", "กลุ่มออมทรัพย์บ้านทุ่ง") == []


def test_the_sql_is_compiled_once_and_the_arguments_are_its_parameters(geography):
    first, second = GroupFactory(), GroupFactory()
    activities_with_type(first.pk)
    with CaptureQueriesContext(connection) as queries:
        activities_with_type(second.pk)
    [query] = queries
    assert re.search(rf"= {second.pk}\b", query["sql"]) and not re.search(rf"= {first.pk}\b", query["sql"])


def test_a_query_whose_shape_depends_on_an_argument_is_refused(geography):
    with pytest.raises(ImproperlyConfigured, match="not parameters"):
        prepared(lambda name: SavingsGroup.objects.filter(name__icontains=name))("บ้าน")  # the value becomes %บ้าน%
    with pytest.raises(ImproperlyConfigured, match="not parameters"):
        prepared(lambda district_id: SavingsGroup.objects.filter(Q() if district_id else Q(pk=0)))("5201")
    with pytest.raises(ImproperlyConfigured, match="empty"):
        prepared(lambda pk: SavingsGroup.objects.filter(pk__in=[]) if pk else SavingsGroup.objects.all())(1)


def test_arguments_are_ints_or_strs_only(geography):
    with pytest.raises(TypeError):
        activities_with_type(None)
    with pytest.raises(TypeError):
        activities_with_type([1, 2])


def test_values_give_the_dicts_of_the_queryset_and_values_list_is_refused(geography):
    group = GroupFactory()
    ActivityFactory.create_batch(3, group=group, capital=Decimal("100.25"))
    counts = prepared(lambda group_id: Activity.objects.filter(group_id=group_id).order_by().values("group_id")
                      .annotate(n=Count("pk"), capital=Sum("capital")))
    assert counts(group.pk) == [{"group_id": group.pk, "n": 3, "capital": Decimal("300.75")}]
    assert counts(group.pk + 1000) == []
    with pytest.raises(ImproperlyConfigured, match="values"):
        prepared(lambda pk: SavingsGroup.objects.filter(pk=pk).values_list("name"))(1)


def test_each_thread_runs_on_its_own_connection(geography, transactional_db):
    group = GroupFactory()
    ActivityFactory.create_batch(2, group=group)
    activities_with_type(group.pk)
    answers, errors = [], []

    def officer():
        try:
            answers.append(len(activities_with_type(group.pk)))
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=officer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and answers == [2, 2, 2, 2]


@prepared
def own_notices(user):
    from notices.models import Notice

    return Notice.objects.visible_to(user).order_by("pk")


@prepared
def networks_seen(user):
    from networks.models import Network

    return Network.objects.visible_to(user).order_by("pk")


@pytest.fixture
def lampang_province_networks(users):
    """Lampang's province network and the amphoe and tambon networks of เมืองลำปาง and แม่เมาะ."""
    from geo.models import Province
    from networks import services
    from tests.networks.helpers import district_networks, groups_in

    groups_in("520101", moos=(1,))
    groups_in("520201", moos=(1,))
    for role in ("district", "other_district"):
        district_networks(users[role])
    services.province_network_ensure(province=Province.objects.get(code="52"), actor=users["province"])


def test_a_user_argument_reads_through_visible_to_for_every_role(users, lampang_province_networks):
    """The user's own id (notices) and the province's own network (a rule only provincial staff
    have) come out as the querysets give them, whichever role compiled the SQL first."""
    from django.utils import timezone

    from networks.models import Network
    from notices.models import Notice

    for user in users.values():
        Notice.objects.create(user=user, kind="reminder", key=f"k-{user.pk}", title=f"แจ้ง {user.username}",
                              created_at=timezone.now())
    for order in (list(users.values()), list(users.values())[::-1]):
        own_notices._compiled.clear()
        networks_seen._compiled.clear()
        for user in order:
            assert [n.title for n in own_notices(user)] == [f"แจ้ง {user.username}"]
            assert [n.pk for n in networks_seen(user)] == list(
                Network.objects.visible_to(user).order_by("pk").values_list("pk", flat=True)), user.username
    assert any(n.level == "province" for n in networks_seen(users["province"]))
    assert not any(n.province_id == "52" for n in networks_seen(users["other_province"]))
