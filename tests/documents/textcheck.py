"""The text a document's template rendered, and the text pdftotext and pypdf read from its PDF.

Both are compared without whitespace (a Thai line breaks between words without a space, and
extraction adds a line break there): every character the template typed must come back exactly
as often, and every space-delimited run of the template must come back whole and in order. The
page numbers ("- ๒ -") and continuation markers ("/กรณี...") are the page's, not the template's,
and are left out.
"""

import re
import subprocess
import unicodedata
from collections import Counter
from html.parser import HTMLParser

from django.template.loader import render_to_string

from printing import pdf
from tests.documents import pdfcheck

_MARGIN_LINE = re.compile(r"^(- [๐-๙]+ -|/\S*\.\.\.)$")


class _BodyText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.in_body, self.skip = [], False, 0

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        elif tag in ("style", "script", "title"):
            self.skip += 1
        elif tag in ("p", "div", "td", "th", "li", "tr", "h1", "h2", "br"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title"):
            self.skip -= 1
        elif tag in ("p", "div", "td", "th", "li", "h1", "h2"):
            self.parts.append(" ")

    def handle_data(self, data):
        if self.in_body and not self.skip:
            self.parts.append(data)


def template_text(doc) -> str:
    """What the templates of a document context typed (digits in Thai, as printed), NFC."""
    texts = []
    for name in [doc.template_name] + ([doc.annex_template_name] if getattr(doc, "annex_template_name", None) else []):
        parser = _BodyText()
        parser.feed(pdf.typeset(render_to_string(name, {"doc": doc})))
        texts.append("".join(parser.parts))
    # Zero width spaces mark where a line may break (printing/wordbreak.py): they draw nothing.
    return unicodedata.normalize("NFC", " ".join(" ".join(texts).replace("\u200b", "").split()))


def _without_margins(page_text: str) -> str:
    return "\n".join(line for line in page_text.splitlines() if not _MARGIN_LINE.match(line.strip()))


def pypdf_text(content: bytes) -> str:
    pages = pdfcheck.reader(content).pages
    return unicodedata.normalize("NFC", "\n".join(_without_margins(page.extract_text()) for page in pages))


def pdftotext_text(content: bytes) -> str:
    """Poppler's pdftotext in content-stream order (-raw), as a PDF viewer's search reads it."""
    result = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=content,
                            capture_output=True, check=True)
    pages = result.stdout.decode("utf-8").split("\f")
    return unicodedata.normalize("NFC", "\n".join(_without_margins(page) for page in pages))


# A table's column titles, repeated at the top of each page the table runs onto.
REPEATED_HEADERS = ("ลำดับรหัสกลุ่มชื่อกลุ่มหมู่บ้านตำบลหมายเหตุ", "ลำดับรหัสกลุ่มชื่อกลุ่มหมู่บ้านตำบล")


def differences(expected: str, extracted: str) -> list[str]:
    """What does not match, in words a reader understands (empty: the text is the text)."""
    problems = []
    flat = "".join(extracted.split())
    typed_flat = "".join(expected.split())
    for header in REPEATED_HEADERS:
        while flat.count(header) > typed_flat.count(header):
            at = flat.rindex(header)
            flat = flat[:at] + flat[at + len(header):]
    typed, read = Counter(typed_flat), Counter(flat)
    if typed != read:
        problems.append(f"characters typed but not read: {dict(typed - read)}; read but not typed: {dict(read - typed)}")
    cursor = 0
    for word in expected.split():
        found = flat.find(word, cursor)
        if found < 0:
            found = flat.find(word)  # positioned blocks (the letter's head) are drawn later
            if found < 0:
                problems.append(f"not found: {word!r}")
                continue
        cursor = found + len(word)
    return problems
