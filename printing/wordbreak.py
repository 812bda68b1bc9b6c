"""Where a printed Thai line may break: between words, never inside one.

Thai is written without spaces between words. Pango finds line breaks in it with libthai's
dictionary, and when no break it allows fits a narrow table cell it breaks between any two
letters; either way words were split ("ระ|เบียบ", "ของก|ลุ่ม", "กลุ่มออม|ทรัพย์", a name as
"นาง|สาวศิริพร"). So the document's text chooses its own breaks before WeasyPrint sees it:

- the words are those of PyThaiNLP's dictionary segmenter (newmm, over core/words.py's
  dictionary with the few words of this registry it lacks: "พัฒนาชุมชน", "แหล่งทุน"); a word inside which
  Pango would break, even into two dictionary words ("ออม|ทรัพย์", "การ|ผลิต"), is an unbreakable
  span (`<span class="w">`, white-space: nowrap), and a ZERO WIDTH SPACE marks a boundary between
  words where Pango would not break (U+2060 WORD JOINER does not stop Pango's Thai breaks, so
  spans are the one way to forbid one);
- in tables, the automatic layout keeps every column as wide as its widest unbreakable piece,
  so Pango never has to fall back to breaking between letters ("ของก|ลุ่ม");
- text already marked unbreakable in a template (`{{ name|unbroken }}`: a person's name, a
  code, a date; each of their space-separated parts is one span) is left as it is: names are
  not in the dictionary, and newmm cuts them into syllables ("ศิ|ริ|พร");
- a zero width space draws nothing and adds nothing to the PDF's text layer.
"""

import re
from functools import lru_cache

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from weasyprint.text.line_break import get_log_attrs

# One segmenter per process for the PDFs and the web headings (~70 MB, built once): core/words.py.
from core.words import dictionary as _dictionary
from core.words import tokenizer as _tokenizer

ZWSP = "\u200b"
_THAI = re.compile("[\u0e01-\u0e4f]")
# Already unbreakable: a span of class "w" (from `unbroken` or an earlier pass) or "nowrap".
_PIECES = re.compile(r'(<span class="(?:w|nowrap)">[^<]*</span>)|(<[^>]*>)|([^<]+)')


def warm_up():
    _tokenizer()


def _is_word(token: str) -> bool:
    return len(token) > 1 and bool(_THAI.search(token)) and not any(c.isspace() for c in token)


@lru_cache(maxsize=8192)
def _compound(word: str) -> bool:
    """Whether a word is two dictionary words run together ("เข้ม|แข็ง", "เจ้าหน้า|ที่"): libthai
    breaks inside such a word in some contexts and not in others (after a span, when a line is
    laid out again from its start), so it is kept whole whatever the context."""
    words = _dictionary()
    return any(word[:k] in words and word[k:] in words for k in range(2, len(word) - 1))


def break_text(text: str) -> str:
    """One run of text (no tags; entities left alone) with its lines breaking between words.

    Pango's own breaks (libthai) are looked up once for the run. A newmm word inside which libthai
    would break here ("ระ|เบียบ") or might elsewhere (a compound of two dictionary words:
    "ออม|ทรัพย์", "การ|ผลิต") is made one unbreakable span; the others are left as text, not a
    span per word: each span is a layout box to WeasyPrint, and they cost time (an order has some
    300 of them; docs/performance.md measures the word breaks' cost). A boundary between words
    where libthai does not break, or next to a span, gets a zero width space."""
    if not _THAI.search(text):
        return text
    tokens = _tokenizer().word_tokenize(text)
    attrs = get_log_attrs(text, "th")
    out = []
    position = 0
    previous_word = previous_whole = False
    for token in tokens:
        end = position + len(token)
        word = _is_word(token) and "&" not in token
        whole = word and (_compound(token) or any(attrs[i].is_line_break for i in range(position + 1, end)))
        # WeasyPrint finds no break at the edge of a nowrap span, so a span's edge gets one too.
        if word and previous_word and (whole or previous_whole or not attrs[position].is_line_break):
            out.append(ZWSP)
        out.append(f'<span class="w">{token}</span>' if whole else token)
        previous_word, previous_whole = word, whole
        position = end
    return "".join(out)


def break_html(body: str) -> str:
    """A document's <body>: every text run between tags through `break_text`."""
    def piece(match):
        if match[3] is not None:
            return break_text(match[3])
        return match[0]

    return _PIECES.sub(piece, body)


# Titles before a name (networks.models.SeatHolder.TITLES, and the usual others): a long title
# and a long first name may go on two lines, each whole.
NAME_TITLES = ("ว่าที่ร้อยตรีหญิง", "ว่าที่ร้อยตรี", "นางสาว", "นาง", "นาย", "ดร.")


def unbroken(value) -> str:
    """A name, a code or a date that must not break inside: each space-separated part is one
    unbreakable span (a long name may still break at its spaces, and after its title)."""
    spans = []
    for part in str(value).split():
        pieces = [part]
        title = next((t for t in NAME_TITLES if part.startswith(t) and len(part) > len(t)), None)
        if title and not spans:
            pieces = [title, part[len(title):]]
        spans.append(ZWSP.join(f'<span class="w">{conditional_escape(piece)}</span>' for piece in pieces))
    return mark_safe(" ".join(spans))
