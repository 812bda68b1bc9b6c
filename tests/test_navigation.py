"""The main menu (core/navigation.py): who sees which entry, and which one is the current page."""

import re

import pytest

from tests.conftest import login
from tests.factories import UserFactory


def menu(client, url):
    html = client.get(url).content.decode()
    nav = re.search(r'<nav class="mainnav"[^>]*>(.*?)</nav>', html, re.S)[1]
    links = re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav)
    return [(href, label) for href, _, label in links], [label for _, current, label in links if current]


@pytest.mark.django_db
def test_district_officer_sees_the_work_menu_with_the_section_marked(client, district_user):
    entries, current = menu(login(client, district_user), "/groups/")
    assert entries == [("/", "หน้าแรก"), ("/groups/", "กลุ่มออมทรัพย์"), ("/reviews/", "ทบทวนฐานข้อมูล"),
                       ("/networks/", "เครือข่าย"), ("/printing/batches/", "พิมพ์เอกสาร")]
    assert current == ["กลุ่มออมทรัพย์"]
    assert menu(client, "/")[1] == ["หน้าแรก"]
    assert menu(client, "/reviews/")[1] == ["ทบทวนฐานข้อมูล"]
    assert menu(client, "/about/")[1] == []


@pytest.mark.django_db
def test_user_without_an_office_sees_neither_reviews_nor_printing(client, geography):
    entries, _ = menu(login(client, UserFactory(username="nobody", office=None)), "/about/")
    assert [label for _, label in entries] == ["หน้าแรก", "กลุ่มออมทรัพย์", "เครือข่าย"]


@pytest.mark.django_db
def test_national_staff_also_invite_and_administer(client, national_user):
    national_user.is_staff = True
    national_user.save()
    entries, _ = menu(login(client, national_user), "/about/")
    assert [label for _, label in entries][-2:] == ["เชิญผู้ใช้", "ผู้ดูแลระบบ"]


@pytest.mark.django_db
def test_district_staff_administer_but_do_not_invite(client, district_user):
    district_user.is_staff = True
    district_user.save()
    labels = [label for _, label in menu(login(client, district_user), "/about/")[0]]
    assert "ผู้ดูแลระบบ" in labels and "เชิญผู้ใช้" not in labels
