"""The district's path in the browser: open the committee page, issue the order (confirming),
open the issued file, attach the signed scan and see it beside the order."""

import io

import pytest
from PIL import Image

from accounts.models import Office
from printing.models import IssuedDocument
from tests.documents.test_orders import _appoint
from tests.e2e.conftest import PASSWORD, log_in
from tests.factories import UserFactory, office_for
from tests.networks.helpers import TERM_START, district_networks, groups_in, rows

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def officer(geography):
    user = UserFactory(username="d5201", office=office_for(Office.Level.DISTRICT, district="5201"))
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def ready_committee(officer):
    from networks import services

    groups_in("520101", moos=range(1, 16))
    _amphoe, tambons = district_networks(officer)
    committee = services.committee_create(network=tambons[0], actor=officer, term_start=TERM_START)
    services.committee_save_seats(committee=committee, actor=officer,
                                  rows=rows(20, represents=list(tambons[0].member_groups.order_by("pk"))))
    return _appoint(committee, officer, 7)


def test_district_issues_an_order_and_attaches_the_signed_scan(page, ready_committee, tmp_path):
    log_in(page, "d5201")
    page.goto(f"/networks/committees/{ready_committee.pk}/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="ออกเอกสาร").click()
    page.wait_for_url(f"**/networks/committees/{ready_committee.pk}/")
    card = page.locator("#documents")
    card.get_by_text("ออกแล้ว").wait_for()
    issued = IssuedDocument.objects.get()
    pdf = page.request.get(f"/printing/issued/{issued.pk}/file/")
    assert pdf.ok and pdf.body() == issued.file.read()
    card.get_by_role("link", name="รายละเอียด / แนบสแกน").click()
    scan = tmp_path / "signed.png"
    buffer = io.BytesIO()
    Image.new("RGB", (50, 70), "white").save(buffer, "PNG")
    scan.write_bytes(buffer.getvalue())
    page.set_input_files("input[name=scan]", str(scan))
    page.get_by_role("button", name="แนบไฟล์สแกน").click()
    page.get_by_text("แนบสำเนาที่ลงนามแล้วเรียบร้อย").wait_for()
    assert page.locator("img.scan-preview").count() == 1
    page.goto(f"/networks/committees/{ready_committee.pk}/")
    assert page.locator("#documents").get_by_role("link", name="สำเนาที่ลงนามแล้ว").count() == 1
