"""Text as the registry keeps it: one normalisation for every way text comes in.

Names and codes arrive typed in a form, pasted from web pages and LINE, or read from a spreadsheet.
Two strings that look the same on screen must be the same string, or the search finds nothing and
an unchanged name shows as a change. `clean_text` is used by the imports, the forms, the list
search and `clean_stored_text`; `clean_code` adds what a group code needs.

What it does, in order:
- Unicode NFC;
- zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF) and soft hyphens removed;
- non-breaking and other odd spaces, tabs and line breaks made plain spaces, runs collapsed, ends
  trimmed;
- Thai typed in an order NFC does not fix put right: a tone mark typed before a vowel above it
  (`ก่ี` → `กี่`), `ำ` typed as nikhahit + sara aa (`ํ` + `า`, also with the tone mark between),
  the same mark typed twice.
"""

import re
import unicodedata

from core import thai

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_ODD_SPACE = re.compile(r"[^\S ]")  # every space Unicode knows (\s) but the plain one
_RUN = re.compile(r" {2,}")
_TONE = "\u0e48-\u0e4b"  # ่ ้ ๊ ๋
_ABOVE = "\u0e31\u0e34-\u0e37\u0e47"  # ั ิ ี ึ ื ็
_MARKS = f"{_TONE}{_ABOVE}\u0e38\u0e39\u0e3a\u0e4c\u0e4d"
_TONE_BEFORE_VOWEL = re.compile(f"([{_TONE}])([{_ABOVE}])")
_NIKHAHIT_AA = re.compile(f"\u0e4d([{_TONE}]?)\u0e32")  # ํ (tone) า → (tone) ำ
_DOUBLED_MARK = re.compile(f"([{_MARKS}])\\1+")
# One search finds whether a string needs any of the work; most cells of a national file need none.
_NEEDS_WORK = re.compile(f"[{INVISIBLE}]|[^\\S ]|  |^ | $|[{_TONE}][{_ABOVE}]|\u0e4d[{_TONE}]?\u0e32"
                         f"|([{_MARKS}])\\1")


def clean_text(value) -> str:
    """The one normal form of a piece of text (see the module's docstring); None is ""."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not _NEEDS_WORK.search(text):
        return text
    text = _INVISIBLE.sub("", text)
    text = _RUN.sub(" ", _ODD_SPACE.sub(" ", text)).strip()
    if not text.isascii():
        text = _NIKHAHIT_AA.sub("\\1\u0e33", text)
        text = _TONE_BEFORE_VOWEL.sub("\\2\\1", text)
        text = _DOUBLED_MARK.sub("\\1", text)
        text = unicodedata.normalize("NFC", text)
    return text


def clean_code(value) -> str:
    """A code as typed: clean text, Thai digits made Arabic, no spaces inside (`52 0101 0301`)."""
    return thai.to_arabic_digits(clean_text(value)).replace(" ", "")


def differs(value) -> bool:
    """True when clean_text would change the stored text."""
    return isinstance(value, str) and clean_text(value) != value
