"""Logins hash with Django's PBKDF2 on one low-priority thread; the user comes with the office."""

import os
import threading

from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password, make_password

from accounts import hashers
from accounts.hashers import QueuedPBKDF2PasswordHasher


def test_hashes_are_djangos_own_pbkdf2_both_ways(settings):
    settings.PASSWORD_HASHERS = ["accounts.hashers.QueuedPBKDF2PasswordHasher"]
    ours = QueuedPBKDF2PasswordHasher().encode("demo1234", "saltsalt", iterations=1000)
    assert ours == PBKDF2PasswordHasher().encode("demo1234", "saltsalt", iterations=1000)
    assert check_password("demo1234", PBKDF2PasswordHasher().encode("demo1234", "s2", iterations=1000))
    assert check_password("demo1234", make_password("demo1234"))
    assert not check_password("demo12345", ours)


def test_the_hash_runs_on_one_low_priority_thread():
    where = hashers._hashing_thread().submit(lambda: (threading.get_native_id(), os.getpriority(os.PRIO_PROCESS, 0)))
    thread_id, nice = where.result()
    assert thread_id != threading.get_native_id()
    assert nice >= hashers.LOGIN_NICE


def test_a_page_loads_the_user_and_office_in_one_query(client, django_assert_num_queries, district_user):
    from django.contrib.auth import get_user
    from django.test import RequestFactory

    client.force_login(district_user)
    request = RequestFactory().get("/")
    request.session = client.session
    assert request.session["_auth_user_id"] == str(district_user.pk)  # the session is read first
    with django_assert_num_queries(1):
        user = get_user(request)
        assert user.office.district_id == "5201"
