# ruff: noqa: F811  (the order fixtures are imported from test_orders and used as arguments)
"""Electronic signing: a national administrator stores an office's PKCS#12 (encrypted, checked
against its passphrase); an issued order is signed as PAdES with a visible block, validated by
pyHanko with the certificate as trust root; one changed byte fails validation; the issued PDF is
kept as it was; another district gets a 404 and nothing is written."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader

from accounts.models import Office
from printing import registry, services, signing
from printing.forms import SigningCertificateForm
from printing.models import DocumentEvent, IssuedDocument, SigningCertificate
from printing.signature_place import signature_place
from tests.documents.signing_helpers import PASSPHRASE, _certificate, _validate
from tests.documents.test_orders import networks, tambon_committee  # noqa: F401


@pytest.fixture
def certificate():
    return _certificate()


@pytest.fixture
def office_certificate(certificate, district_user, national_user):
    """เมืองลำปาง's office certificate, stored through the admin's form."""
    _cert, content = certificate
    form = SigningCertificateForm(data={"office": district_user.office_id, "passphrase": PASSPHRASE},
                                  files={"certificate": SimpleUploadedFile("office.p12", content)})
    assert form.is_valid(), form.errors
    return signing.certificate_store(office=form.cleaned_data["office"], content=form.content,
                                     passphrase=PASSPHRASE, actor=national_user)


@pytest.fixture
def issued(tambon_committee, district_user):
    return services.document_issue(printable=registry.get("order"), record=tambon_committee, actor=district_user,
                                   confirm_without_garuda=True)


def test_the_form_refuses_a_wrong_passphrase_and_a_file_that_is_not_pkcs12(certificate, district_user):
    _cert, content = certificate
    for upload, passphrase in ((content, "ผิด"), (b"not a certificate", PASSPHRASE)):
        form = SigningCertificateForm(data={"office": district_user.office_id, "passphrase": passphrase},
                                      files={"certificate": SimpleUploadedFile("office.p12", upload)})
        assert not form.is_valid()
        assert "รหัสผ่านไม่ถูกต้อง" in str(form.errors)
    assert not SigningCertificate.objects.exists()


def test_the_certificate_is_stored_encrypted_with_its_subject_and_dates(office_certificate, certificate):
    cert, content = certificate
    stored = SigningCertificate.objects.get()
    assert bytes(stored.pkcs12_encrypted) != content and content not in bytes(stored.pkcs12_encrypted)
    assert PASSPHRASE.encode() not in bytes(stored.passphrase_encrypted)
    assert signing.decrypt(stored.pkcs12_encrypted) == content
    assert "นายวีระ ศรีสุข" in stored.subject
    assert stored.valid_until == cert.not_valid_after_utc


def test_only_a_national_administrator_sees_the_admin_page(client, district_user, national_user):
    url = reverse("admin:printing_signingcertificate_add")
    for user, status in ((district_user, 403), (national_user, 200)):
        user.is_staff = True
        user.save()
        client.force_login(user)
        assert client.get(url).status_code == status


def test_a_signed_order_validates_and_the_issued_file_is_kept(client, issued, office_certificate, certificate,
                                                              district_user):
    cert, _content = certificate
    with issued.file.open("rb") as handle:
        original = handle.read()
    client.force_login(district_user)
    page = client.get(reverse("printing:issued", args=[issued.pk])).content.decode()
    assert "ลงลายมือชื่ออิเล็กทรอนิกส์</button>" in page
    response = client.post(reverse("printing:issued_sign", args=[issued.pk]))
    assert response.status_code == 302
    issued.refresh_from_db()
    assert issued.signed_file and issued.signed_file.name != issued.file.name
    with issued.file.open("rb") as handle:
        assert handle.read() == original
    response = client.get(reverse("printing:issued_signed_file", args=[issued.pk]))
    assert response.status_code == 200
    signed = response.content
    assert signed.startswith(original)  # an incremental update: the issued bytes, then the signature
    status = _validate(signed, cert)
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.subject.native["common_name"] == "นายวีระ ศรีสุข"
    # The visible block sits on the last page, in the signer's place (tests/documents/
    # test_signature_place.py checks it is clear of every glyph).
    reader = PdfFileReader(io.BytesIO(signed))
    field = reader.root["/AcroForm"]["/Fields"][0].get_object()
    box = [float(v) for v in field["/Rect"]]
    place = signature_place(original, issued.signer)
    assert place.found and box == pytest.approx(list(place.box))
    last_page, _ = reader.find_page_for_modification(-1)
    field_ref = reader.root["/AcroForm"]["/Fields"].raw_get(0)
    assert field_ref.idnum in [a.idnum for a in last_page.get_object().raw_get("/Annots")]
    assert "/N" in field["/AP"]  # the drawn block (its look is checked by eye: pdftoppm)
    assert DocumentEvent.objects.filter(document=issued, kind="signed").exists()
    # Signed once: the button is gone, the download is there.
    page = client.get(reverse("printing:issued", args=[issued.pk])).content.decode()
    assert "ลงลายมือชื่ออิเล็กทรอนิกส์</button>" not in page and "เปิด PDF ที่ลงลายมือชื่อแล้ว" in page


def test_a_changed_byte_fails_validation(issued, office_certificate, certificate, district_user):
    cert, _content = certificate
    document = signing.issued_document_sign(document=issued, actor=district_user)
    with document.signed_file.open("rb") as handle:
        signed = bytearray(handle.read())
    position = signed.index(b"/Type /Page") + 1  # inside the signed range (the original document)
    signed[position] ^= 0x01
    try:
        status = _validate(bytes(signed), cert)
    except Exception:  # noqa: BLE001  (an unreadable file is a failed validation too)
        return
    assert not (status.intact and status.valid)


def test_another_district_gets_404_and_nothing_is_written(client, issued, office_certificate, other_district_user):
    client.force_login(other_district_user)
    assert client.post(reverse("printing:issued_sign", args=[issued.pk])).status_code == 404
    assert client.get(reverse("printing:issued_signed_file", args=[issued.pk])).status_code == 404
    with pytest.raises(Exception):  # noqa: B017  (PermissionDenied)
        signing.issued_document_sign(document=issued, actor=other_district_user)
    issued.refresh_from_db()
    assert not issued.signed_file
    assert not DocumentEvent.objects.filter(kind="signed").exists()


def test_without_a_certificate_there_is_no_button_and_signing_says_why(client, issued, district_user):
    client.force_login(district_user)
    page = client.get(reverse("printing:issued", args=[issued.pk])).content.decode()
    assert "ลงลายมือชื่ออิเล็กทรอนิกส์</button>" not in page
    response = client.post(reverse("printing:issued_sign", args=[issued.pk]), follow=True)
    assert "ยังไม่มีใบรับรอง" in response.content.decode()
    assert not IssuedDocument.objects.get(pk=issued.pk).signed_file
    assert Office.objects.filter(pk=district_user.office_id).exists()


def test_the_stamp_says_when_in_thai_digits_and_bangkok_time_with_a_full_stop():
    """The visible block's time is written as Thai official letters write it: "๒๐.๔๘ น."."""
    import datetime as dt

    moment = dt.datetime(2024, 12, 9, 13, 48, tzinfo=dt.UTC)  # 20:48 in Bangkok
    assert signing._when(moment) == "เมื่อ ๙ ธันวาคม ๒๕๖๗ เวลา ๒๐.๔๘ น."
