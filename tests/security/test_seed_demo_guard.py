"""The demo (with its superuser admin / demo1234) is created only on demand."""

import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _users_only(monkeypatch):
    """Only the demo's offices and users (with admin): what the guard protects, without the
    minutes of groups, reviews and networks the whole demo takes."""
    from demo.management.commands import seed_demo

    monkeypatch.setattr(seed_demo, "SEEDERS", ["accounts.demo"])


def _seed(**options):
    call_command("seed_demo", stdout=io.StringIO(), **options)


@pytest.fixture
def real_user(geography):
    return UserFactory(username="somchai.k")


def test_refused_on_a_database_with_real_users(real_user, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="ไม่สร้างข้อมูลตัวอย่าง: ฐานข้อมูลนี้มีข้อมูลจริงแล้ว"):
        _seed()
    assert not User.objects.filter(username="admin").exists()


def test_runs_with_debug_or_the_flag(real_user, settings):
    settings.DEBUG = True
    _seed()
    assert User.objects.get(username="admin").is_superuser
    settings.DEBUG = False
    _seed(i_know=True)  # a second run adds nothing and is not refused with the flag


def test_an_empty_database_and_a_demo_database_are_seeded_without_a_flag(geography, settings):
    settings.DEBUG = False
    _seed()
    count = User.objects.count()
    assert User.objects.filter(username="amphoe5201").exists()
    _seed()  # only the demo's own users and groups: still a demo database
    assert User.objects.count() == count
