"""Login throttling through the real login view: a username is locked for 15 minutes after 10
wrong passwords, with a Thai message saying when to try again; colleagues behind the same address
keep logging in; a national administrator unlocks from the admin."""

import datetime as dt
import re

from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.e2e.conftest import PASSWORD

OFFICE_ADDRESS = "203.0.113.7"  # one address for the whole district office (NAT)


def _client():
    return Client(REMOTE_ADDR=OFFICE_ADDRESS)


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password, "next": ""})


def _fail(client, username, times):
    for _ in range(times):
        response = _login(client, username, "wrong-password")
    return response


def test_ten_wrong_passwords_lock_the_username_for_fifteen_minutes(district_user):
    browser = _client()
    response = _fail(browser, "d5201", 9)
    assert response.status_code == 200
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()
    assert _login(browser, "d5201", PASSWORD).status_code == 302  # the 10th try is still allowed
    browser.post(reverse("logout"))

    response = _fail(browser, "d5201", 10)
    assert response.status_code == 429
    response = _login(browser, "d5201", PASSWORD)  # even the right password now
    assert response.status_code == 429
    html = response.content.decode()
    until = timezone.localtime(AccessAttempt.objects.get(username="d5201").attempt_time + dt.timedelta(minutes=15))
    assert (f"ใส่รหัสผ่านผิดติดต่อกัน 10 ครั้ง กรุณาลองใหม่ได้ตั้งแต่เวลา {until:%H:%M} น. "
            "(อีกประมาณ 15 นาที)") in html
    assert '<input id="id_username" name="username"' in html and 'value="d5201"' in html
    assert "_auth_user_id" not in browser.session

    # Fifteen minutes later the lock has passed by itself.
    AccessAttempt.objects.filter(username="d5201").update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert _login(browser, "d5201", PASSWORD).status_code == 302


def test_colleagues_behind_the_same_address_are_not_locked_out(district_user, other_district_user):
    attacker = _client()
    _fail(attacker, "d5201", 25)
    assert _login(attacker, "d5201", PASSWORD).status_code == 429
    colleague = _client()
    response = _login(colleague, "d5202", PASSWORD)
    assert response.status_code == 302
    assert colleague.session["_auth_user_id"] == str(other_district_user.pk)


def test_a_national_administrator_unlocks_from_the_admin(district_user, national_user):
    browser = _client()
    _fail(browser, "d5201", 10)
    assert _login(browser, "d5201", PASSWORD).status_code == 429

    national_user.is_staff = True
    national_user.save()
    admin = Client()
    admin.force_login(national_user)
    changelist = reverse("admin:axes_accessattempt_changelist")
    page = admin.get(changelist).content.decode()
    assert "ถูกระงับชั่วคราว" in page and "ปลดล็อกชื่อผู้ใช้ที่เลือก" in page
    attempt = AccessAttempt.objects.get(username="d5201")
    response = admin.post(changelist, {"action": "unlock", "_selected_action": [attempt.pk]}, follow=True)
    assert "ปลดล็อกแล้ว: d5201" in response.content.decode()
    assert not AccessAttempt.objects.filter(username="d5201").exists()
    assert _login(browser, "d5201", PASSWORD).status_code == 302


def test_only_national_administrators_see_login_attempts(district_user, province_user):
    _fail(_client(), "d5201", 3)
    province_user.is_staff = True
    province_user.save()
    admin = Client()
    admin.force_login(province_user)
    assert admin.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403


def test_the_lockout_page_has_no_english(district_user):
    from tests.test_thai_everywhere import english_words

    browser = _client()
    _fail(browser, "d5201", 10)
    html = _login(browser, "d5201", PASSWORD).content.decode()
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>|<[^>]+>", " ", html, flags=re.S)
    assert english_words(text) == []
