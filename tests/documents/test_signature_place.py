"""The visible signature sits in the signer's place: above the name in parentheses, clear of every
glyph of its page, inside the margins; the signed PDF validates (printing/signature_place.py).
A "(…)" that a table in the annex leaves alone on a line is not the signer's place, whatever name
is passed; without room above the name the fallback box is on the name's page; a PDF the glyph
reader cannot read (no fonts, a simple font) is signed in the fallback place, not refused."""

import dataclasses
import io
import re

import pytest
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

from printing import pdf, samples, signing
from printing.contexts import TAMBON
from printing.models import SigningCertificate
from printing.pdfglyphs import CM, glyph_runs, lines, reader
from printing.signature_place import ASCENT, DESCENT, FALLBACK, Place, signature_place
from tests.documents.signing_helpers import PASSPHRASE, _certificate, _validate

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


# In the annex's first table the name column wraps this name so that "(บ้านใหม่)" is alone on
# its line, as a group's other name in parentheses would be.
LONE_PARENTHESIS = "(บ้านใหม่)"
DOTTED = "(" + "." * 51 + ")"  # templates/pdf/_signer.html without a signer


def _letter_with_a_lone_parenthesis_in_its_annex(signer_name: str):
    doc = samples.sample_letter()
    doc = dataclasses.replace(doc, signer=dataclasses.replace(doc.signer, name=signer_name))
    first = doc.categories[0].groups[0]
    doc.categories[0].groups[0] = dataclasses.replace(
        first, name=f"กลุ่มออมทรัพย์เพื่อการผลิตบ้านแก้วประเสริฐ {LONE_PARENTHESIS}")
    content = pdf.render_document(doc)
    pages = reader(content).pages
    annex_lines = [_plain(line.text) for page in pages[2:] for line in lines(page)]
    assert LONE_PARENTHESIS in annex_lines  # the premise: the annex has a line that is only "(…)"
    return content


def _plain(text: str) -> str:
    return re.sub(r"\s", "", text)


def _page_with(content: bytes, printed: str) -> int:
    (index,) = [i for i, page in enumerate(reader(content).pages)
                if printed in [_plain(line.text) for line in lines(page)]]
    return index


def _line_under(page, box):
    """The text of the nearest line below the box, and the white between its tallest mark and the box."""
    height = float(page.mediabox.height)
    below = [run for run in glyph_runs(page) if height - run.top < box[1] and run.x0 < box[2] and run.x1 > box[0]]
    top = min(run.top for run in below)
    text = "".join(line.text for line in lines(page) if abs(line.top - top) < 1.5)
    return _plain(text), box[1] - (height - top + ASCENT * 16)


@pytest.fixture(scope="module")
def letter():
    return _letter_with_a_lone_parenthesis_in_its_annex("นายอนุชา พรหมวงศ์")


def test_a_lone_parenthesis_in_the_annex_is_not_the_signers_place(letter):
    place = signature_place(letter, "นายอนุชา พรหมวงศ์")
    signer_page = _page_with(letter, "(นายอนุชาพรหมวงศ์)")
    assert signer_page == 1  # the letter's second page; pages 2 and on are the annex
    assert place.found and place.page == signer_page
    page = reader(letter).pages[signer_page]
    assert [g for g in _glyphs(page) if _overlaps(place.box, g)] == []
    under, gap = _line_under(page, place.box)
    assert under == "(นายอนุชาพรหมวงศ์)" and 0 < gap < 6


@pytest.mark.parametrize("printed", ["นายอนุชา พรหมวงศ์", ""])
def test_a_name_that_matches_nothing_still_finds_the_signers_block_not_a_table_line(printed, certificate):
    """A name other than the printed one, or the certificate's subject signing a document printed
    without a signer (printing/signing.py passes `certificate.subject` then)."""
    cert, _content = certificate
    letter = _letter_with_a_lone_parenthesis_in_its_annex(printed)
    in_parentheses = f"({_plain(printed)})" if printed else DOTTED
    for passed in ("นายสมมติ ไม่ตรงกัน", cert.subject.rfc4514_string(), ""):
        place = signature_place(letter, passed)
        assert place.found and place.page == _page_with(letter, in_parentheses) == 1, passed
        page = reader(letter).pages[place.page]
        under, gap = _line_under(page, place.box)
        assert under == in_parentheses and 0 < gap < 6, passed


def test_without_room_above_the_name_the_fallback_is_on_the_names_page():
    crowded = ("<html><body><p>" + "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป " * 12 + "</p>"
               '<p class="center">(นายวีระ ศรีสุข)</p></body></html>')
    annex = "<html><body><p>สิ่งที่ส่งมาด้วย</p></body></html>"
    content = pdf.merge_pdfs([pdf.render_pdf(crowded), pdf.render_pdf(annex)])
    assert len(reader(content).pages) == 2 and _page_with(content, "(นายวีระศรีสุข)") == 0
    assert signature_place(content, "นายวีระ ศรีสุข") == Place(page=0, box=FALLBACK, found=False)


def _hand_drawn_pdf(content: bytes, font: str | None) -> bytes:
    """A one-page PDF drawn by hand: with no /Resources at all, or with one font /F1 (a simple
    Type1 one, or a Type0 one without widths)."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595.28, height=841.89)
    if font:
        entries = {"/Type": "/Font", "/Subtype": font, "/BaseFont": "/Helvetica"}
        resource = DictionaryObject({NameObject(k): NameObject(v) for k, v in entries.items()})
        if font == "/Type0":
            resource[NameObject("/DescendantFonts")] = ArrayObject([DictionaryObject()])
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(resource)})})
    stream = DecodedStreamObject()
    stream.set_data(content)
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


UNREADABLE = {
    "no fonts": (b"", None, None),
    "a Type1 font": (b"BT /F1 16 Tf 300 200 Td ((Somchai Jaidee)) Tj ET", "/Type1", "is not Type0"),
    "text before any font": (b"BT 300 200 Td ((Somchai Jaidee)) Tj ET", "/Type0",
                             "text without a font of the page (None)"),
}


@pytest.mark.parametrize("kind", UNREADABLE)
def test_a_page_the_glyph_reader_cannot_read_is_signed_in_the_fallback_place(kind, certificate, caplog):
    stream, font, warning = UNREADABLE[kind]
    content = _hand_drawn_pdf(stream, font)
    assert glyph_runs(reader(content).pages[0]) == []
    assert (warning in caplog.text) if warning else ("glyph runs" not in caplog.text)
    assert signature_place(content, "Somchai Jaidee") == Place(page=0, box=FALLBACK, found=False)
    cert, pkcs12 = certificate
    stored = SigningCertificate(pkcs12_encrypted=signing.encrypt(pkcs12),
                                passphrase_encrypted=signing.encrypt(PASSPHRASE.encode()))
    signed = signing.sign_pdf(content, stored, signer_name="Somchai Jaidee", now=timezone.now())
    status = _validate(signed, cert)
    assert status.intact and status.valid and status.trusted
