"""Draft PDFs are cached by their HTML: an unchanged draft is laid out once, a changed one anew."""

import hashlib

from django.core.cache import cache
from pypdf import PdfReader

from printing import pdf

HTML = "<html><body><p>คำสั่งทดสอบ ที่ {n}/2567</p></body></html>"


def _key(html):
    return "pdf:" + hashlib.sha256(f"{pdf._engine_version()}\n{html}".encode()).hexdigest()


def test_the_same_html_is_laid_out_once_and_served_from_the_cache(tmp_path):
    cache.clear()
    html = HTML.format(n=1)
    first = pdf.render_pdf(html)
    assert cache.get(_key(html)) == first
    cache.set(_key(html), b"%PDF-from-cache")  # what the cache holds is what is served
    assert pdf.render_pdf(html) == b"%PDF-from-cache"


def test_a_changed_document_is_rendered_again(tmp_path):
    cache.clear()
    one, two = pdf.render_pdf(HTML.format(n=1)), pdf.render_pdf(HTML.format(n=2))
    assert one != two
    path = tmp_path / "two.pdf"
    path.write_bytes(two)
    assert "๒/๒๕๖๗" in PdfReader(path).pages[0].extract_text()
