"""A made-up office certificate (PKCS#12, self-signed: its own trust root) and pyHanko's
validator, for the signing tests (test_signing, test_signature_place, the browser test)."""

import datetime as dt
import io

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, Encoding, pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from printing import signing

PASSPHRASE = "รหัสลับ-2567"


def _certificate():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "นายวีระ ศรีสุข"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ที่ว่าการอำเภอเมืองลำปาง")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .sign(key, hashes.SHA256())
    )
    content = pkcs12.serialize_key_and_certificates(b"office", key, certificate, None,
                                                    BestAvailableEncryption(PASSPHRASE.encode()))
    return certificate, content


def _validate(content, certificate):
    """pyHanko's validator on the PDF, outside any event loop (a browser test's driver runs one)."""
    trusted = asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))
    reader = PdfFileReader(io.BytesIO(content))
    (embedded,) = reader.embedded_signatures
    return signing.outside_event_loop(lambda: validate_pdf_signature(
        embedded, ValidationContext(trust_roots=[trusted], allow_fetching=False)))
