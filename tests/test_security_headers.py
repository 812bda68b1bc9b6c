"""Headers that keep the registry out of other sites' frames, a login that needs no JavaScript, and
the error pages (400, 403 for a stale form, 500) in Thai. Every crawled page's headers are checked in
tests/test_thai_everywhere.py."""

import re

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client, override_settings
from django.urls import include, path, reverse

from tests.test_thai_everywhere import english_words


def _boom(request):
    raise RuntimeError("a bug")


def _suspicious(request):
    raise SuspiciousOperation("tampered")


urlpatterns = [
    path("boom/", _boom),
    path("suspicious/", _suspicious),
    path("", include("savings_registry.urls")),
]


def assert_framing_refused(response):
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_login_page_refuses_frames_and_sniffing(client, db):
    assert_framing_refused(client.get(reverse("login")))


def test_login_works_as_a_plain_html_form_without_javascript(district_user):
    """What a browser without JavaScript does: read the form, send its fields with the CSRF token."""
    browser = Client(enforce_csrf_checks=True)
    html = browser.get(reverse("login")).content.decode()
    form = re.search(r'<form method="post">(.*?)</form>', html, re.S).group(1)
    assert "hx-" not in form and "<script" not in form
    assert '<button class="primary" type="submit">เข้าสู่ระบบ</button>' in form
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = browser.post(reverse("login"), {
        "csrfmiddlewaretoken": token, "username": "d5201", "password": "pass-for-tests", "next": "",
    })
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert_framing_refused(browser.get(reverse("groups:list")))


def test_a_stale_form_is_refused_in_thai(district_user):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("login"), {"username": "d5201", "password": "pass-for-tests"})
    assert response.status_code == 403
    html = response.content.decode().replace("<wbr>", "")  # headings break between words (core/words.py)
    assert "<h1>ส่งแบบฟอร์มไม่สำเร็จ</h1>" in html
    assert "กรุณากลับไปหน้าเดิม โหลดหน้าใหม่ แล้วส่งอีกครั้ง" in html
    assert english_words(re.sub(r"<[^>]+>", " ", html)) == []
    assert_framing_refused(response)


@pytest.mark.parametrize(("url", "status", "heading"), [
    ("/boom/", 500, "<h1>ระบบขัดข้องชั่วคราว</h1>"),
    ("/suspicious/", 400, "<h1>คำขอไม่ถูกต้อง</h1>"),
])
@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_error_pages_are_thai(district_user, url, status, heading):
    browser = Client(raise_request_exception=False)
    browser.force_login(district_user)
    response = browser.get(url)
    assert response.status_code == status
    html = response.content.decode().replace("<wbr>", "")  # headings break between words (core/words.py)
    assert heading in html
    assert english_words(re.sub(r"<(script|style)[^>]*>.*?</\1>|<[^>]+>", " ", html, flags=re.S)) == []
    assert_framing_refused(response)
