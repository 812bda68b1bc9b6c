"""The five documents' layout, read back from the PDFs: A4, margins, the one font, Thai digits,
page numbers, continuation markers, signature blocks. Rendered from plain contexts
(printing.samples), so no database is needed."""

import base64
import dataclasses
import io

import pytest
from django.template.loader import render_to_string
from PIL import Image

from printing import pdf, samples
from printing.contexts import AMPHOE, TAMBON
from tests.documents import pdfcheck

DOCUMENTS = {
    "order_amphoe": lambda: samples.sample_order(AMPHOE),
    "order_tambon": lambda: samples.sample_order(TAMBON, offset=3),
    "bylaws_amphoe": lambda: samples.sample_bylaws(AMPHOE),
    "bylaws_tambon": lambda: samples.sample_bylaws(TAMBON),
    "report_letter": lambda: samples.sample_letter(),
}


@pytest.fixture(scope="module")
def rendered():
    """Each document's context and PDF, rendered once for the module."""
    result = {}
    for name, make in DOCUMENTS.items():
        doc = make()
        result[name] = (doc, pdfcheck.reader(pdf.render_document(doc)))
    return result


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_page_is_a4(rendered, name):
    _doc, document = rendered[name]
    for page in document.pages:
        assert float(page.mediabox.width) == pytest.approx(pdfcheck.A4[0], abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(pdfcheck.A4[1], abs=0.01)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_text_in_the_left_3cm_or_right_2cm(rendered, name):
    _doc, document = rendered[name]
    width = pdfcheck.A4[0]
    for number, page in enumerate(document.pages, start=1):
        runs = pdfcheck.glyph_runs(page)
        assert runs, f"page {number} has no text"
        assert min(run.x0 for run in runs) >= 3 * pdfcheck.CM - 0.05, f"page {number}"
        assert max(run.x1 for run in runs) <= width - 2 * pdfcheck.CM + 0.05, f"page {number}"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_th_sarabun_new_is_the_only_font_and_it_is_embedded(rendered, name):
    _doc, document = rendered[name]
    fonts = pdfcheck.fonts(document)
    assert {base for base, _embedded in fonts} <= {"TH-Sarabun-New", "TH-Sarabun-New-Bold"}
    assert ("TH-Sarabun-New", True) in fonts
    assert all(embedded for _base, embedded in fonts)


@pytest.mark.parametrize("name", ["order_amphoe", "order_tambon"])
def test_order_names_every_seat_holder_and_the_district(rendered, name):
    doc, document = rendered[name]
    text = pdfcheck.normalise("".join(page.extract_text() for page in document.pages))
    assert len(doc.seats) == 20
    for seat in doc.seats:
        assert pdfcheck.normalise(seat.holder) in text, seat.holder
    assert pdfcheck.normalise("คำสั่งอำเภอเมืองลำปาง") in text
    assert pdfcheck.normalise("จังหวัดลำปาง") in text
    if doc.level == TAMBON:
        assert pdfcheck.normalise("ตำบลเวียงเหนือ") in text


@pytest.mark.parametrize("name", ["order_amphoe", "order_tambon"])
def test_order_number_and_date_are_in_thai_digits(rendered, name):
    _doc, document = rendered[name]
    text = "".join(page.extract_text() for page in document.pages)
    assert "ที่ ๑/๒๕๖๗" in text
    assert pdfcheck.normalise("สั่ง ณ วันที่ ๒๑ พฤศจิกายน พ.ศ. ๒๕๖๗") in pdfcheck.normalise(text)
    assert not any(ch.isascii() and ch.isdigit() for ch in text)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_arabic_digit_anywhere_in_the_text(rendered, name):
    _doc, document = rendered[name]
    text = "".join(page.extract_text() for page in document.pages)
    assert [ch for ch in text if ch in "0123456789"] == []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_pages_from_two_on_are_numbered_in_thai_at_the_top(rendered, name):
    _doc, document = rendered[name]
    assert len(document.pages) >= 2
    assert pdfcheck.header(document.pages[0]) == ""
    assert pdfcheck.header(document.pages[1]) == "- ๒ -"
    # The report letter's annex is an enclosure with its own page numbers.
    numbers = [pdfcheck.header(page) for page in document.pages]
    assert "- ๒ -" in numbers[1]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_continuation_marker_is_the_next_pages_first_word(rendered, name):
    _doc, document = rendered[name]
    pages = document.pages
    for index, page in enumerate(pages):
        marker = pdfcheck.footer(page)
        following = pages[index + 1] if index + 1 < len(pages) else None
        if following is None or pdfcheck.header(following) == "":
            assert marker == "", f"page {index + 1} is a document's last page"
            continue
        body = pdfcheck.body_lines(following)
        if pdfcheck.normalise(body[0].text).startswith(pdfcheck.normalise("ลำดับรหัสกลุ่ม")):
            # A list's column titles repeated at the top of the page: the marker names the first row.
            body = [line for line in body if line.top > body[0].top + 1]
        first_line = body[0].text
        word = pdf.first_word(first_line)
        assert word, f"page {index + 2} starts with no word"
        assert marker == f"/{word}...", f"page {index + 1}"
        assert pdfcheck.normalise(first_line).startswith(pdfcheck.normalise(word))


def test_order_signature_block_is_whole_on_the_last_page(rendered):
    _doc, document = rendered["order_amphoe"]
    last = pdfcheck.normalise(document.pages[-1].extract_text())
    for text in ("สั่ง ณ วันที่", "(นายวีระ ศรีสุข)", "นายอำเภอเมืองลำปาง", "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป"):
        assert pdfcheck.normalise(text) in last


def test_report_letter_signed_by_a_deputy_for_the_chief(rendered):
    _doc, document = rendered["report_letter"]
    text = pdfcheck.normalise("".join(page.extract_text() for page in document.pages))
    for part in ("(นายอนุชา พรหมวงศ์)", "ปลัดอำเภอ ปฏิบัติราชการแทน", "ขอแสดงความนับถือ",
                 "เรียน ผู้ว่าราชการจังหวัดลำปาง", "ที่ ลป ๐๔๑๗/๑๒๓", "๕ ธันวาคม ๒๕๖๗",
                 "อ้างถึง หนังสือจังหวัดลำปาง ที่ ลป ๐๐๑๙.๔/ว ๒๗๕๓๐ ลงวันที่ ๒๑ พฤศจิกายน ๒๕๖๗",
                 "จำนวนทั้งสิ้น ๔๙ กลุ่ม", "จำนวน ๔๐ กลุ่ม", "จำนวน ๖ กลุ่ม", "จำนวน ๓ กลุ่ม",
                 "ประเภทที่ ๑ จำนวน ๔๐ กลุ่ม", "กลุ่มออมทรัพย์เพื่อการผลิตบ้านทองมา"):
        assert pdfcheck.normalise(part) in text, part


def test_bylaws_clauses_one_to_fourteen_with_the_drafts_slips_fixed():
    html = render_to_string("pdf/bylaws_tambon.html", {"doc": samples.sample_bylaws(TAMBON)})
    for number in "๑๒๓๔๕๖๗๘๙":
        assert f"ข้อ {number} " in html
    for number in ("๑๐", "๑๑", "๑๒", "๑๓", "๑๔"):
        assert html.count(f"ข้อ {number} ") == 1, number
    assert "ข้อ ๑๕" not in html
    assert "เกร็ดญุก" not in html and "เหรัญญิก" in html
    assert "หมวด ๔" in html and 'ประกาศ ณ วันที่ <span class="nowrap">๒๑ พฤศจิกายน พ.ศ. ๒๕๖๗</span>' in html
    assert "ระดับตำบล ตำบลเวียงเหนือ" not in html  # the network's name reads "…การผลิตตำบลเวียงเหนือ"
    assert "เครือข่ายกลุ่มออมทรัพย์เพื่อการผลิตตำบลเวียงเหนือ" in html


def test_order_seats_spell_treasurer_correctly():
    html = render_to_string("pdf/order_tambon.html", {"doc": samples.sample_order(TAMBON)})
    assert html.count("เหรัญญิก") == 2  # treasurer and assistant treasurer
    assert "ให้คณะกรรมการเครือข่ายกลุ่มออมทรัพย์เพื่อการผลิตระดับตำบล มีวาระการดำรงตำแหน่ง" in html


def test_draft_order_has_dotted_number_and_date():
    doc = samples.sample_order(AMPHOE, number=None)
    text = "".join(p.extract_text() for p in pdfcheck.reader(pdf.render_document(doc)).pages)
    assert "ที่ ........../๒๕๖๗" in text
    assert "สั่ง ณ วันที่ ......" in text


def _png_data_uri():
    buffer = io.BytesIO()
    Image.new("RGB", (60, 60), "black").save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _images(page):
    """The images the page draws (resources may be shared between pages; `Do` is the drawing)."""
    drawn = []

    def visit(operator, operands, cm, tm):
        if operator == b"Do":
            drawn.append(operands[0])

    page.extract_text(visitor_operand_before=visit)
    xobjects = page["/Resources"].get("/XObject", {})
    return [name for name in drawn if xobjects[name].get_object().get("/Subtype") == "/Image"]


def test_garuda_is_drawn_3cm_high_at_the_top_only_when_supplied():
    with_garuda = dataclasses.replace(samples.sample_order(AMPHOE), garuda=_png_data_uri())
    document = pdfcheck.reader(pdf.render_document(with_garuda))
    assert len(_images(document.pages[0])) == 1
    assert _images(document.pages[1]) == []
    plain = pdfcheck.reader(pdf.render_document(samples.sample_order(AMPHOE)))
    assert _images(plain.pages[0]) == []
    # The space is kept: the title starts at the same height with or without the image.
    assert pdfcheck.body_lines(document.pages[0])[0].top == pytest.approx(
        pdfcheck.body_lines(plain.pages[0])[0].top, abs=0.5)
    assert pdfcheck.body_lines(plain.pages[0])[0].top > 4.5 * pdfcheck.CM


def test_first_word_takes_one_thai_word_or_a_whole_number():
    assert pdf.first_word("กรณีกลุ่มออมทรัพย์เพื่อการผลิตดังกล่าว ไม่ประสงค์") == "กรณี"
    assert pdf.first_word("๑๕. นายณรงค์ กาศสกุล") == "๑๕"
    assert pdf.first_word("(๒) เจ้าหน้าที่ หมายถึง") == "(๒)"
    assert pdf.first_word("ข้อ ๑๓ การเปิดบัญชี") == "ข้อ"
    assert pdf.first_word("") == ""


def test_typesetting_changes_text_but_not_markup():
    html = '<title>ที่ 1</title><body><p class="a1" style="x:2cm">ที่ 12/2567 &#x27; &#39; พ.ศ. 2555</p>'
    assert pdf.typeset(html) == (
        '<title>ที่ ๑</title><body><p class="a1" style="x:2cm">ที่ ๑๒/๒๕๖๗ &#x27; &#39; พ.ศ.&nbsp;๒๕๕๕</p>')


def test_continuation_css_has_one_rule_per_page_but_the_last():
    css = pdf.continuation_css(["", "กรณี", 'a"b'])
    assert css.count("@page :nth(") == 2
    assert '@page :nth(1) { @bottom-right { content: "/กรณี..."; } }' in css
    assert '"/a\\"b..."' in css


@pytest.mark.parametrize("name", DOCUMENTS)
def test_lines_break_only_where_thai_words_end(name):
    """Every line of a paragraph ends where libthai allows a break in the paragraph's text (a
    WeasyPrint layout bug once split "เครือข่า|ย" before an inline span)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes
    from weasyprint.text.line_break import get_log_attrs

    doc = DOCUMENTS[name]()
    templates = [doc.template_name] + ([doc.annex_template_name] if getattr(doc, "annex_template_name", None) else [])
    checked = 0
    for template in templates:
        html = pdf.typeset(render_to_string(template, {"doc": doc}))
        document = pdf._layout(HTML(string=html, base_url=str(pdf.FONT_DIR), url_fetcher=pdf._engine()[1]))
        paragraphs = {}
        for page in document.pages:
            for box in page._page_box.descendants():
                if isinstance(box, boxes.LineBox) and box.element is not None:
                    text = "".join(b.text for b in box.descendants() if isinstance(b, boxes.TextBox))
                    paragraphs.setdefault(box.element, []).append(text)
        for element, lines in paragraphs.items():
            # The element's own text (a line box drops the space it breaks at).
            original = " ".join("".join(element.itertext()).split())
            attrs = get_log_attrs(original, "th")
            cursor = 0
            for line in lines[:-1]:
                line = " ".join(line.split())
                start = original.find(line, cursor)
                assert start >= 0, line
                position = start + len(line)
                cursor = position
                if original[position:position + 1].isspace() or original[position - 1:position].isspace():
                    continue
                assert attrs[position].is_line_break, f"{original[max(0, position - 12):position]}|{original[position:position + 12]}"
                checked += 1
    assert checked > 0
