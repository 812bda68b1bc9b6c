"""Web headings break between Thai words, never inside one (issue 11).

Chromium breaks Thai lines with its own dictionary and splits words a reader sees as one
("แผนการขับ|เคลื่อน", "กลุ่มออม|ทรัพย์"); `word-break: keep-all` does not stop it for Thai. So a
heading's text is cut into words with PyThaiNLP's dictionary segmenter (the one printing/wordbreak.py
uses for the PDFs) and a `<wbr>` marks each boundary between words and each space; the stylesheet
gives a heading that has them `white-space: nowrap` (`h1:has(wbr)`), so Chromium breaks its lines at
those marks only. Syllables that are not dictionary words ("ศิ|ริ") are kept together, and text a
template marks as a name or a code (`<span class="name">`, `nowrap`, `code`, `w`, a badge) is left whole: a
dictionary cannot tell that "ทองมา" is a surname. A place named after จังหวัด, อำเภอ, ตำบล or บ้าน is kept
whole up to the next space ("ตำบลนิคมพัฒนา").
"""

import re
from functools import cache, lru_cache

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

WBR = "<wbr>"
# A place's name runs from its prefix to the next space and is never broken: "ตำบลนิคมพัฒนา",
# "อำเภอเมืองลำปาง", "บ้านโป่งแดง" (a break may come before the prefix).
PLACE_PREFIXES = frozenset({"จังหวัด", "อำเภอ", "ตำบล", "บ้าน", "หมู่บ้าน"})
_THAI = re.compile("[\u0e01-\u0e4f]")
# Names and codes, tags and entities pass through untouched; only the text between them is cut.
_PIECES = re.compile(r'(<span class="(?:[^"]* )?(?:w|nowrap|name|code|badge)(?: [^"]*)?">[^<]*</span>|<[^>]*>|&#?\w+;)'
                     r'|([^<&]+|&)')


# Words of this registry that PyThaiNLP's dictionary lacks, so newmm cut them where a reader does
# not ("พัฒนา|ชุมชน", "แหล่ง|ทุน"): each is one word, never broken, on web pages and in PDFs.
# Keep the list short: a long compound made one word is one unbreakable box in a narrow cell.
# "กลุ่ม|ออมทรัพย์|เพื่อ|การผลิต" stays four words: a reader accepts a break between them, and a
# group's name in the annex's narrow column needs one ("กลุ่มออมทรัพย์" whole pushed the table
# 1.3 cm past the right margin).
PROJECT_WORDS = frozenset({
    "พัฒนาชุมชน",  # "สำนักงาน|พัฒนาชุมชน|อำเภอ"; "กรมการพัฒนาชุมชน" is in the dictionary already
    "ผู้ได้รับมอบหมาย",
    "แหล่งทุน",
})


@cache
def tokenizer():
    """PyThaiNLP's newmm segmenter over `dictionary()`, built once per process (0.7 s of
    CPU; savings_registry/wsgi.py builds it at start; printing/wordbreak.py uses it too)."""
    from pythainlp.tokenize import Tokenizer

    segmenter = Tokenizer(custom_dict=dictionary(), engine="newmm", keep_whitespace=True)
    segmenter.word_tokenize("เตรียม")
    return segmenter


@cache
def dictionary() -> frozenset[str]:
    """The one list of words that decides where Thai text may break: PyThaiNLP's and ours."""
    from pythainlp.corpus import thai_words

    return frozenset(thai_words()) | PROJECT_WORDS


@lru_cache(maxsize=4096)
def _break_text(text: str) -> str:
    if not _THAI.search(text):
        return re.sub(r"(\s+)", r"\1" + WBR, text)
    words = dictionary()
    out, previous, place = [], "", False  # previous: the last Thai token; place: inside a place name
    for token in tokenizer().word_tokenize(text):
        if token.isspace() or not _THAI.search(token):
            out.append(token + WBR if token.isspace() else token)
            previous, place = "", False
            continue
        if previous and not place and token in words and previous in words:
            out.append(WBR)
        out.append(token)
        previous, place = token, place or token in PLACE_PREFIXES
    return "".join(out)


def break_words(html) -> str:
    """HTML (a plain string is escaped first) with its Thai text breaking only between words."""
    html = str(conditional_escape(html))
    return mark_safe(_PIECES.sub(lambda m: m[1] or _break_text(m[2]), html))
