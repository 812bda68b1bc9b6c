"""Reading our PDFs back with pypdf: where each piece of text is drawn, which fonts are embedded.

WeasyPrint draws each run of text as `Tm` then `TJ` with two-byte glyph ids (Identity-H); the
width of a run is the sum of its glyphs' widths from the font's /W array, less the TJ
adjustments, so the right edge of every run is known exactly, not guessed from characters.
"""

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ByteStringObject, TextStringObject

CM = 72 / 2.54
A4 = (595.28, 841.89)


@dataclass
class Run:
    x0: float
    x1: float
    top: float  # from the top edge of the page


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


def glyph_runs(page) -> list[Run]:
    fonts = {name: _widths(font.get_object()) for name, font in page["/Resources"]["/Font"].items()}
    height = float(page.mediabox.height)
    state = {"font": None, "size": 0.0}
    runs = []

    def visit(operator, operands, cm, tm):
        if operator == b"Tf":
            state["font"], state["size"] = operands[0], float(operands[1])
        elif operator in (b"TJ", b"Tj"):
            widths = fonts[state["font"]]
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
            runs.append(Run(x0=x, x1=x + width, top=height - y))

    page.extract_text(visitor_operand_before=visit)
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


def fonts(document: PdfReader) -> set[str]:
    """Every font's name without its subset tag, and whether each is embedded."""
    names = set()
    for page in document.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            base = re.sub(r"^[A-Z]{6}\+", "", str(font["/BaseFont"]).lstrip("/"))
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            names.add((base, embedded))
    return names


def body_lines(page) -> list[Line]:
    """The page's text between the top margin (page number) and the bottom margin (marker)."""
    height = float(page.mediabox.height)
    return [line for line in lines(page) if 2.5 * CM < line.top < height - 2 * CM]


def header(page) -> str:
    return " ".join(line.text for line in lines(page) if line.top < 2.5 * CM)


def footer(page) -> str:
    height = float(page.mediabox.height)
    return " ".join(line.text for line in lines(page) if line.top > height - 2 * CM)


def normalise(text: str) -> str:
    """Text without whitespace (a Thai line breaks between words without a space, and extraction
    puts a line break there). The text layer reads back what was typed (printing/textlayer.py),
    ำ included."""
    return re.sub(r"\s", "", text)
