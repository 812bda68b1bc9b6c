"""The database sessions every page reads (security/sessions.py) and the user loaded with them
(accounts/backends.py): written-out statements that answer exactly as Django's own store and
backend do."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.backends import OfficeModelBackend, user_with_office
from security.sessions import SessionStore
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_saved_session_reads_back_what_was_stored():
    store = SessionStore()
    store["note"] = "ทดสอบ ๑๒๓"
    store["count"] = 3
    store.save()
    again = SessionStore(session_key=store.session_key)
    assert again["note"] == "ทดสอบ ๑๒๓" and again["count"] == 3


def test_an_expired_or_unknown_session_is_empty_and_gets_a_new_key():
    store = SessionStore()
    store["note"] = "old"
    store.save()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    expired = SessionStore(session_key=store.session_key)
    assert expired.load() == {} and expired.session_key is None
    unknown = SessionStore(session_key="x" * 32)
    assert "note" not in unknown and unknown.session_key is None


def test_a_logged_in_officer_is_logged_out_when_the_session_row_is_gone(client, district_user):
    client.force_login(district_user)
    assert client.get("/groups/").status_code == 200
    Session.objects.all().delete()  # a logout on another host, or `clearsessions`
    response = client.get("/groups/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_session_expired_in_the_database_sends_the_officer_to_the_login_page(client, district_user):
    client.force_login(district_user)
    Session.objects.update(expire_date=timezone.now() - timedelta(minutes=1))
    response = client.get("/groups/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_user_comes_with_the_office_and_every_field_as_the_orm_loads_it(django_assert_num_queries, district_user):
    with django_assert_num_queries(1):
        user = user_with_office(district_user.pk)
        assert user.office.district_id == "5201" and user.office.level == district_user.office.level
    expected = type(district_user).objects.select_related("office").get(pk=district_user.pk)
    for field in type(district_user)._meta.concrete_fields:
        assert getattr(user, field.attname) == getattr(expected, field.attname), field.name
    for field in type(district_user.office)._meta.concrete_fields:
        assert getattr(user.office, field.attname) == getattr(expected.office, field.attname), field.name
    assert user.is_active is True and user.date_joined.tzinfo is not None  # converted, not raw strings
    assert not hasattr(user, "office__id")  # the office's columns are not left on the user


def test_a_user_without_an_office_has_none(django_assert_num_queries, geography):
    nobody = UserFactory(username="no-office", office=None)
    with django_assert_num_queries(1):
        assert user_with_office(nobody.pk).office is None


def test_the_backend_answers_none_for_a_missing_an_inactive_or_a_malformed_id(district_user):
    backend = OfficeModelBackend()
    assert backend.get_user(str(district_user.pk)).pk == district_user.pk  # the session holds a string
    assert backend.get_user(district_user.pk + 1000) is None
    assert backend.get_user("not-a-number") is None
    district_user.is_active = False
    district_user.save()
    assert backend.get_user(district_user.pk) is None


def test_a_deactivated_officer_loses_the_session_at_the_next_request(client, district_user):
    client.force_login(district_user)
    assert client.session[SESSION_KEY] == str(district_user.pk)
    type(district_user).objects.filter(pk=district_user.pk).update(is_active=False)
    assert client.get("/groups/").status_code == 302
