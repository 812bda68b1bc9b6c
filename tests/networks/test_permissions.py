"""The permission matrix of every networks view: anonymous, other district, same district,
province, other province, national; a denial writes nothing."""

import pytest
from django.urls import reverse

from networks.models import BankAccount, Committee, DrivePlan, FundEntry, Network, NetworkEvent, SeatHolder

pytestmark = pytest.mark.django_db

# (url name, object key in `world`, method, POST data)
READ_VIEWS = [
    ("networks:detail", "amphoe"), ("networks:detail", "tambon"), ("networks:money", "amphoe"),
    ("networks:committee_detail", "tambon_committee"), ("networks:committee_detail", "amphoe_committee"),
    ("networks:plan_detail", "submitted"),
]
EDIT_VIEWS = [
    ("networks:edit", "tambon", "get", None),
    ("networks:edit", "tambon", "post", {"name": "เปลี่ยนชื่อ"}),
    ("networks:members", "tambon", "get", None),
    ("networks:members", "tambon", "post", {"groups": []}),
    ("networks:committee_create", "tambon", "get", None),
    ("networks:committee_create", "tambon", "post", {"term_start": "01/01/2570"}),
    ("networks:representatives", "amphoe", "get", None),
    ("networks:representatives", "amphoe", "post", {"member": ""}),
    ("networks:bank_account", "amphoe", "get", None),
    ("networks:bank_account", "amphoe", "post", {"bank": "gsb", "account_name": "x", "account_number": "1"}),
    ("networks:fund_entry_add", "amphoe", "get", None),
    ("networks:fund_entry_add", "amphoe", "post", {"kind": "income", "source": "other", "occurred_on": "01/10/2569",
                                                   "description": "บริจาค", "amount": "100"}),
    ("networks:plan_create", "amphoe", "get", None),
    ("networks:plan_create", "amphoe", "post", {"fiscal_year": "2571"}),
    ("networks:committee_details", "tambon_committee", "get", None),
    ("networks:committee_details", "tambon_committee", "post", {"term_start": "01/01/2567", "order_number": "9"}),
    ("networks:committee_seats", "tambon_committee", "get", None),
    ("networks:committee_seats", "tambon_committee", "post", {"seats-TOTAL_FORMS": "0", "seats-INITIAL_FORMS": "0"}),
    ("networks:committee_seats_check", "tambon_committee", "post", {"seats-TOTAL_FORMS": "0", "seats-INITIAL_FORMS": "0"}),
    ("networks:committee_move", "tambon_committee", "post", {"to": "ready"}),
    ("networks:committee_next_term", "tambon_committee", "post", {}),
    ("networks:plan_edit", "plan", "get", None),
    ("networks:plan_edit", "plan", "post", {"activities-TOTAL_FORMS": "0", "activities-INITIAL_FORMS": "0"}),
    ("networks:plan_submit", "plan", "post", {}),
]


def snapshot():
    return (
        NetworkEvent.objects.count(), Network.objects.count(), Committee.objects.count(), SeatHolder.objects.count(),
        FundEntry.objects.count(), DrivePlan.objects.count(), list(Network.objects.values_list("name", flat=True)),
        list(Committee.objects.values_list("status", "order_number")), list(BankAccount.objects.values_list("bank")),
        list(DrivePlan.objects.values_list("status", flat=True)),
    )


def call(client, name, obj, method="get", data=None):
    url = reverse(name, args=[obj.pk])
    return client.post(url, data or {}) if method == "post" else client.get(url)


@pytest.mark.parametrize(("name", "key"), READ_VIEWS)
def test_read_views_by_role(client, users, world, name, key):
    expected = {"district": 200, "province": 200, "national": 200, "other_district": 404, "other_province": 404}
    for role, status in expected.items():
        client.force_login(users[role])
        assert call(client, name, world[key]).status_code == status, role


@pytest.mark.parametrize(("name", "key", "method", "data"), EDIT_VIEWS)
def test_edit_views_are_the_districts_own(client, users, world, name, key, method, data):
    before = snapshot()
    for role, status in {"other_district": 404, "other_province": 404, "province": 403, "national": 403}.items():
        client.force_login(users[role])
        assert call(client, name, world[key], method, data).status_code == status, role
    assert snapshot() == before
    client.force_login(users["district"])
    assert call(client, name, world[key], method, data).status_code in (200, 302)


@pytest.mark.parametrize(("name", "key", "method", "data"), EDIT_VIEWS + [(n, k, "get", None) for n, k in READ_VIEWS])
def test_anonymous_is_sent_to_the_login_page_and_writes_nothing(client, world, name, key, method, data):
    before = snapshot()
    response = call(client, name, world[key], method, data)
    assert response.status_code == 302
    assert response.url.startswith("/login/")
    assert snapshot() == before


def test_only_the_province_returns_a_submitted_plan(client, users, world):
    plan = world["submitted"]
    before = snapshot()
    for role, status in {"other_district": 404, "other_province": 404, "district": 403, "national": 403}.items():
        client.force_login(users[role])
        assert call(client, "networks:plan_return", plan, "post", {"reason": "แก้งบประมาณ"}).status_code == status, role
    assert snapshot() == before
    client.force_login(users["province"])
    assert call(client, "networks:plan_return", plan, "post", {"reason": "แก้งบประมาณ"}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == DrivePlan.Status.RETURNED
    assert plan.return_reason == "แก้งบประมาณ"


def test_the_list_shows_each_user_their_own_area(client, users, world):
    for role, sees in {"district": True, "province": True, "national": True, "other_district": False,
                       "other_province": False}.items():
        client.force_login(users[role])
        # National staff choose the province; for everyone else the parameter widens nothing.
        response = client.get(reverse("networks:list"), {"province": "52"})
        assert response.status_code == 200
        assert (world["amphoe"].name in response.content.decode()) is sees, role


def test_setting_up_networks_is_for_district_and_province_staff(client, users, world):
    client.force_login(users["national"])
    before = snapshot()
    assert client.post(reverse("networks:setup")).status_code == 403
    assert snapshot() == before
    client.force_login(users["province"])
    assert client.post(reverse("networks:setup")).status_code == 302
    assert Network.objects.filter(level="province", province_id="52").count() == 1
    client.force_login(users["other_district"])
    assert client.post(reverse("networks:setup")).status_code == 302
    assert Network.objects.filter(level="amphoe", district_id="5202").count() == 1
