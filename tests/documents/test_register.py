# ruff: noqa: F811  (the order fixtures are imported from test_orders and used as arguments)
"""The register of orders (ทะเบียนคำสั่ง): issuing enters an order with its number and year, a
committee changed after its order was issued says so and offers a superseding order, the two
are linked, the old one is never altered; no Garuda asks first; the register as xlsx; every
view through the user's area."""

import io

import openpyxl
import pytest
from django.urls import reverse

from networks import services as network_services
from printing import registry, services
from printing.models import ISSUED_MOVES, IssuedDocument, IssuedState
from tests.documents.test_orders import CONFIRM, ORDER_DATE, amphoe_committee, networks, tambon_committee  # noqa: F401
from tests.networks.helpers import rows

REGISTER_SEES = {"district": 200, "other_district": 404, "province": 200, "other_province": 404, "national": 200}


def _issue(client, committee, **data):
    return client.post(reverse("printing:issue", args=["order", committee.pk]), {**CONFIRM, **data})


def _change_a_holder(committee, user):
    network = committee.network
    network_services.committee_save_seats(committee=committee, actor=user, rows=rows(
        20, represents=list(network.member_groups.order_by("pk")), start=300))


def test_issuing_without_garuda_asks_and_the_register_says_so(client, tambon_committee, district_user):
    client.force_login(district_user)
    response = client.post(reverse("printing:issue", args=["order", tambon_committee.pk]))
    assert response.status_code == 200 and IssuedDocument.objects.count() == 0
    assert "สำนักงานยังไม่มีภาพตราครุฑ" in response.content.decode()
    assert _issue(client, tambon_committee).status_code == 302
    issued = IssuedDocument.objects.get()
    assert issued.without_garuda and (issued.number, issued.year_be) == (1, 2567)
    page = client.get(reverse("printing:register") + "?year=2567").content.decode()
    assert "ออกโดยไม่มีตราครุฑ" in page and "1/2567" in page


def test_a_changed_committee_warns_and_its_new_order_supersedes_the_old(client, tambon_committee, district_user):
    client.force_login(district_user)
    _issue(client, tambon_committee)
    first = IssuedDocument.objects.get()
    stored = first.file.read()
    page_url = reverse("networks:committee_detail", args=[tambon_committee.pk])
    assert 'id="changed-since-issued"' not in client.get(page_url).content.decode()
    _change_a_holder(tambon_committee, district_user)
    page = client.get(page_url).content.decode()
    assert 'id="changed-since-issued"' in page and "ไม่ตรงกับข้อมูลปัจจุบัน" in page
    assert "ลำดับที่ 1" in page and "ออกฉบับใหม่แทนฉบับเดิม" in page
    # The same number again is refused: the new order needs its own.
    response = client.post(reverse("printing:issue", args=["order", tambon_committee.pk]),
                           {**CONFIRM, "supersede": "1"}, follow=True)
    assert "ฉบับใหม่ต้องมีเลขที่ใหม่" in response.content.decode()
    network_services.committee_update_details(committee=tambon_committee, actor=district_user, data={
        "order_number": 5, "order_date": ORDER_DATE, "signer_name": "นายวีระ ศรีสุข",
        "signer_position": "นายอำเภอเมืองลำปาง", "signer_acting_for_chief": False})
    tambon_committee.refresh_from_db()
    if tambon_committee.status != tambon_committee.Status.READY:
        network_services.committee_move(committee=tambon_committee, actor=district_user,
                                        to=tambon_committee.Status.READY)
    response = _issue(client, tambon_committee, supersede="1")
    assert response.status_code == 302, response.content.decode()[:500]
    first.refresh_from_db()
    second = IssuedDocument.objects.exclude(pk=first.pk).get()
    assert first.state == IssuedState.SUPERSEDED and first.superseded_by == second
    assert second.state == IssuedState.ISSUED and (second.number, second.year_be) == (5, 2567)
    assert first.file.read() == stored  # the old one is never altered
    register = client.get(reverse("printing:register") + "?year=2567").content.decode()
    assert "แทนที่โดย" in register and "คำสั่งที่ 5/2567" in register and "คำสั่งที่ 1/2567" in register
    assert 'id="changed-since-issued"' not in client.get(page_url).content.decode()


def test_an_unchanged_committee_cannot_be_issued_twice(client, tambon_committee, district_user):
    client.force_login(district_user)
    _issue(client, tambon_committee)
    response = client.post(reverse("printing:issue", args=["order", tambon_committee.pk]),
                           {**CONFIRM, "supersede": "1"}, follow=True)
    assert "ข้อมูลยังไม่เปลี่ยน" in response.content.decode()
    assert IssuedDocument.objects.count() == 1


def test_the_register_downloads_as_xlsx_with_every_entry(client, tambon_committee, amphoe_committee, district_user):  # noqa: F811
    client.force_login(district_user)
    _issue(client, tambon_committee)
    response = client.get(reverse("printing:register_xlsx") + "?year=2567")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    values = list(book.active.iter_rows(values_only=True))
    assert values[1][:5] == ("เลขที่", "ลงวันที่", "เรื่อง", "ผู้ลงนาม", "สถานะ")
    states = {row[0]: row[4] for row in values[2:]}
    assert states == {"1/2567": "ออกแล้ว", "2/2567": "ร่าง"}


def test_a_subject_that_looks_like_a_formula_stays_text(client, tambon_committee, district_user):
    client.force_login(district_user)
    _issue(client, tambon_committee)
    IssuedDocument.objects.update(title="=HYPERLINK(\"http://x\")")
    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("printing:register_xlsx") + "?year=2567").content))
    cell = book.active["C3"]
    assert cell.data_type == "s" and cell.value == "'" + '=HYPERLINK("http://x")'  # core.xlsx neutralises


@pytest.mark.parametrize("role", list(REGISTER_SEES))
def test_register_permission_matrix(client, tambon_committee, users, role):
    client.force_login(users[role])
    for name in ("printing:register", "printing:register_xlsx"):
        response = client.get(reverse(name) + "?district=5201&year=2567")
        assert response.status_code == REGISTER_SEES[role], name


def test_the_register_state_machine_allows_only_its_moves():
    document = IssuedDocument(state=IssuedState.ISSUED)
    for here, allowed in ISSUED_MOVES.items():
        for to in IssuedState.values:
            document.state = here
            if to in allowed:
                document.move(to)
                assert document.state == to
            else:
                with pytest.raises(Exception):  # noqa: B017  (ValidationError with a Thai message)
                    document.move(to)


def test_a_scan_moves_an_issued_order_to_scan_kept(tambon_committee, district_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    printable = registry.get("order")
    issued = services.document_issue(printable=printable, record=tambon_committee, actor=district_user,
                                     confirm_without_garuda=True)
    services.document_attach_scan(document=issued, printable=printable, record=tambon_committee, actor=district_user,
                                  upload=SimpleUploadedFile("s.pdf", issued.file.read(), content_type="application/pdf"))
    issued.refresh_from_db()
    assert issued.state == IssuedState.SCANNED


def test_an_issued_order_is_cancelled_from_the_register_with_a_reason(client, tambon_committee, district_user,
                                                                      other_district_user):
    client.force_login(district_user)
    _issue(client, tambon_committee)
    issued = IssuedDocument.objects.get()
    register_url = reverse("printing:register") + "?year=2567"
    assert "ยกเลิกคำสั่งนี้" in client.get(register_url).content.decode()
    cancel_url = reverse("printing:issued_cancel", args=[issued.pk])
    # Another district: a 404, and the order stays as it is.
    client.force_login(other_district_user)
    assert client.post(cancel_url, {"reason": "ผิด"}).status_code == 404
    client.force_login(district_user)
    page = client.post(cancel_url, {"reason": "  ", "next": register_url}, follow=True).content.decode()
    assert "กรุณาระบุเหตุผลที่ยกเลิก" in page
    issued.refresh_from_db()
    assert issued.state == IssuedState.ISSUED
    page = client.post(cancel_url, {"reason": "แต่งตั้งผิดตำบล", "next": register_url}, follow=True).content.decode()
    issued.refresh_from_db()
    assert issued.state == IssuedState.CANCELLED
    assert issued.events.filter(kind="cancelled", note="แต่งตั้งผิดตำบล").exists()
    assert "ยกเลิกคำสั่งนี้" not in page and IssuedState.CANCELLED.label in page
    # Cancelled moves no more, and its number is not given again.
    assert client.post(cancel_url, {"reason": "อีกครั้ง"}).status_code == 302
    issued.refresh_from_db()
    assert issued.state == IssuedState.CANCELLED
    page = client.post(reverse("printing:issue", args=["order", tambon_committee.pk]), CONFIRM,
                       follow=True).content.decode()
    assert "เลขที่นี้ใช้ไปแล้วในปีเดียวกัน" in page
    assert not IssuedDocument.objects.current().exists()
