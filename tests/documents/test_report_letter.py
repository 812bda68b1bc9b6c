"""The district's report letter, printed from a real submission, issued and scanned; every view
through Submission.visible_to."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from printing import pdf, samples
from printing.models import DocumentEvent, IssuedDocument
from reviews.documents import build_letter
from tests.documents import pdfcheck

ROLES = ["district", "other_district", "province", "other_province", "national"]
SEES = {"district": 200, "other_district": 404, "province": 200, "other_province": 404, "national": 200}

# The test offices have no Garuda image: issuing asks, and these say yes.
CONFIRM = {"confirm_without_garuda": "1"}


def _text(content):
    return pdfcheck.normalise("".join(p.extract_text() for p in pdfcheck.reader(content).pages))


def test_letter_context_counts_each_category_and_names_the_signer(submitted):
    doc = build_letter(submitted)
    assert [len(c.groups) for c in doc.categories] == [1, 1, 1]
    assert doc.reference == "ลป ๐๐๑๙.๑/๓๐๑๒"
    assert doc.signer.name == "นายวีระ ศรีสุข"
    assert doc.signer.title_lines == ("ปลัดอำเภอ ปฏิบัติราชการแทน", "นายอำเภอเมืองลำปาง")
    assert doc.categories[1].groups[0].code == "B1"
    assert "ปรับปรุงแก้ไขให้เป็นไปตามระเบียบฯ" in doc.categories[1].groups[0].note
    assert doc.categories[2].groups[0].note == "ไม่มีการดำเนินงานแล้ว"


def test_letter_pdf_has_the_district_the_counts_and_the_annex(client, submitted, district_user):
    client.force_login(district_user)
    response = client.get(reverse("printing:pdf", args=["report", submitted.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    for part in ("ที่ ลป ๐๐๑๙.๑/๓๐๑๒", "ที่ว่าการอำเภอเมืองลำปาง", "เรียน ผู้ว่าราชการจังหวัดลำปาง",
                 "จำนวนทั้งสิ้น ๓ กลุ่ม", "ประเภทที่ ๒ จำนวน ๑ กลุ่ม", "(นายวีระ ศรีสุข)",
                 "A๑", "B๑", "C๑"):  # the group codes, with Thai digits like every number
        assert pdfcheck.normalise(part) in text, part


@pytest.mark.parametrize("role", ROLES)
def test_letter_pdf_permission_matrix(client, submitted, users, role):
    client.force_login(users[role])
    response = client.get(reverse("printing:pdf", args=["report", submitted.pk]))
    assert response.status_code == SEES[role]


def test_anonymous_is_sent_to_log_in(client, submitted):
    response = client.get(reverse("printing:pdf", args=["report", submitted.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_unknown_kind_is_404(client, submitted, district_user):
    client.force_login(district_user)
    assert client.get(reverse("printing:pdf", args=["receipt", submitted.pk])).status_code == 404


def test_issuing_stores_the_pdf_and_reprints_are_byte_identical_after_changes(client, submitted, district_user):
    client.force_login(district_user)
    response = client.post(reverse("printing:issue", args=["report", submitted.pk]), CONFIRM)
    assert response.status_code == 302
    document = IssuedDocument.objects.get()
    assert (document.kind, document.record_id, document.district_id, document.issued_by) == (
        "report", submitted.pk, "5201", district_user)
    stored = document.file.read()
    assert hashlib.sha256(stored).hexdigest() == document.sha256 and document.size == len(stored)
    assert DocumentEvent.objects.get(document=document).kind == "issued"
    # The record changes afterwards; every reprint is still the issued file.
    type(submitted).objects.filter(pk=submitted.pk).update(signer_name="นายคนอื่น ไม่ใช่")
    again = client.get(reverse("printing:pdf", args=["report", submitted.pk]))
    assert again.content == stored
    assert client.get(reverse("printing:issued_file", args=[document.pk])).content == stored
    # While a fresh render shows the change.
    submitted.refresh_from_db()
    assert pdfcheck.normalise("นายคนอื่น") in _text(pdf.render_document(build_letter(submitted)))


def test_issuing_twice_keeps_the_first(client, submitted, district_user):
    client.force_login(district_user)
    client.post(reverse("printing:issue", args=["report", submitted.pk]), CONFIRM)
    response = client.post(reverse("printing:issue", args=["report", submitted.pk]), CONFIRM, follow=True)
    assert IssuedDocument.objects.count() == 1
    assert "เอกสารนี้ออกไปแล้ว" in response.content.decode()


def test_a_letter_without_number_cannot_be_issued(client, submission, district_user):
    client.force_login(district_user)
    response = client.post(reverse("printing:issue", args=["report", submission.pk]), CONFIRM, follow=True)
    assert IssuedDocument.objects.count() == 0
    assert "ยังไม่ได้บันทึกเลขที่หนังสืออำเภอ ลงวันที่ ผู้ลงนาม (บันทึกเมื่อส่งผลการทบทวนให้จังหวัด)" in response.content.decode()


@pytest.mark.parametrize(("role", "status"), [
    ("other_district", 404), ("other_province", 404), ("national", 403), ("province", 403), ("district", 302),
])
def test_issue_permission_matrix_writes_nothing_on_denial(client, submitted, users, role, status):
    client.force_login(users[role])
    response = client.post(reverse("printing:issue", args=["report", submitted.pk]), CONFIRM)
    assert response.status_code == status
    assert IssuedDocument.objects.count() == (1 if status == 302 else 0)


def test_issue_needs_post(client, submitted, district_user):
    client.force_login(district_user)
    assert client.get(reverse("printing:issue", args=["report", submitted.pk])).status_code == 405


@pytest.fixture
def issued(client, submitted, district_user):
    client.force_login(district_user)
    client.post(reverse("printing:issue", args=["report", submitted.pk]), CONFIRM)
    client.logout()
    return IssuedDocument.objects.get()


def _png(size=(40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return SimpleUploadedFile("signed.png", buffer.getvalue(), content_type="image/png")


def test_signed_scan_is_attached_and_shown(client, issued, district_user):
    client.force_login(district_user)
    url = reverse("printing:issued", args=[issued.pk])
    response = client.post(url, {"scan": _png()})
    assert response.status_code == 302
    issued.refresh_from_db()
    assert issued.scan_content_type == "image/png" and issued.scan_uploaded_by == district_user
    page = client.get(url).content.decode()
    assert reverse("printing:issued_scan", args=[issued.pk]) in page
    scan = client.get(reverse("printing:issued_scan", args=[issued.pk]))
    assert scan.status_code == 200 and scan["Content-Type"] == "image/png"


def test_a_pdf_scan_is_accepted(client, issued, district_user):
    client.force_login(district_user)
    content = pdf.render_document(samples.sample_order())
    client.post(reverse("printing:issued", args=[issued.pk]),
                {"scan": SimpleUploadedFile("signed.pdf", content, content_type="application/pdf")})
    issued.refresh_from_db()
    assert issued.scan_content_type == "application/pdf"


def test_scan_that_is_not_a_pdf_or_image_is_refused_in_thai(client, issued, district_user):
    client.force_login(district_user)
    fake = SimpleUploadedFile("signed.pdf", b"hello, this is not a PDF", content_type="application/pdf")
    response = client.post(reverse("printing:issued", args=[issued.pk]), {"scan": fake})
    assert response.status_code == 200
    assert "ไฟล์ต้องเป็น PDF หรือภาพ (JPEG, PNG) ของเอกสารที่ลงนามแล้ว" in response.content.decode()
    issued.refresh_from_db()
    assert not issued.scan


def test_oversize_scan_is_refused_in_thai(client, issued, district_user, settings):
    settings.UPLOAD_LIMIT_MB = 1
    client.force_login(district_user)
    big = SimpleUploadedFile("signed.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10), content_type="application/pdf")
    response = client.post(reverse("printing:issued", args=[issued.pk]), {"scan": big})
    assert "ไฟล์มีขนาด 1.0 MB เกินขนาดที่รับได้ 1 MB" in response.content.decode()
    issued.refresh_from_db()
    assert not issued.scan


@pytest.mark.parametrize(("role", "status"), [
    ("other_district", 404), ("other_province", 404), ("national", 403), ("province", 403), ("district", 302),
])
def test_scan_upload_permission_matrix(client, issued, users, role, status):
    client.force_login(users[role])
    response = client.post(reverse("printing:issued", args=[issued.pk]), {"scan": _png()})
    assert response.status_code == status
    issued.refresh_from_db()
    assert bool(issued.scan) == (status == 302)


@pytest.mark.parametrize("role", ROLES)
def test_issued_document_pages_permission_matrix(client, issued, users, role):
    client.force_login(users[role])
    for name in ("printing:issued", "printing:issued_file"):
        assert client.get(reverse(name, args=[issued.pk])).status_code == SEES[role], name


def test_scan_of_a_document_without_one_is_404(client, issued, district_user):
    client.force_login(district_user)
    assert client.get(reverse("printing:issued_scan", args=[issued.pk])).status_code == 404


def test_submission_page_shows_print_and_issue(client, submitted, district_user):
    client.force_login(district_user)
    page = client.get(reverse("reviews:submission", args=[submitted.pk])).content.decode()
    assert reverse("printing:pdf", args=["report", submitted.pk]) in page
    assert reverse("printing:issue", args=["report", submitted.pk]) in page
