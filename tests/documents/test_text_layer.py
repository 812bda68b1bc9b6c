"""The text inside every printed PDF is the text that was typed: pdftotext and pypdf read back,
after NFC, exactly the characters and words the template rendered, in regular and bold type,
with ำ first and later in the file, and Thai digits (printing/textlayer.py)."""

import shutil

import pytest
from weasyprint import HTML

from printing import pdf, samples
from printing.contexts import AMPHOE, TAMBON
from tests.documents import textcheck

DOCUMENTS = {
    "order_amphoe": lambda: samples.sample_order(AMPHOE),
    "order_tambon": lambda: samples.sample_order(TAMBON, offset=3),
    "draft_order": lambda: samples.sample_order(TAMBON, number=None),
    "bylaws_amphoe": lambda: samples.sample_bylaws(AMPHOE),
    "bylaws_tambon": lambda: samples.sample_bylaws(TAMBON),
    "report_letter": lambda: samples.sample_letter(),
}
EXTRACTORS = {"pypdf": textcheck.pypdf_text, "pdftotext": textcheck.pdftotext_text}

# ำ first in regular and in bold, then า, then ำ again; tone marks between the two glyphs of ำ
# (น้ำ), a shifted tone mark (ป่า), ญ and ฐ without their lower part, ฤๅ (a ligature).
SAMPLE = ("<html><body><p>น้ำฝน ลำปาง นา ป่า ทำ <b>ลำปาง นา น้ำ ค่ำ</b> นางสาวน้ำฝน ปล้ำ กำปั่น "
          "ญาติ ฐานะ กฎุมพี ฤๅษี ๑๒๓</p><p><b>นาย อำเภอ</b> อำเภอเมืองลำปาง</p></body></html>")
SAMPLE_TEXT = ("น้ำฝน ลำปาง นา ป่า ทำ ลำปาง นา น้ำ ค่ำ นางสาวน้ำฝน ปล้ำ กำปั่น ญาติ ฐานะ กฎุมพี ฤๅษี ๑๒๓ "
               "นาย อำเภอ อำเภอเมืองลำปาง")


@pytest.fixture(scope="module")
def rendered():
    return {name: (make(), pdf.render_document(make())) for name, make in DOCUMENTS.items()}


def test_pdftotext_is_installed():
    assert shutil.which("pdftotext"), "poppler-utils is installed by `make test` (the Makefile's poppler target)"


@pytest.mark.parametrize("extractor", EXTRACTORS)
@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_text_layer_is_the_typed_text(rendered, name, extractor):
    doc, content = rendered[name]
    expected = textcheck.template_text(doc)
    assert "ำ" in expected
    assert textcheck.differences(expected, EXTRACTORS[extractor](content)) == []


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_a_batch_of_orders_reads_back_every_holder(extractor):
    docs = [samples.sample_order(TAMBON, number=n, offset=n) for n in range(1, 4)]
    content = pdf.merge_pdfs([pdf.render_document(doc) for doc in docs])
    expected = " ".join(textcheck.template_text(doc) for doc in docs)
    assert textcheck.differences(expected, EXTRACTORS[extractor](content)) == []


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_sara_am_regular_and_bold_first_and_later(extractor):
    content = pdf.render_pdf(SAMPLE)
    assert textcheck.differences(SAMPLE_TEXT, EXTRACTORS[extractor](content)) == []
    assert "ลำปาง" in EXTRACTORS[extractor](content) and "นางสาวน้ำฝน" in EXTRACTORS[extractor](content)


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_a_holders_full_name_is_found_as_typed(rendered, extractor):
    doc, content = rendered["order_tambon"]
    text = EXTRACTORS[extractor](content)
    for seat in doc.seats:
        assert seat.holder in text.replace("\n", " "), seat.holder


def test_the_drawing_is_unchanged_by_the_fix():
    """The fix changes codes, not glyphs: the same pages rasterise to the same pixels."""
    import subprocess

    fixed = pdf.render_pdf(SAMPLE)
    raw = _raw_weasyprint(SAMPLE)
    images = [subprocess.run(["pdftoppm", "-r", "60", "-gray", "-f", "1", "-l", "1", "-"], input=content,
                             capture_output=True, check=True).stdout for content in (fixed, raw)]
    assert images[0] == images[1]


def _raw_weasyprint(html: str) -> bytes:
    font_config, fetcher, stylesheet = pdf._engine()
    document = HTML(string=pdf.typeset(html), base_url=str(pdf.FONT_DIR), url_fetcher=fetcher).render(
        font_config=font_config, stylesheets=[stylesheet])
    return document.write_pdf()


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_weasyprint_alone_still_gets_sara_am_wrong(extractor):
    """When this fails, WeasyPrint writes a right text layer by itself (issue #2841 fixed):
    printing/textlayer.py and its finisher in printing/pdf.py can go."""
    text = EXTRACTORS[extractor](_raw_weasyprint(SAMPLE))
    assert textcheck.differences(SAMPLE_TEXT, text) != []


def test_a_document_without_sara_am_reads_back_too():
    content = pdf.render_pdf("<html><body><p>นายสมชาย ใจดี <b>ประธาน</b> ๑๒</p></body></html>")
    assert textcheck.differences("นายสมชาย ใจดี ประธาน ๑๒", textcheck.pypdf_text(content)) == []
