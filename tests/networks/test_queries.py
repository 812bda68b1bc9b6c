"""Pinned query counts of the list pages: the same whatever the number of networks."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from networks import services
from networks.models import Level
from tests.networks.helpers import district_networks, full_tambon_committee, groups_in, rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(world, district_user):
    """Three more tambon networks with committees, so every list has several rows."""
    for code in ("520102", "520103", "520104"):
        groups_in(code, moos=(1, 2))
    amphoe, tambons = district_networks(district_user)
    for tambon in tambons[1:]:
        full_tambon_committee(district_user, tambon)
    services.committee_save_seats(committee=world["amphoe_committee"], actor=district_user,
                                  rows=rows(20, represents=tambons, level=Level.AMPHOE))
    assert len(tambons) == 4
    return tambons


def queries_for(client, url, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_the_district_list_page_runs_a_fixed_number_of_queries(client, district_user, many, django_assert_num_queries):
    client.force_login(district_user)
    # 1 session, 2 user, 3 office (LoginRequired + scope), 4 networks with their places,
    # 5 the latest committee of each network with its people count.
    with django_assert_num_queries(5):
        response = client.get(reverse("networks:list"))
    assert len(response.context["own"]) == 5


def test_the_province_list_page_runs_a_fixed_number_of_queries(client, province_user, many, django_assert_num_queries):
    client.force_login(province_user)
    # 1 session, 2 user, 3 office, 4 networks, 5 latest committees, 6 representatives with
    # their two seat holders, 7 drive plans of the fiscal year, 8 the province's districts.
    with django_assert_num_queries(8):
        response = client.get(reverse("networks:list"), {"year": "2569"})
    assert len(response.context["rows"]) == 13


def test_the_amphoe_network_page_does_not_query_per_member_network(client, district_user, many, world):
    client.force_login(district_user)
    url = reverse("networks:detail", args=[world["amphoe"].pk])
    assert len(queries_for(client, url)) == len(queries_for(client, url))
    count = len(queries_for(client, url))
    groups_in("520105", moos=(1,))
    district_networks(district_user)
    full_tambon_committee(district_user, world["amphoe"].children.get(subdistrict_id="520105"), term_start=dt.date(2024, 1, 1))
    assert len(queries_for(client, url)) == count
