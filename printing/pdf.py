"""HTML to PDF in the Thai official layout (งานสารบรรณ), with WeasyPrint.

One stylesheet (`templates/pdf/document.css`) sets the page: A4, TH Sarabun New 16 pt loaded by
@font-face from the vendored files, Thai page numbers "- ๒ -" from page 2. The continuation
marker ("/" + the first word of the next page + "...", at the foot of every page but the last)
needs the finished pagination, which one WeasyPrint pass cannot know: the document is laid out
once, each page's first word is read from that layout, and it is laid out again with one
`@page :nth(N)` rule per page filling the bottom-right margin box. Margin boxes never move the
page content, so the pagination stays; `render_pdf` checks that it did all the same.
"""

import io
import re
import threading
from functools import cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from weasyprint import CSS, HTML
from weasyprint.formatting_structure import boxes
from weasyprint.text.fonts import FontConfiguration
from weasyprint.text.line_break import get_log_attrs
from weasyprint.urls import URLFetcher

from core.thai import to_thai_digits
from printing import wordbreak
from printing.textlayer import fix_text_layer

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts" / "THSarabunNew"
FONT_FAMILY = "TH Sarabun New"
# A Thai page may begin with a long run of text without a space; the marker takes one word.
MAX_WORD_LENGTH = 30

# WeasyPrint's font configuration and parsed stylesheet are costly to build and are reused
# across renders; its layout is not documented as thread-safe, so renders in one process take
# turns (a web worker's threads, the task worker).
_render_lock = threading.Lock()


class PaginationChanged(RuntimeError):
    """The second pass paginated differently from the first (should never happen)."""


class _LocalFetcher(URLFetcher):
    """Documents load only the vendored font files and inline (data:) images: a name typed
    into a record can never make the renderer fetch anything else."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith("file://") and Path(url.removeprefix("file://")).resolve().is_relative_to(FONT_DIR):
            return super().fetch(url, headers)
        raise ValueError(f"เอกสารพิมพ์ไม่โหลดไฟล์ภายนอก: {url}")


@cache
def _engine():
    wordbreak.warm_up()
    font_config = FontConfiguration()
    fetcher = _LocalFetcher(allowed_protocols={"file", "data"})
    stylesheet = CSS(
        string=render_to_string(
            "pdf/document.css", {"font_dir": FONT_DIR.as_uri(), "font_family": FONT_FAMILY}
        ),
        font_config=font_config,
        url_fetcher=fetcher,
    )
    return font_config, fetcher, stylesheet


_DIGITS_ONLY = re.compile(r"<[^>]*>|&#?\w+;|\d")
_TEXT_PIECES = re.compile(r"(?P<markup><[^>]*>|&#?\w+;)|(?P<era>พ\.ศ\. (?=[\d๐-๙]))|(?P<digit>\d)")


def _typeset_piece(match) -> str:
    if match["markup"]:
        return match[0]
    if match["era"]:
        return "พ.ศ.&nbsp;"  # never "พ.ศ." at a line's end and the year on the next
    return to_thai_digits(match[0])


def typeset(html: str) -> str:
    """The document's text as printed: every digit in Thai, "พ.ศ. ๒๕๖๗" never broken across
    lines, Thai lines broken only between words (printing/wordbreak.py); tags, attributes and
    entities untouched, the <head> left as it is."""
    start = html.find("<body")
    head, body = (html[:start], html[start:]) if start >= 0 else ("", html)
    return _DIGITS_ONLY.sub(lambda m: to_thai_digits(m[0]) if len(m[0]) == 1 else m[0], head) + wordbreak.break_html(
        _TEXT_PIECES.sub(_typeset_piece, body))


def first_word(line: str) -> str:
    """The word that opens a line, as the continuation marker repeats it.

    The first whitespace-delimited token; Thai writes no spaces between words, so a token with
    Thai letters is cut after its first word as Pango's Thai segmentation (libthai) finds it:
    "กรณีกลุ่มออมทรัพย์..." gives "กรณี". A token without Thai letters is kept whole, less a
    trailing full stop: "๑๕." gives "๑๕" (the marker adds its own dots).
    """
    tokens = line.split()
    if not tokens:
        return ""
    token = tokens[0].rstrip(".,") or tokens[0]
    if re.search("[\u0e01-\u0e4f]", token) and len(token) > 1:
        attrs = get_log_attrs(token, "th")
        started = False
        for index in range(1, len(token) + 1):
            started = started or attrs[index - 1].is_word_start
            if started and attrs[index].is_word_end:
                token = token[:index]
                break
    return token[:MAX_WORD_LENGTH]


def _lines(box):
    """The line boxes under `box` in reading order, leaving out a table's header repeated at the
    top of a page (the marker names the first row, not the column titles)."""
    if isinstance(box, boxes.TableRowGroupBox) and box.is_header:
        return
    if isinstance(box, boxes.LineBox):
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _lines(child)


def _first_line_text(page) -> str:
    """The text of the first line of a laid-out page's content (margin boxes left out)."""
    for child in page._page_box.children:
        if isinstance(child, boxes.MarginBox):
            continue
        for line in _lines(child):
            text = "".join(b.text for b in line.descendants() if isinstance(b, boxes.TextBox))
            if text.strip():
                return text.strip()
    return ""


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def continuation_css(words: list[str]) -> str:
    """One rule per page but the last: its bottom-right margin box says "/<next page's word>..."."""
    return "\n".join(
        f"@page :nth({number}) {{ @bottom-right {{ content: {_css_string('/' + word + '...')}; }} }}"
        for number, word in enumerate(words[1:], start=1)
    )


def _layout(html: HTML, extra_css: str = ""):
    font_config, fetcher, stylesheet = _engine()
    stylesheets = [stylesheet]
    if extra_css:
        stylesheets.append(CSS(string=extra_css, font_config=font_config, url_fetcher=fetcher))
    return html.render(font_config=font_config, stylesheets=stylesheets)


def page_first_words(document) -> list[str]:
    return [first_word(_first_line_text(page)) for page in document.pages]


def render_pdf(html_text: str) -> bytes:
    """PDF bytes of a document's HTML (rendered from a template under templates/pdf/)."""
    font_config, fetcher, _ = _engine()
    html = HTML(string=typeset(html_text), base_url=str(FONT_DIR), url_fetcher=fetcher)
    with _render_lock:
        document = _layout(html)
        if len(document.pages) > 1:
            words = page_first_words(document)
            document = _layout(html, continuation_css(words))
            if page_first_words(document) != words:
                raise PaginationChanged("การแบ่งหน้าเปลี่ยนเมื่อใส่คำต่อหน้า")
        return document.write_pdf(finisher=fix_text_layer)


def render_template_pdf(template_name: str, context: dict) -> bytes:
    return render_pdf(render_to_string(template_name, context))


def render_document(doc) -> bytes:
    """A document context (printing.contexts) as PDF; a report letter is followed by its annex,
    which has its own page numbers as an enclosure does."""
    parts = [render_template_pdf(doc.template_name, {"doc": doc})]
    annex = getattr(doc, "annex_template_name", None)
    if annex:
        parts.append(render_template_pdf(annex, {"doc": doc}))
    return merge_pdfs(parts)


def merge_pdfs(parts: list[bytes]) -> bytes:
    """Several PDFs one after the other, as one file (batch prints, letter and annex)."""
    if len(parts) == 1:
        return parts[0]
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
