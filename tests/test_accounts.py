"""Offices and the area rules of accounts.scope."""

import pytest
from django.db import IntegrityError

from accounts import scope
from accounts.models import Office
from geo.models import District
from groups.models import SavingsGroup
from tests.factories import GroupFactory, UserFactory

ROLES = ["district", "other_district", "province", "other_province", "national"]


@pytest.mark.parametrize(("role", "reads", "edits", "restores"), [
    ("district", True, True, False),
    ("other_district", False, False, False),
    ("province", True, True, True),
    ("other_province", False, False, False),
    ("national", True, False, False),
])
def test_area_rules_for_amphoe_mueang_lampang(users, role, reads, edits, restores):
    user, mueang = users[role], District.objects.get(code="5201")
    assert scope.in_area(user, mueang) is reads
    assert scope.can_edit_district(user, mueang) is edits
    assert scope.is_province_staff_for(user, "52") is restores


@pytest.mark.parametrize(("role", "district_count"), [
    ("district", 1), ("other_district", 1), ("province", 13), ("other_province", 19),
])
def test_districts_visible_to(users, role, district_count):
    assert scope.districts_visible_to(users[role]).count() == district_count


def test_national_staff_see_every_amphoe_but_bangkoks_khet(users):
    visible = scope.districts_visible_to(users["national"])
    assert visible.count() == District.objects.exclude(province_id="10").count() == 13 + 19


def test_anonymous_and_officeless_users_see_nothing(geography):
    from django.contrib.auth.models import AnonymousUser

    GroupFactory()
    for user in (AnonymousUser(), UserFactory(username="nobody")):
        assert not SavingsGroup.objects.visible_to(user).exists()
        assert scope.districts_visible_to(user).count() == 0
        assert scope.in_area(user, District.objects.get(code="5201")) is False


def test_visible_to_uses_the_same_area_as_in_area(users, geography):
    lampang, surat = GroupFactory(), GroupFactory(village__subdistrict_id="840101", village__code="84010101",
                                                  village__moo=1)
    for role in ROLES:
        visible = set(SavingsGroup.objects.visible_to(users[role]))
        assert visible == {g for g in (lampang, surat) if scope.in_area(users[role], g.district)}, role


def test_an_office_must_match_its_level(geography):
    with pytest.raises(IntegrityError):
        Office.objects.create(level=Office.Level.DISTRICT, province_id="52", name="สำนักงานไม่มีอำเภอ")


def test_user_role_properties(users):
    assert users["district"].is_district_staff and not users["district"].is_province_staff
    assert users["province"].is_province_staff and users["province"].level == "province"
    assert users["national"].is_national_staff
    assert UserFactory(username="x").level is None
