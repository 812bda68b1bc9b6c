"""Electronic signing (the 2564 amendment of the regulation on official documents): an office keeps
a PKCS#12 signing certificate, encrypted with SIGNING_KEY; an issued document is signed as PAdES
(pyHanko) with a visible block in the signer's place, as a new file beside the issued one."""

import asyncio
import base64
import hashlib
import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.stamp import TextStampStyle

from accounts.models import Office
from core.thai import format_date, to_thai_digits
from core.uploads import random_name
from printing import registry
from printing.models import DocumentEvent, IssuedDocument, SigningCertificate
from printing.signature_place import signature_place

FONT = Path(settings.BASE_DIR) / "static" / "fonts" / "THSarabunNew" / "THSarabunNew-Regular.ttf"
FIELD_NAME = "ลายมือชื่ออิเล็กทรอนิกส์"


def _fernet() -> Fernet:
    key = settings.SIGNING_KEY
    if not key:
        digest = hashlib.sha256(f"printing.signing:{settings.SECRET_KEY}".encode()).digest()
        key = base64.urlsafe_b64encode(digest)
    return Fernet(key)


def encrypt(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def decrypt(data: bytes) -> bytes:
    return _fernet().decrypt(bytes(data))


def read_pkcs12(content: bytes, passphrase: str):
    """The certificate of a PKCS#12 that opens with the passphrase and holds a key, or a Thai error."""
    try:
        key, certificate, _others = pkcs12.load_key_and_certificates(content, passphrase.encode() or None)
    except ValueError as error:
        raise ValidationError("เปิดไฟล์ใบรับรองไม่ได้ ไฟล์ไม่ใช่ PKCS#12 (.p12/.pfx) หรือรหัสผ่านไม่ถูกต้อง") from error
    if key is None or certificate is None:
        raise ValidationError("ไฟล์ใบรับรองต้องมีทั้งใบรับรองและกุญแจส่วนตัว")
    return certificate


def certificate_store(*, office: Office, content: bytes, passphrase: str, actor) -> SigningCertificate:
    """Keeps (or replaces) an office's certificate, encrypted; a national administrator's work."""
    if not (actor.is_superuser or actor.is_national_staff):
        raise PermissionDenied
    certificate = read_pkcs12(content, passphrase)
    stored, _created = SigningCertificate.objects.update_or_create(office=office, defaults={
        "pkcs12_encrypted": encrypt(content), "passphrase_encrypted": encrypt(passphrase.encode()),
        "subject": certificate.subject.rfc4514_string(), "valid_from": certificate.not_valid_before_utc,
        "valid_until": certificate.not_valid_after_utc, "uploaded_by": actor,
    })
    return stored


def certificate_for(document: IssuedDocument) -> SigningCertificate | None:
    """The certificate of the district office that issues the document, if it keeps one."""
    return (SigningCertificate.objects
            .filter(office__level=Office.Level.DISTRICT, office__district_id=document.district_id).first())


def _signer(certificate: SigningCertificate) -> signers.SimpleSigner:
    signer = signers.SimpleSigner.load_pkcs12_data(decrypt(certificate.pkcs12_encrypted), other_certs=[],
                                                   passphrase=decrypt(certificate.passphrase_encrypted) or None)
    if signer is None:
        raise ValidationError("เปิดใบรับรองของสำนักงานไม่ได้ กรุณาให้ผู้ดูแลระบบอัปโหลดใบรับรองใหม่")
    return signer


def _when(now) -> str:
    local = timezone.localtime(now)
    return to_thai_digits(f"เมื่อ {format_date(local, 'long')} เวลา {local:%H.%M} น.")


def sign_pdf(content: bytes, certificate: SigningCertificate, *, signer_name: str, now) -> bytes:
    """The PDF signed as PAdES (an incremental update: the original bytes stay as they were)."""
    style = TextStampStyle(
        stamp_text="ลงลายมือชื่ออิเล็กทรอนิกส์โดย\n%(signer)s\n%(when)s",
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(FONT)), font_size=14),
        border_width=1,
    )
    place = signature_place(content, signer_name)
    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    pdf_signer = signers.PdfSigner(
        signers.PdfSignatureMetadata(field_name=FIELD_NAME, subfilter=SigSeedSubFilter.PADES,
                                     name=signer_name, location=""),
        signer=_signer(certificate), stamp_style=style,
        new_field_spec=fields.SigFieldSpec(sig_field_name=FIELD_NAME, on_page=place.page, box=place.box),
    )
    params = {"signer": signer_name, "when": _when(now)}
    return outside_event_loop(lambda: pdf_signer.sign_pdf(writer, appearance_text_params=params)).getvalue()


def outside_event_loop(work):
    """pyHanko signs through `asyncio.run()`, which a thread already running an event loop may
    not call (a browser test's thread, where Playwright's sync API runs one; the project's server
    is WSGI and has none): there the work goes to a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


@transaction.atomic
def issued_document_sign(*, document: IssuedDocument, actor, now=None) -> IssuedDocument:
    """Signs an issued document with its office's certificate; who may issue it may sign it. The
    issued PDF is never altered: the signed one is a new file beside it."""
    now = now or timezone.now()
    document = IssuedDocument.objects.select_for_update(of=("self",), no_key=True).get(pk=document.pk)
    printable = registry.get(document.kind)
    record = printable.records(actor).filter(pk=document.record_id).first() if printable else None
    if record is None or not printable.may_issue(actor, record):
        raise PermissionDenied
    if not document.is_current:
        raise ValidationError("เอกสารที่ยกเลิกหรือถูกแทนที่แล้วลงลายมือชื่ออิเล็กทรอนิกส์ไม่ได้")
    if document.signed_file:
        raise ValidationError("เอกสารนี้ลงลายมือชื่ออิเล็กทรอนิกส์ไปแล้ว")
    certificate = certificate_for(document)
    if certificate is None:
        raise ValidationError("สำนักงานยังไม่มีใบรับรองสำหรับลงลายมือชื่ออิเล็กทรอนิกส์")
    if not certificate.valid_from <= now <= certificate.valid_until:
        raise ValidationError("ใบรับรองของสำนักงานหมดอายุหรือยังไม่ถึงวันที่ใช้ได้")
    with document.file.open("rb") as handle:
        content = handle.read()
    signed = sign_pdf(content, certificate, signer_name=document.signer or certificate.subject, now=now)
    document.signed_file.save(random_name("pdf"), ContentFile(signed), save=False)
    document.signed_by, document.signed_at = actor, now
    document.save(update_fields=["signed_file", "signed_by", "signed_at"])
    DocumentEvent.objects.create(document=document, actor=actor, kind=DocumentEvent.Kind.SIGNED, at=now,
                                 note=f"{certificate.subject} (SHA-256 {hashlib.sha256(signed).hexdigest()[:12]}…)")
    return document
