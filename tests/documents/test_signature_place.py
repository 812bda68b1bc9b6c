"""The visible signature sits in the signer's place: above the name in parentheses, clear of every
glyph of its page, inside the margins; the signed PDF validates (printing/signature_place.py)."""

import io

import pytest
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader

from printing import pdf, samples, signing
from printing.contexts import TAMBON
from printing.models import SigningCertificate
from printing.pdfglyphs import CM, glyph_runs, reader
from printing.signature_place import ASCENT, DESCENT, signature_place
from tests.documents.test_signing import PASSPHRASE, _certificate, _validate

DOCUMENTS = {
    "order": lambda: samples.sample_order(TAMBON),
    "report_letter": lambda: samples.sample_letter(),  # the letter, then its annex
}


@pytest.fixture(scope="module")
def certificate():
    return _certificate()


def _glyphs(page):
    """Every glyph run's extent in PDF points from the bottom: x0, y0, x1, y1."""
    height = float(page.mediabox.height)
    return [(run.x0, height - run.top - DESCENT * run.size, run.x1, height - run.top + ASCENT * run.size)
            for run in glyph_runs(page) if run.x1 > run.x0]


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_signature_goes_above_the_signers_name_clear_of_every_glyph(name, certificate):
    cert, content = certificate
    doc = DOCUMENTS[name]()
    issued = pdf.render_document(doc)
    stored = SigningCertificate(pkcs12_encrypted=signing.encrypt(content),
                                passphrase_encrypted=signing.encrypt(PASSPHRASE.encode()))
    signed = signing.sign_pdf(issued, stored, signer_name=doc.signer.name, now=timezone.now())
    status = _validate(signed, cert)
    assert status.intact and status.valid and status.trusted

    signed_reader = PdfFileReader(io.BytesIO(signed))
    field_ref = signed_reader.root["/AcroForm"]["/Fields"].raw_get(0)
    box = [float(v) for v in field_ref.get_object()["/Rect"]]
    pages = [i for i in range(len(signed_reader.root["/Pages"]["/Kids"]))
             if field_ref.idnum in [a.idnum for a in signed_reader.find_page_for_modification(i)[0].get_object()
                                    .get("/Annots", [])]]
    original = reader(issued)
    place = signature_place(issued, doc.signer.name)
    assert place.found and pages == [place.page]
    page = original.pages[place.page]
    if name == "report_letter":
        assert place.page < len(original.pages) - 1  # the letter's last page, not the annex's
    glyphs = _glyphs(page)
    assert len(glyphs) > 10
    assert [g for g in glyphs if _overlaps(box, g)] == []
    width = float(page.mediabox.width)
    assert 3 * CM <= box[0] < box[2] <= width - 2 * CM
    assert box[3] - box[1] >= 1.1 * CM and box[2] - box[0] >= 6 * CM
    # Just above the name in parentheses: its line is the nearest text below the box, and the
    # box spans the name's width.
    height = float(page.mediabox.height)
    below = [run for run in glyph_runs(page) if height - run.top < box[1] and run.x0 < box[2] and run.x1 > box[0]]
    nearest = max(height - run.top for run in below)
    name_runs = [run for run in below if abs(height - run.top - nearest) < 1]
    assert min(r.x0 for r in name_runs) >= box[0] - 1 and max(r.x1 for r in name_runs) <= box[2] + 1
    name_text = "".join(line for line in page.extract_text().splitlines() if line.strip().startswith("("))
    assert doc.signer.name.split()[-1] in name_text
    assert box[1] - (nearest + ASCENT * 16) < 6  # no more than a few points above the name


def test_a_document_is_signed_where_an_event_loop_runs(certificate):
    """pyHanko signs through asyncio.run(): under an ASGI server or beside a browser test's driver
    the thread already runs a loop, and signing must still work there."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    cert, content = certificate
    doc = DOCUMENTS["order"]()
    stored = SigningCertificate(pkcs12_encrypted=signing.encrypt(content),
                                passphrase_encrypted=signing.encrypt(PASSPHRASE.encode()))

    async def sign_inside_a_loop():
        return signing.sign_pdf(pdf.render_document(doc), stored, signer_name=doc.signer.name, now=timezone.now())

    # A thread of its own for the loop: the test's own thread may already run one (Playwright's).
    with ThreadPoolExecutor(max_workers=1) as pool:
        signed = pool.submit(asyncio.run, sign_inside_a_loop()).result()
    status = _validate(signed, cert)
    assert status.intact and status.valid and status.trusted
