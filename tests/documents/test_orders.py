"""Committee orders and bylaws from real networks: every seat holder printed, the order's number
and date in Thai digits, issuing freezes the file, the committee page shows it, batches and the
command print a whole district; every view through Committee/Network.visible_to."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from core.thai import to_thai_digits
from networks import models as network_models
from networks import services as network_services
from printing import pdf
from printing.models import IssuedDocument
from tests.documents import pdfcheck
from tests.networks.helpers import TERM_START, district_networks, groups_in, rows

SEES = {"district": 200, "other_district": 404, "province": 200, "other_province": 404, "national": 200}
ORDER_DATE = dt.date(2024, 11, 21)

# The test offices have no Garuda image: issuing asks, and these say yes.
CONFIRM = {"confirm_without_garuda": "1"}


def _appoint(committee, user, number, **signer):
    network_services.committee_update_details(committee=committee, actor=user, data={
        "order_number": number, "order_date": ORDER_DATE,
        "signer_name": signer.get("name", "นายวีระ ศรีสุข"),
        "signer_position": signer.get("position", "นายอำเภอเมืองลำปาง"),
        "signer_acting_for_chief": signer.get("acting", False),
    })
    network_services.committee_move(committee=committee, actor=user, to=network_models.Committee.Status.READY)
    committee.refresh_from_db()
    return committee


@pytest.fixture
def networks(district_user):
    """เมืองลำปาง's amphoe network and the tambon network of 520101 (15 villages, one group each)."""
    groups_in("520101", moos=range(1, 16))
    amphoe, tambons = district_networks(district_user)
    return amphoe, tambons[0]


@pytest.fixture
def tambon_committee(networks, district_user):
    _amphoe, tambon = networks
    committee = network_services.committee_create(network=tambon, actor=district_user, term_start=TERM_START)
    network_services.committee_save_seats(committee=committee, actor=district_user,
                                          rows=rows(20, represents=list(tambon.member_groups.order_by("pk"))))
    return _appoint(committee, district_user, 1)


@pytest.fixture
def amphoe_committee(networks, district_user):
    amphoe, tambon = networks
    committee = network_services.committee_create(network=amphoe, actor=district_user, term_start=TERM_START)
    network_services.committee_save_seats(committee=committee, actor=district_user,
                                          rows=rows(20, represents=[tambon], level=network_models.Level.AMPHOE, start=100))
    return _appoint(committee, district_user, 2, name="นายอนุชา พรหมวงศ์", position="ปลัดอำเภอ", acting=True)


def _text(content):
    return pdfcheck.normalise("".join(p.extract_text() for p in pdfcheck.reader(content).pages))


def _markers_match(content):
    document = pdfcheck.reader(content)
    pages = document.pages
    for index, page in enumerate(pages[:-1]):
        word = pdf.first_word(pdfcheck.body_lines(pages[index + 1])[0].text)
        assert pdfcheck.footer(page) == f"/{word}...", f"page {index + 1}"
    assert pdfcheck.footer(pages[-1]) == ""
    assert pdfcheck.header(pages[1]) == "- ๒ -"


def test_tambon_order_prints_every_holder_the_number_and_the_date(client, tambon_committee, district_user):
    client.force_login(district_user)
    response = client.get(reverse("printing:pdf", args=["order", tambon_committee.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    holders = tambon_committee.seats_in_order()
    assert len(holders) == 20
    for holder in holders:
        assert pdfcheck.normalise(to_thai_digits(holder.full_name)) in text, holder.full_name
    network = tambon_committee.network
    for part in ("คำสั่งอำเภอเมืองลำปาง", "ที่ ๑/๒๕๖๗", "สั่ง ณ วันที่ ๒๑ พฤศจิกายน พ.ศ. ๒๕๖๗",
                 f"แต่งตั้งคณะกรรมการเครือข่ายกลุ่มออมทรัพย์เพื่อการผลิตตำบล{network.subdistrict.name_th} ดังนี้",
                 "ระดับตำบล", "(นายวีระ ศรีสุข)", "จังหวัดลำปาง"):
        assert pdfcheck.normalise(part) in text, part
    _markers_match(response.content)


def test_amphoe_order_signed_by_a_deputy_for_the_chief(client, amphoe_committee, district_user):
    client.force_login(district_user)
    content = client.get(reverse("printing:pdf", args=["order", amphoe_committee.pk])).content
    text = _text(content)
    for part in ("ที่ ๒/๒๕๖๗", "(นายอนุชา พรหมวงศ์)", "ปลัดอำเภอ ปฏิบัติราชการแทน", "นายอำเภอเมืองลำปาง",
                 "ระดับอำเภอ"):
        assert pdfcheck.normalise(part) in text, part
    assert {base for base, _ in pdfcheck.fonts(pdfcheck.reader(content))} <= {"TH-Sarabun-New", "TH-Sarabun-New-Bold"}


@pytest.mark.parametrize("role", list(SEES))
def test_order_pdf_permission_matrix(client, tambon_committee, users, role):
    client.force_login(users[role])
    response = client.get(reverse("printing:pdf", args=["order", tambon_committee.pk]))
    assert response.status_code == SEES[role]


def test_issued_order_reprints_byte_identical_after_the_committee_changes(client, tambon_committee, district_user):
    client.force_login(district_user)
    url = reverse("printing:pdf", args=["order", tambon_committee.pk])
    assert client.post(reverse("printing:issue", args=["order", tambon_committee.pk]), CONFIRM).status_code == 302
    issued = IssuedDocument.objects.get()
    assert (issued.kind, issued.record_id, issued.district_id) == ("order", tambon_committee.pk, "5201")
    stored = issued.file.read()
    first = client.get(url).content
    assert first == stored
    network = tambon_committee.network
    network_services.committee_save_seats(committee=tambon_committee, actor=district_user, rows=rows(
        20, represents=list(network.member_groups.order_by("pk")), start=500))
    assert client.get(url).content == stored
    assert pdfcheck.normalise(to_thai_digits("นายสมชาย500 ใจดี")) not in _text(stored)


def test_a_draft_committee_cannot_be_issued(client, networks, district_user):
    _amphoe, tambon = networks
    committee = network_services.committee_create(network=tambon, actor=district_user, term_start=TERM_START)
    client.force_login(district_user)
    response = client.post(reverse("printing:issue", args=["order", committee.pk]), CONFIRM, follow=True)
    assert IssuedDocument.objects.count() == 0
    page = response.content.decode()
    assert "ยังไม่ได้ทำเครื่องหมาย “พร้อมออกคำสั่งแต่งตั้ง”" in page or "ยังไม่ได้ทำเครื่องหมาย &ldquo;" in page


@pytest.mark.parametrize(("role", "status"), [
    ("other_district", 404), ("other_province", 404), ("national", 403), ("province", 403), ("district", 302),
])
def test_order_issue_permission_matrix_writes_nothing_on_denial(client, tambon_committee, users, role, status):
    client.force_login(users[role])
    response = client.post(reverse("printing:issue", args=["order", tambon_committee.pk]), CONFIRM)
    assert response.status_code == status
    assert IssuedDocument.objects.count() == (1 if status == 302 else 0)


def test_committee_page_shows_the_issued_order(client, tambon_committee, district_user):
    client.force_login(district_user)
    page_url = reverse("networks:committee_detail", args=[tambon_committee.pk])
    before = client.get(page_url).content.decode()
    assert reverse("printing:issue", args=["order", tambon_committee.pk]) in before
    client.post(reverse("printing:issue", args=["order", tambon_committee.pk]), CONFIRM)
    issued = IssuedDocument.objects.get()
    after = client.get(page_url).content.decode()
    assert reverse("printing:issued_file", args=[issued.pk]) in after
    assert "ยังไม่แนบสำเนาที่ลงนาม" in after


def test_bylaws_name_the_network_and_its_chair(client, tambon_committee, district_user):
    network = tambon_committee.network
    client.force_login(district_user)
    content = client.get(reverse("printing:pdf", args=["bylaws", network.pk])).content
    text = _text(content)
    chair = tambon_committee.seats_in_order()[0]
    for part in (f"ตำบล{network.subdistrict.name_th}", "หมวด ๔", "ข้อ ๑๔", to_thai_digits(f"({chair.full_name})")):
        assert pdfcheck.normalise(part) in text, part
    _markers_match(content)


@pytest.mark.parametrize("role", list(SEES))
def test_bylaws_pdf_permission_matrix(client, tambon_committee, users, role):
    client.force_login(users[role])
    response = client.get(reverse("printing:pdf", args=["bylaws", tambon_committee.network_id]))
    assert response.status_code == SEES[role]


def test_bylaws_are_issued_numbered_in_the_year_and_frozen(client, tambon_committee, district_user):
    network = tambon_committee.network
    client.force_login(district_user)
    url = reverse("printing:issue", args=["bylaws", network.pk])
    response = client.post(url, CONFIRM, follow=True)
    assert IssuedDocument.objects.count() == 0
    assert "ยังไม่ได้บันทึกวันที่ประกาศระเบียบ" in response.content.decode()
    type(network).objects.filter(pk=network.pk).update(bylaws_announced_on=ORDER_DATE)
    # Bylaws carry no Garuda (a people's organisation's): no confirmation is asked.
    assert client.post(url).status_code == 302
    issued = IssuedDocument.objects.get(kind="bylaws")
    assert (issued.number, issued.year_be, issued.dated, issued.without_garuda) == (1, 2567, ORDER_DATE, False)
    assert client.get(reverse("printing:pdf", args=["bylaws", network.pk])).content == issued.file.read()


def test_print_documents_command_prints_every_order_of_a_district(tambon_committee, amphoe_committee, tmp_path):
    out = tmp_path / "orders.pdf"
    call_command("print_documents", "orders", str(out), district="5201", stdout=open(tmp_path / "log", "w"))
    document = pdfcheck.reader(out.read_bytes())
    text = pdfcheck.normalise("".join(p.extract_text() for p in document.pages))
    assert text.count(pdfcheck.normalise("คำสั่งอำเภอเมืองลำปาง")) == 2
    assert pdfcheck.normalise("ที่ ๑/๒๕๖๗") in text and pdfcheck.normalise("ที่ ๒/๒๕๖๗") in text
    # The amphoe's order comes first.
    assert text.index(pdfcheck.normalise("ที่ ๒/๒๕๖๗")) < text.index(pdfcheck.normalise("ที่ ๑/๒๕๖๗"))


def test_print_documents_command_prints_the_bylaws_of_a_province(tambon_committee, tmp_path):
    out = tmp_path / "bylaws.pdf"
    call_command("print_documents", "bylaws", str(out), province="52", stdout=open(tmp_path / "log", "w"))
    text = pdfcheck.normalise("".join(p.extract_text() for p in pdfcheck.reader(out.read_bytes()).pages))
    assert text.count(pdfcheck.normalise("ระเบียบเครือข่ายกลุ่มออมทรัพย์เพื่อการผลิตระดับ")) == 2


def test_an_issued_order_goes_into_the_batch_as_issued(tambon_committee, district_user, tmp_path):
    from printing import registry, services

    printable = registry.get("order")
    issued = services.document_issue(printable=printable, record=tambon_committee, actor=district_user,
                                     confirm_without_garuda=True)
    content = services.batch_bytes(printable, [tambon_committee])
    assert content == issued.file.read()


def test_network_page_prints_its_bylaws_and_a_province_network_prints_none(client, tambon_committee, district_user,
                                                                         province_user):
    network = tambon_committee.network
    client.force_login(district_user)
    page = client.get(reverse("networks:detail", args=[network.pk])).content.decode()
    assert reverse("printing:pdf", args=["bylaws", network.pk]) in page
    assert reverse("printing:batches") in page
    province_network = network_services.province_network_ensure(province=network.province, actor=province_user)
    client.force_login(province_user)
    page = client.get(reverse("networks:detail", args=[province_network.pk])).content.decode()
    assert 'id="documents"' not in page


def test_batch_list_queries_stay_fixed_with_many_jobs(client, tambon_committee, district_user,
                                                      django_assert_num_queries):
    from printing.models import PrintJob

    for _ in range(5):
        PrintJob.objects.create(kind="order", district=tambon_committee.network.district, requested_by=district_user)
    client.force_login(district_user)
    # session, user with office, the user's districts (with province) for the form, the
    # user's jobs (with their district and province)
    with django_assert_num_queries(4):
        response = client.get(reverse("printing:batches"))
    assert response.content.decode().count("ดูความคืบหน้า") == 5


def test_the_district_offices_garuda_heads_the_order(client, tambon_committee, district_user):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (80, 90), "black").save(buffer, "PNG")
    office = district_user.office
    office.garuda = SimpleUploadedFile("garuda.png", buffer.getvalue(), content_type="image/png")
    office.save()
    client.force_login(district_user)
    content = client.get(reverse("printing:pdf", args=["order", tambon_committee.pk])).content
    first = pdfcheck.reader(content).pages[0]
    drawn = []
    first.extract_text(visitor_operand_before=lambda op, args, cm, tm: drawn.append(op) if op == b"Do" else None)
    assert drawn == [b"Do"]
