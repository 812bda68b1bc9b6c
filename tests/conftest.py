"""Shared fixtures: real geography for Lampang (52) and Surat Thani (84), and one user per role.

Roles used in every permission matrix:
  district_user        amphoe เมืองลำปาง (5201)
  other_district_user  amphoe แม่เมาะ (5202), same province
  province_user        Lampang provincial office (52)
  other_province_user  Surat Thani provincial office (84)
  national_user        the department (reads everything)
"""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache

from accounts.models import Office
from geo.loader import load_geography
from tests.factories import UserFactory, office_for


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Tests run without `collectstatic`: the manifest storage of production would fail on every
    page ("The file 'css/app.css' could not be found"), so static names stay unhashed. Test users'
    passwords use a fast hasher (PBKDF2 costs ~0.3 s per user)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()  # each test starts without another's cached pages or draft PDFs


@pytest.fixture(autouse=True)
def _private_uploads(settings, tmp_path_factory):
    """Pending uploads of each test go to a folder of its own, never the checkout's private/."""
    settings.PENDING_UPLOAD_DIR = tmp_path_factory.mktemp("pending")


@pytest.fixture(autouse=True)
def _reference_rows(request):
    """A transactional test empties every table when it ends, the activity types that a migration
    seeds included; a test that runs after it in the same worker finds them again."""
    if "db" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        return
    request.getfixturevalue("_django_db_helper")
    from groups.models import ActivityType

    if not ActivityType.objects.exists():
        seed = importlib.import_module("groups.migrations.0002_activity_types")
        seed.add_types(django_apps, None)
    # The activity sheet's type column keeps the types it read (one query per process); recreated
    # rows have new ids, so each test starts with the column reading them again.
    from groups.spreadsheets.resources import ActivityResource, ActivityTypeCell

    for field in [*ActivityResource.fields.values(), *ActivityResource().fields.values()]:
        if isinstance(field.widget, ActivityTypeCell):
            field.widget._types = None


@pytest.fixture
def geography(db):
    load_geography(["52", "84"])


@pytest.fixture
def district_user(geography):
    return UserFactory(username="d5201", office=office_for(Office.Level.DISTRICT, district="5201"))


@pytest.fixture
def other_district_user(geography):
    return UserFactory(username="d5202", office=office_for(Office.Level.DISTRICT, district="5202"))


@pytest.fixture
def province_user(geography):
    return UserFactory(username="p52", office=office_for(Office.Level.PROVINCE, province="52"))


@pytest.fixture
def other_province_user(geography):
    return UserFactory(username="p84", office=office_for(Office.Level.PROVINCE, province="84"))


@pytest.fixture
def national_user(geography):
    return UserFactory(username="national", office=office_for(Office.Level.NATIONAL))


@pytest.fixture
def surat_district_user(geography):
    return UserFactory(username="d8401", office=office_for(Office.Level.DISTRICT, district="8401"))


@pytest.fixture
def users(district_user, other_district_user, province_user, other_province_user, national_user):
    """Every role by name, for permission matrices."""
    return {
        "district": district_user, "other_district": other_district_user, "province": province_user,
        "other_province": other_province_user, "national": national_user,
    }


def login(client, user):
    client.force_login(user)
    return client
