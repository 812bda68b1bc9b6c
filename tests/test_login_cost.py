"""Passwords: Argon2id at OWASP's minimum; PBKDF2 hashes from before still log in and are
upgraded; a page loads the user with the office in one query."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password, identify_hasher, make_password

from accounts.hashers import RegistryArgon2PasswordHasher

HASHERS = ["accounts.hashers.RegistryArgon2PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def test_new_passwords_are_argon2id_with_the_documented_cost(settings):
    settings.PASSWORD_HASHERS = HASHERS
    encoded = make_password("demo1234")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("demo1234", encoded)
    assert not check_password("demo12345", encoded)
    assert isinstance(identify_hasher(encoded), RegistryArgon2PasswordHasher)


def test_a_pbkdf2_password_from_before_logs_in_and_is_rewritten_as_argon2(settings, client, district_user):
    settings.PASSWORD_HASHERS = HASHERS
    district_user.password = PBKDF2PasswordHasher().encode("demo1234", "oldsalt123456789", iterations=1000)
    district_user.save()
    response = client.post("/login/", {"username": district_user.username, "password": "demo1234"})
    assert response.status_code == 302
    district_user.refresh_from_db()
    assert district_user.password.startswith("argon2$argon2id$")


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
