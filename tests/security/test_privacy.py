"""Personal data: nothing is cached, every export, print and view of full national IDs is logged
(read-only for national administrators), and the privacy notice is linked from the login page."""

import pytest
from django.test import Client
from django.urls import reverse

from networks import services
from security.models import PersonalDataAccess
from tests.networks.helpers import TERM_START, VALID_ID, district_networks, groups_in, rows


@pytest.fixture
def committee(district_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    groups_in("520101", moos=(1, 2, 3))
    _amphoe, tambons = district_networks(district_user)
    network = tambons[0]
    committee = services.committee_create(network=network, actor=district_user, term_start=TERM_START)
    seats = rows(15, represents=list(network.member_groups.order_by("pk")))
    seats[0]["national_id"] = VALID_ID
    services.committee_save_seats(committee=committee, actor=district_user, rows=seats)
    return committee


def _as(user):
    client = Client()
    client.force_login(user)
    return client


def test_every_page_pdf_and_export_is_private_and_not_stored(committee, district_user):
    client = _as(district_user)
    for url in [reverse("groups:list"), reverse("networks:committee_detail", args=[committee.pk]),
                reverse("printing:pdf", args=["order", committee.pk]),
                reverse("spreadsheets:export_list", args=["groups"]), reverse("login"), reverse("privacy")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url


def test_full_national_ids_shown_are_logged_masked_ones_are_not(committee, district_user, province_user):
    url = reverse("networks:committee_detail", args=[committee.pk])
    page = _as(district_user).get(url).content.decode()
    assert VALID_ID in page
    entry = PersonalDataAccess.objects.get()
    assert entry.user == district_user and entry.action == PersonalDataAccess.Action.VIEW_IDS
    assert entry.subject == f"รายชื่อ{committee}" and entry.path == url
    assert entry.office == str(district_user.office)

    page = _as(province_user).get(url).content.decode()
    assert VALID_ID not in page  # the province sees the masked number only
    assert PersonalDataAccess.objects.count() == 1

    _as(district_user).get(reverse("networks:committee_seats", args=[committee.pk]))
    assert PersonalDataAccess.objects.filter(action="view_ids").count() == 2


def test_prints_and_exports_are_logged_with_the_file_name(committee, district_user):
    client = _as(district_user)
    client.get(reverse("printing:pdf", args=["order", committee.pk]))
    client.get(reverse("spreadsheets:export_list", args=["groups"]) + "?q=x")
    client.get(reverse("spreadsheets:template", args=["groups"]))  # an empty template: not personal data
    printed, exported = PersonalDataAccess.objects.order_by("pk")
    assert printed.action == "print" and printed.subject == f"เอกสาร PDF (kind order, pk {committee.pk})"
    assert printed.document.endswith(".pdf")
    assert exported.action == "export" and exported.document.endswith(".xlsx")
    assert exported.path.endswith("?q=x")


def test_a_refused_request_is_not_logged(committee, other_district_user):
    client = _as(other_district_user)
    assert client.get(reverse("printing:pdf", args=["order", committee.pk])).status_code == 404
    assert client.get(reverse("networks:committee_detail", args=[committee.pk])).status_code == 404
    assert not PersonalDataAccess.objects.exists()


def test_the_access_log_is_read_only_for_national_administrators(committee, district_user, national_user,
                                                                province_user):
    _as(district_user).get(reverse("networks:committee_detail", args=[committee.pk]))
    entry = PersonalDataAccess.objects.get()
    national_user.is_staff = True
    national_user.save()
    admin = _as(national_user)
    page = admin.get(reverse("admin:security_personaldataaccess_changelist")).content.decode()
    assert "ดูเลขประจำตัวประชาชนเต็ม" in page and str(district_user.office) in page
    assert admin.get(reverse("admin:security_personaldataaccess_add")).status_code == 403
    assert admin.post(reverse("admin:security_personaldataaccess_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    detail = admin.post(reverse("admin:security_personaldataaccess_change", args=[entry.pk]), {"subject": "แก้"})
    assert detail.status_code in (200, 403)
    entry.refresh_from_db()
    assert entry.subject == f"รายชื่อ{committee}"
    assert PersonalDataAccess.objects.count() == 1

    province_user.is_staff = True
    province_user.save()
    assert _as(province_user).get(reverse("admin:security_personaldataaccess_changelist")).status_code == 403


def test_privacy_notice_is_linked_from_the_login_page_and_open_to_all(db):
    login = Client().get(reverse("login")).content.decode()
    assert f'<a href="{reverse("privacy")}">ประกาศความเป็นส่วนตัว' in login
    page = Client().get(reverse("privacy")).content.decode().replace("<wbr>", "")  # headings: core/words.py
    for heading in ["ข้อมูลที่เก็บ", "ใช้เพื่ออะไร", "ใครเห็นข้อมูลได้", "เก็บไว้นานเท่าใด", "สิทธิของเจ้าของข้อมูล", "ติดต่อ"]:
        assert f"<h2>{heading}</h2>" in page
    assert "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562" in page
    assert "ไม่ได้ใช้งานนาน 8 ชั่วโมง" in page
