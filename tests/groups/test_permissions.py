"""The permission matrix of every group view: anonymous, other district, same district, province,
other province and national staff; a denial writes nothing."""

import pytest
from django.urls import reverse

from groups.models import Activity, SavingsGroup
from tests.factories import ActivityFactory, GroupFactory
from tests.groups.helpers import activity_form_data, database_state, group_form_data

ROLES = ["district", "other_district", "province", "other_province", "national"]
# District and provincial staff of the group's area edit; other areas get 404; national reads only.
EDITORS = {"district": "ok", "other_district": 404, "province": "ok", "other_province": 404, "national": 403}
READERS = {"district": 200, "other_district": 404, "province": 200, "other_province": 404, "national": 200}
# Only the provincial office restores a cancelled group.
RESTORERS = {"district": 403, "other_district": 404, "province": "ok", "other_province": 404, "national": 403}


@pytest.fixture
def group(geography):
    """A group of amphoe เมืองลำปาง (5201), tambon เวียงเหนือ, with one activity."""
    group = GroupFactory(code="5201010101", name="กลุ่มออมทรัพย์เพื่อการผลิตบ้านดอนแก้ว")
    ActivityFactory(group=group, name="ร้านค้าชุมชนบ้านดอนแก้ว")
    return group


def _activity(group):
    return group.activities.get()


# view name -> (url, POST body, what a successful POST must have done)
def _edit(group):
    return reverse("groups:edit", args=[group.pk]), group_form_data(group, name="กลุ่มออมทรัพย์บ้านดอนแก้วใหม่")


def _cancel(group):
    return reverse("groups:cancel", args=[group.pk]), {"reason": "กลุ่มแจ้งเลิกดำเนินการ"}


def _activity_create(group):
    return reverse("groups:activity_create", args=[group.pk]), activity_form_data()


def _activity_edit(group):
    return (reverse("groups:activity_edit", args=[group.pk, _activity(group).pk]),
            activity_form_data(name="ร้านค้าชุมชนบ้านดอนแก้ว (ปรับปรุง)"))


def _activity_delete(group):
    return reverse("groups:activity_delete", args=[group.pk, _activity(group).pk]), {}


def _edited(group):
    return SavingsGroup.objects.get(pk=group.pk).name == "กลุ่มออมทรัพย์บ้านดอนแก้วใหม่"


def _cancelled(group):
    return SavingsGroup.objects.get(pk=group.pk).status == SavingsGroup.Status.CANCELLED


def _activity_added(group):
    return list(group.activities.order_by("pk").values_list("name", flat=True)) == [
        "ร้านค้าชุมชนบ้านดอนแก้ว", "กองทุนสวัสดิการสมาชิก"]


def _activity_edited(group):
    return _activity(group).name == "ร้านค้าชุมชนบ้านดอนแก้ว (ปรับปรุง)"


def _activity_deleted(group):
    return not Activity.objects.filter(group=group).exists()


WRITE_VIEWS = {
    "edit": (_edit, _edited),
    "cancel": (_cancel, _cancelled),
    "activity_create": (_activity_create, _activity_added),
    "activity_edit": (_activity_edit, _activity_edited),
    "activity_delete": (_activity_delete, _activity_deleted),
}
GET_VIEWS = ["edit", "cancel", "activity_create", "activity_edit"]


def test_anonymous_is_sent_to_the_login_page_from_every_group_view(client, group):
    activity = _activity(group)
    urls = [
        reverse("groups:list"), reverse("groups:create"), reverse("groups:detail", args=[group.pk]),
        reverse("groups:edit", args=[group.pk]), reverse("groups:cancel", args=[group.pk]),
        reverse("groups:restore", args=[group.pk]), reverse("groups:activity_create", args=[group.pk]),
        reverse("groups:activity_edit", args=[group.pk, activity.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"/login/?next={url}"


@pytest.mark.parametrize("view", list(WRITE_VIEWS) + ["restore", "create"])
def test_anonymous_post_writes_nothing(client, group, view):
    group.status = SavingsGroup.Status.CANCELLED if view == "restore" else group.status
    group.save()
    if view == "restore":
        url, body = reverse("groups:restore", args=[group.pk]), {"reason": "ตรวจแล้วยังดำเนินการอยู่"}
    elif view == "create":
        url, body = reverse("groups:create"), group_form_data()
    else:
        url, body = WRITE_VIEWS[view][0](group)
    before = database_state()
    response = client.post(url, body)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_group_list_shows_only_the_users_area(client, group, users, role):
    client.force_login(users[role])
    response = client.get(reverse("groups:list"))
    assert response.status_code == 200
    shown = [g.pk for g in response.context["page"]]
    assert shown == ([group.pk] if READERS[role] == 200 else [])


@pytest.mark.parametrize("role", ROLES)
def test_group_detail_is_404_outside_the_users_area(client, group, users, role):
    client.force_login(users[role])
    response = client.get(reverse("groups:detail", args=[group.pk]))
    assert response.status_code == READERS[role]
    if READERS[role] == 200:
        assert response.context["group"] == group


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", GET_VIEWS)
def test_form_pages_open_only_for_editors_of_the_area(client, group, users, role, view):
    client.force_login(users[role])
    url, _ = WRITE_VIEWS[view][0](group)
    before = database_state()
    response = client.get(url)
    expected = 200 if EDITORS[role] == "ok" else EDITORS[role]
    assert response.status_code == expected
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", list(WRITE_VIEWS))
def test_write_views_change_only_what_the_role_may_change(client, group, users, role, view):
    client.force_login(users[role])
    make_request, done = WRITE_VIEWS[view]
    url, body = make_request(group)
    before = database_state()
    response = client.post(url, body)
    if EDITORS[role] == "ok":
        assert response.status_code == 302
        assert response["Location"] == reverse("groups:detail", args=[group.pk])
        assert done(group)
        assert database_state()["changes"] == before["changes"] + 1
    else:
        assert response.status_code == EDITORS[role]
        assert database_state() == before


def test_activity_delete_refuses_get(client, group, district_user):
    client.force_login(district_user)
    url, _ = _activity_delete(group)
    before = database_state()
    assert client.get(url).status_code == 405
    assert database_state() == before


def test_an_activity_of_another_group_is_404_through_this_groups_url(client, group, district_user):
    other = ActivityFactory(group=GroupFactory(), name="กิจกรรมของกลุ่มอื่น")
    client.force_login(district_user)
    before = database_state()
    assert client.get(reverse("groups:activity_edit", args=[group.pk, other.pk])).status_code == 404
    assert client.post(reverse("groups:activity_delete", args=[group.pk, other.pk])).status_code == 404
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_only_the_provincial_office_restores_a_cancelled_group(client, group, users, role):
    group.status = SavingsGroup.Status.CANCELLED
    group.save()
    client.force_login(users[role])
    url = reverse("groups:restore", args=[group.pk])
    before = database_state()
    get_response = client.get(url)
    response = client.post(url, {"reason": "ตรวจแล้วกลุ่มยังดำเนินการอยู่"})
    if RESTORERS[role] == "ok":
        assert get_response.status_code == 200
        assert response.status_code == 302
        assert SavingsGroup.objects.get(pk=group.pk).status == SavingsGroup.Status.ACTIVE
    else:
        assert get_response.status_code == RESTORERS[role]
        assert response.status_code == RESTORERS[role]
        assert database_state() == before


# Creating: the form offers only tambon of the user's area; national staff cannot create.
CREATORS = {"district": "ok", "other_district": "refused", "province": "ok", "other_province": "refused",
            "national": 403}


@pytest.mark.parametrize("role", ROLES)
def test_create_a_group_in_amphoe_mueang_lampang(client, geography, users, role):
    client.force_login(users[role])
    url = reverse("groups:create")
    assert client.get(url).status_code == (403 if CREATORS[role] == 403 else 200)
    before = database_state()
    response = client.post(url, group_form_data())
    if CREATORS[role] == "ok":
        created = SavingsGroup.objects.get(code="5201019901")
        assert response.status_code == 302
        assert response["Location"] == reverse("groups:detail", args=[created.pk])
        assert created.district_id == "5201"
        assert created.village.code == "52010109"
    elif CREATORS[role] == "refused":
        assert response.status_code == 200
        assert response.context["form"].errors["subdistrict"] == ["ตำบลนี้ไม่อยู่ในเขตพื้นที่ที่ท่านดูแล"]
        assert database_state() == before
    else:
        assert response.status_code == 403
        assert database_state() == before


def test_national_staff_see_no_edit_buttons(client, group, national_user):
    client.force_login(national_user)
    response = client.get(reverse("groups:detail", args=[group.pk]))
    assert response.context["can_edit"] is False
    assert reverse("groups:edit", args=[group.pk]) not in response.content.decode()
    list_response = client.get(reverse("groups:list"))
    assert reverse("groups:create") not in list_response.content.decode()


def test_a_user_without_an_office_sees_nothing(client, group):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="no-office"))
    assert list(client.get(reverse("groups:list")).context["page"]) == []
    assert client.get(reverse("groups:detail", args=[group.pk])).status_code == 404
