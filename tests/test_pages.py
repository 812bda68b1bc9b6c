"""Login, the about page and the error pages: in Thai."""

from django.test import override_settings
from django.urls import reverse

from tests.factories import GroupFactory


def test_login_page_is_thai(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "<title>เข้าสู่ระบบ · ทะเบียนกลุ่มออมทรัพย์ฯ</title>" in html
    assert '<label for="id_username">ชื่อผู้ใช้</label>' in html


def test_wrong_password_says_so_in_thai(client, district_user):
    response = client.post(reverse("login"), {"username": "d5201", "password": "wrong"})
    assert response.status_code == 200
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง กรุณาลองใหม่" in response.content.decode()


def test_login_then_the_home_page_is_the_role_s_home(client, district_user):
    response = client.post(reverse("login"), {"username": "d5201", "password": "pass-for-tests"})
    assert response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200 and home.templates[0].name == "home/district.html"


def test_login_returns_to_the_page_asked_for(client, district_user, geography):
    group = GroupFactory()
    url = reverse("groups:detail", args=[group.pk])
    response = client.post(reverse("login"), {"username": "d5201", "password": "pass-for-tests", "next": url})
    assert response["Location"] == url


def test_about_page_credits_geothai_under_cc_by_4(client, db):
    response = client.get(reverse("about"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Creative Commons Attribution 4.0 International (CC-BY-4.0) © GeoThai contributors" in html
    assert "geothai" in html


@override_settings(DEBUG=False)
def test_404_page_is_thai(client, district_user):
    client.force_login(district_user)
    response = client.get("/groups/999999/")
    assert response.status_code == 404
    html = response.content.decode().replace("<wbr>", "")  # headings break between words (core/words.py)
    assert "<h1>ไม่พบข้อมูล</h1>" in html
    assert "หรือข้อมูลนี้อยู่นอกพื้นที่ที่ท่านดูแล" in html


@override_settings(DEBUG=False)
def test_403_page_is_thai_and_says_why(client, national_user, geography):
    group = GroupFactory()
    client.force_login(national_user)
    response = client.get(reverse("groups:edit", args=[group.pk]))
    assert response.status_code == 403
    html = response.content.decode().replace("<wbr>", "")  # headings break between words (core/words.py)
    assert "<h1>ไม่มีสิทธิ์ดำเนินการ</h1>" in html
    assert "ท่านดูข้อมูลกลุ่มนี้ได้อย่างเดียว แก้ไขไม่ได้" in html


def test_logout_is_a_post_and_returns_to_login(client, district_user):
    client.force_login(district_user)
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert client.get(reverse("groups:list")).status_code == 302
