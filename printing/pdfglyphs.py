"""Where a PDF we rendered draws each piece of text, read back with pypdf (the signature block
is placed from it: printing/signing.py; the fit tests check tables and margins with it).

WeasyPrint draws each run of text as `Tm` then `TJ` with two-byte glyph ids (Identity-H); the
width of a run is the sum of its glyphs' widths from the font's /W array, less the TJ
adjustments, so the right edge of every run is known exactly, not guessed from characters.
Anything else (a page without fonts, a simple font, text shown before any font is set) is
skipped with a warning: the signature then goes to its fallback place instead of failing.
"""

import io
import logging
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ByteStringObject, TextStringObject

CM = 72 / 2.54

logger = logging.getLogger(__name__)


@dataclass
class Run:
    x0: float
    x1: float
    top: float  # the baseline, from the top edge of the page
    size: float = 0.0  # the font size in points


@dataclass
class Line:
    x: float
    top: float
    text: str


def reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def _widths(font) -> dict[int, float]:
    descendant = font["/DescendantFonts"][0].get_object()
    default = float(descendant.get("/DW", 1000))
    widths: dict[int, float] = {}
    array = list(descendant.get("/W", []))
    i = 0
    while i < len(array):
        first = int(array[i])
        following = array[i + 1]
        if isinstance(following, list) or hasattr(following, "__iter__"):
            for offset, width in enumerate(following):
                widths[first + offset] = float(width)
            i += 2
        else:
            last, width = int(following), float(array[i + 2])
            for glyph in range(first, last + 1):
                widths[glyph] = width
            i += 3
    widths[-1] = default
    return widths


def _bytes(item) -> bytes:
    if isinstance(item, TextStringObject):
        return item.get_original_bytes()
    if isinstance(item, ByteStringObject):
        return bytes(item)
    return b""


def _fonts(page) -> dict[str, dict[int, float] | None]:
    """The widths of the page's fonts by resource name: None for a font other than Type0 (the
    only kind WeasyPrint writes), whose text is skipped."""
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    fonts = {}
    for name, font in resources.get("/Font", {}).items():
        font = font.get_object()
        fonts[name] = None
        if font.get("/Subtype") != "/Type0":
            logger.warning("glyph runs: font %s (%s) is not Type0, its text is skipped", name, font.get("/Subtype"))
            continue
        try:
            fonts[name] = _widths(font)
        except (KeyError, IndexError, TypeError, ValueError):
            logger.warning("glyph runs: font %s has no readable widths, its text is skipped", name)
    return fonts


def glyph_runs(page) -> list[Run]:
    fonts = _fonts(page)
    height = float(page.mediabox.height)
    state = {"font": None, "size": 0.0}
    unknown = set()
    runs = []

    def visit(operator, operands, cm, tm):
        if operator == b"Tf":
            state["font"], state["size"] = operands[0], float(operands[1])
        elif operator in (b"TJ", b"Tj"):
            if state["font"] not in fonts:
                unknown.add(str(state["font"]))  # before any Tf, or a font the page does not list
            widths = fonts.get(state["font"])
            if widths is None:
                return
            items = operands[0] if operator == b"TJ" else [operands[0]]
            advance = 0.0
            for item in items:
                if isinstance(item, (int, float)) or hasattr(item, "as_numeric"):
                    advance -= float(item) / 1000 * state["size"]
                    continue
                data = _bytes(item)
                for k in range(0, len(data), 2):
                    glyph = int.from_bytes(data[k:k + 2], "big")
                    advance += widths.get(glyph, widths[-1]) / 1000 * state["size"]
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            width = advance * tm[0] * cm[0]
            runs.append(Run(x0=x, x1=x + width, top=height - y, size=state["size"] * tm[3] * cm[3]))

    page.extract_text(visitor_operand_before=visit)
    if unknown:
        logger.warning("glyph runs: text without a font of the page (%s) is skipped", ", ".join(sorted(unknown)))
    return runs


def lines(page) -> list[Line]:
    """Text as pypdf extracts it, with where each piece starts, top to bottom."""
    height = float(page.mediabox.height)
    found = []

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        for part in text.splitlines():
            if part.strip():
                found.append(Line(x=x, top=height - y, text=part.strip()))
                break

    page.extract_text(visitor_text=visit)
    return sorted(found, key=lambda line: (round(line.top), line.x))
