"""Tables that fit: nothing printed crosses a cell border, a column's edge or the page margins,
measured from where the PDF draws each glyph and each rule; codes, numbers and dates stay on one
line; a name breaks only at its spaces or after its title; Thai lines break between words."""

import re

import pytest
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from core.words import dictionary, tokenizer
from printing import pdf, samples, wordbreak
from printing.contexts import AMPHOE, TAMBON
from tests.documents import pdfcheck

BIG_ANNEX = (440, 40, 20)  # 500 groups


@pytest.fixture(scope="module")
def big_letter():
    doc = samples.sample_letter(BIG_ANNEX)
    return doc, pdfcheck.reader(pdf.render_document(doc))


@pytest.fixture(scope="module")
def longest_order():
    doc = samples.sample_order(TAMBON, seats=samples.longest_seats())
    return doc, pdfcheck.reader(pdf.render_document(doc))


def test_an_annex_of_500_groups_stays_inside_its_cells_and_margins(big_letter):
    doc, document = big_letter
    assert doc.total == 500
    assert len(document.pages) > 20
    checked = 0
    for number, page in enumerate(document.pages, start=1):
        assert pdfcheck.crossings(page) == [], f"page {number}"
        checked += len(pdfcheck.vertical_rules(page))
    assert checked > 1000  # the borders were found: the check is not empty


def test_every_group_code_and_row_number_is_on_one_line(big_letter):
    doc, document = big_letter
    lines = {line for page in document.pages for line in page.extract_text().splitlines()}
    words = {word for line in lines for word in line.split()}
    codes = [group.code for category in doc.categories for group in category.groups]
    assert len(codes[0]) == 10
    from core.thai import to_thai_digits

    for code in codes:
        assert to_thai_digits(code) in words, code
    for number in (1, 99, 440):
        assert to_thai_digits(str(number)) in words


def _seat_rows(page):
    """The part of the page the seats table takes: from its first row number ("๑.", at the right
    of the number column) to the paragraph after it ("มีหน้าที่") or the page's end."""
    lines = pdfcheck.lines(page)
    rows = [line.top for line in lines
            if re.match(r"[๐-๙]+\.", line.text) and 4.2 * pdfcheck.CM < line.x < 5.5 * pdfcheck.CM]
    if not rows:
        return None
    after = [line.top for line in lines if line.text.startswith("มีหน้าที่") and line.top > min(rows)]
    return min(rows) - 2, (min(after) if after else float(page.mediabox.height)) - 2


def test_the_longest_names_and_seat_titles_stay_in_their_columns(longest_order):
    _doc, document = longest_order
    # The seats table: 1.25 cm from the left margin, the number 1.25 cm and 0.25 cm of padding,
    # the holder 6 cm, then the seat's title.
    holder_from, holder_to = (3 + 1.25 + 1.5) * pdfcheck.CM, (3 + 1.25 + 1.5 + 6) * pdfcheck.CM
    rows_seen = 0
    for number, page in enumerate(document.pages, start=1):
        assert pdfcheck.crossings(page) == [], f"page {number}"
        region = _seat_rows(page)
        if region is None:
            continue
        runs = [run for run in pdfcheck.glyph_runs(page) if region[0] <= run.top < region[1] and run.x1 > run.x0]
        rows_seen += len(runs)
        for run in runs:
            for edge in (holder_from, holder_to):
                assert not run.x0 + 0.05 < edge < run.x1 - 0.05, f"page {number}: {run} crosses x={edge:.1f}"
    assert rows_seen >= 40  # 20 names and 20 titles at the least


def test_a_name_breaks_only_at_its_space_or_after_its_title(longest_order):
    _doc, document = longest_order
    text = "\n".join(page.extract_text() for page in document.pages)
    lines = [line.strip() for line in text.splitlines()]
    for name in samples.LONGEST_NAMES:
        first, *rest = name.split()
        title = next(t for t in wordbreak.NAME_TITLES if first.startswith(t))
        for part in [first[len(title):], *rest]:
            assert any(part in line for line in lines), f"{part} is broken across lines"


DOCUMENTS = {
    "order_amphoe": lambda: samples.sample_order(AMPHOE),
    "order_longest": lambda: samples.sample_order(TAMBON, seats=samples.longest_seats()),
    "bylaws_amphoe": lambda: samples.sample_bylaws(AMPHOE),
    "bylaws_tambon": lambda: samples.sample_bylaws(TAMBON),
    "report_letter": lambda: samples.sample_letter(),
}


def _word_bounds(text: str) -> set[int]:
    """Where newmm (over core/words.py's dictionary) ends a word in `text`, zero width spaces
    counted as characters of the text."""
    bare = text.replace(wordbreak.ZWSP, "")
    ends, position = {0}, 0
    for token in tokenizer().word_tokenize(bare):
        position += len(token)
        ends.add(position)
    # Back to positions in `text`: each zero width space before a position moves it on by one.
    index, mapped = 0, set()
    for at, char in enumerate(text):
        if char != wordbreak.ZWSP:
            if index in ends:
                mapped.add(at)
            index += 1
    mapped.add(len(text))
    return mapped


def _allowed_break(text: str, at: int, bounds: set[int] | None = None) -> bool:
    """A line may end here: at a space or a zero width space, next to a character that is not
    Thai, after a title before a name, or between two words: where newmm ends one word and
    begins the next, both in the dictionary. Never inside a newmm word ("ออม|ทรัพย์",
    "กลุ่มออม|ทรัพย์", "การ|ผลิต"), even where its parts are dictionary words."""
    before, after = text[:at], text[at:]
    if not before or not after or before[-1].isspace() or after[0].isspace() or wordbreak.ZWSP in (before[-1], after[0]):
        return True
    if not (wordbreak._THAI.match(before[-1]) and wordbreak._THAI.match(after[0])):
        return True
    if any(before.endswith(title) for title in wordbreak.NAME_TITLES):
        return True
    bounds = _word_bounds(text) if bounds is None else bounds
    if at not in bounds:
        return False
    words = dictionary()
    ends = any(before[-n:] in words for n in range(2, min(len(before), 25) + 1))
    starts = any(after[:n] in words for n in range(2, min(len(after), 25) + 1))
    return ends and starts


@pytest.mark.parametrize(("text", "at"), [
    ("กลุ่มออมทรัพย์เพื่อการผลิต", len("กลุ่มออม")),
    ("กลุ่มออมทรัพย์เพื่อการผลิต", len("กลุ่มออมทรัพย์เพื่อการ")),
    ("สำนักงานพัฒนาชุมชนอำเภอ", len("สำนักงานพัฒนา")),
    ("คณะกรรมการเครือข่าย", len("คณะ")),
    ("นายอำเภอเมืองลำปาง", len("นายอำ")),
    ("ระเบียบกรมการพัฒนาชุมชน", len("ระ")),
])
def test_a_break_inside_a_word_is_refused(text, at):
    assert not _allowed_break(text, at)


@pytest.mark.parametrize(("text", "at"), [
    ("กลุ่มออมทรัพย์เพื่อการผลิต", len("กลุ่มออมทรัพย์")),
    ("กลุ่มออมทรัพย์เพื่อการผลิต", len("กลุ่ม")),
    ("สำนักงานพัฒนาชุมชนอำเภอ", len("สำนักงาน")),
    ("คณะกรรมการเครือข่าย", len("คณะกรรมการ")),
])
def test_a_break_between_words_is_allowed(text, at):
    assert _allowed_break(text, at)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_thai_lines_break_only_between_words(name):
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
                    line = "".join(b.text for b in box.descendants() if isinstance(b, boxes.TextBox))
                    paragraphs.setdefault(box.element, []).append(line)
        for element, lines in paragraphs.items():
            original = re.sub(r"\s+", " ", "".join(element.itertext())).strip()
            bounds = _word_bounds(original)
            cursor = 0
            for line in lines[:-1]:
                line = re.sub(r"\s+", " ", line).strip()
                if not line:
                    continue
                start = original.find(line, cursor)
                assert start >= 0, line
                cursor = start + len(line)
                assert _allowed_break(original, cursor, bounds), f"{original[max(0, cursor - 15):cursor]}|{original[cursor:cursor + 15]}"
                checked += 1
    assert checked > 0
