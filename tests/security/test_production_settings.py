"""Production settings come from the environment and pass Django's deployment checks; sessions
end after 8 idle hours and when the browser closes."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.test import Client
from django.urls import reverse

from tests.e2e.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "registry.example.org",
    "SECURE_SSL_REDIRECT": "1", "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
    "SECURE_HSTS_SECONDS": "31536000", "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1", "SECURE_HSTS_PRELOAD": "1",
    "SESSION_COOKIE_SECURE": "1", "CSRF_COOKIE_SECURE": "1",
}


def _environ(**env):
    # The browser tests' conftest allows async-unsafe ORM calls in this process; a server never does.
    return {**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **env}


def _manage(*args, **env):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True,
                          env=_environ(**env), timeout=120)


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_without_them():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="0", SECRET_KEY=PRODUCTION["SECRET_KEY"])
    assert result.returncode != 0
    for code in ["security.W004", "security.W008", "security.W012", "security.W016"]:
        assert code in result.stderr


def test_settings_are_read_from_the_environment():
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, s.SECURE_HSTS_SECONDS, "
            "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_AGE)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env=_environ(**PRODUCTION, SESSION_IDLE_HOURS="2",
                                         DJANGO_SETTINGS_MODULE="savings_registry.settings"))
    assert result.stdout.split() == ["True", "('HTTP_X_FORWARDED_PROTO',", "'https')", "31536000", "True", "True", "7200"]


def test_the_session_ends_at_browser_close_and_after_eight_idle_hours(district_user):
    browser = Client()
    response = browser.post(reverse("login"), {"username": "d5201", "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # a browser-session cookie
    assert browser.session.get_expiry_age() == 8 * 3600
    first = browser.session.get_expiry_date()
    browser.get(reverse("groups:list"))
    assert browser.session.get_expiry_date() >= first  # each request restarts the idle clock
