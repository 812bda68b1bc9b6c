"""The district's path in the browser: open the committee page, issue the order (confirming),
open the issued file, attach the signed scan and see it beside the order; change a seat holder in
the seats form, see the warning, issue the superseding order, find both in the register and its
Excel download, sign the new one electronically and validate it (issue 10's "done when")."""

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
# Issuing renders the PDF before the page answers: on a busy machine that is seconds, not a
# page's usual wait.
RENDER_WAIT = 90_000


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
    # The office has no Garuda image: issuing asks first.
    page.get_by_text("สำนักงานยังไม่มีภาพตราครุฑ").wait_for()
    page.get_by_role("button", name="ออกเอกสารโดยไม่มีตราครุฑ").click(timeout=RENDER_WAIT)
    page.wait_for_url(f"**/networks/committees/{ready_committee.pk}/", timeout=RENDER_WAIT)
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


def test_a_changed_committee_gets_a_superseding_order_and_both_are_in_the_register(page, ready_committee, officer,
                                                                                   tmp_path):
    from printing import registry
    from printing import services as printing_services
    from tests.documents.test_orders import ORDER_DATE

    printing_services.document_issue(printable=registry.get("order"), record=ready_committee, actor=officer,
                                     confirm_without_garuda=True)
    first = IssuedDocument.objects.get()
    # A seat holder changes, through the seats form as a district officer does it.
    log_in(page, "d5201")
    page.goto(f"/networks/committees/{ready_committee.pk}/seats/")
    page.fill("#id_seats-0-first_name", "บุญเรือน")
    page.fill("#id_seats-0-last_name", "ใหม่ใจดี")
    page.get_by_role("button", name="บันทึกรายชื่อ").click()
    page.wait_for_url(f"**/networks/committees/{ready_committee.pk}/**")
    assert ready_committee.holders.filter(first_name="บุญเรือน", last_name="ใหม่ใจดี").count() == 1
    # The new order gets its number in the details form; the date and the signer stay as they were.
    page.goto(f"/networks/committees/{ready_committee.pk}/details/")
    assert page.input_value("#id_signer_name") == "นายวีระ ศรีสุข"
    page.fill("#id_order_number", "8")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    page.get_by_text("บันทึกข้อมูลวาระและคำสั่งแต่งตั้งแล้ว").wait_for()
    ready_committee.refresh_from_db()
    assert (ready_committee.order_number, ready_committee.order_date) == (8, ORDER_DATE)
    assert ready_committee.status == ready_committee.Status.READY  # a valid seat change keeps it ready

    page.goto(f"/networks/committees/{ready_committee.pk}/")
    warning = page.locator("#changed-since-issued")
    warning.get_by_text("ไม่ตรงกับข้อมูลปัจจุบัน").wait_for()
    assert warning.get_by_text("บุญเรือน").count() >= 1
    page.screenshot(path=str(tmp_path / "committee-changed.png"), full_page=True)
    page.once("dialog", lambda dialog: dialog.accept())
    warning.get_by_role("button", name="ออกฉบับใหม่แทนฉบับเดิม").click()
    page.get_by_role("button", name="ออกเอกสารโดยไม่มีตราครุฑ").click(timeout=RENDER_WAIT)
    page.wait_for_url(f"**/networks/committees/{ready_committee.pk}/", timeout=RENDER_WAIT)
    assert page.locator("#changed-since-issued").count() == 0

    page.locator("#documents").get_by_role("link", name="ทะเบียนคำสั่ง").click()
    table = page.locator("#register")
    table.get_by_text("แทนที่โดย").wait_for()
    assert table.get_by_text("คำสั่งที่ 8/2567").count() >= 1 and table.get_by_text("คำสั่งที่ 7/2567").count() >= 1
    with page.expect_download() as download:
        page.get_by_role("link", name="ดาวน์โหลดทะเบียน (Excel)").click()
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()), read_only=True)
    states = {row[0]: row[4] for row in list(book.active.iter_rows(values_only=True))[2:]}
    assert states == {"7/2567": "ถูกแทนที่ด้วยฉบับใหม่", "8/2567": "ออกแล้ว"}

    # The chief's signed copy of the first order is kept with it.
    page.goto(f"/printing/issued/{first.pk}/")
    scan = tmp_path / "signed.png"
    buffer = io.BytesIO()
    Image.new("RGB", (50, 70), "white").save(buffer, "PNG")
    scan.write_bytes(buffer.getvalue())
    page.set_input_files("input[name=scan]", str(scan))
    page.get_by_role("button", name="แนบไฟล์สแกน").click()
    page.get_by_text("แนบสำเนาที่ลงนามแล้วเรียบร้อย").wait_for()
    first.refresh_from_db()
    assert first.has_scan and first.state == "superseded"

    # The office keeps a certificate; the new order is signed in the browser and validates.
    from printing import signing
    from tests.documents.signing_helpers import PASSPHRASE, _certificate, _validate

    cert, content = _certificate()
    signing.certificate_store(office=officer.office, content=content, passphrase=PASSPHRASE,
                              actor=UserFactory(is_superuser=True))
    second = IssuedDocument.objects.get(number=8)
    page.goto(f"/printing/issued/{second.pk}/")
    page.get_by_role("button", name="ลงลายมือชื่ออิเล็กทรอนิกส์").click()
    page.get_by_role("link", name="เปิด PDF ที่ลงลายมือชื่อแล้ว").wait_for(timeout=RENDER_WAIT)
    signed = page.request.get(f"/printing/issued/{second.pk}/signed/")
    assert signed.ok
    status = _validate(signed.body(), cert)
    assert status.intact and status.valid and status.trusted
