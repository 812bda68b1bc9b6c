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


@dataclass
class Rule:
    """A vertical line drawn on the page (a table's cell border), from the top edge."""

    x: float
    top: float
    bottom: float


def vertical_rules(page) -> list[Rule]:
    """Every vertical line the page strokes or fills thin (WeasyPrint draws borders both ways)."""
    height = float(page.mediabox.height)
    rules, state = [], {"at": None}

    def point(cm, x, y):
        return cm[0] * x + cm[2] * y + cm[4], height - (cm[1] * x + cm[3] * y + cm[5])

    def visit(operator, operands, cm, tm):
        if operator == b"m":
            state["at"] = point(cm, float(operands[0]), float(operands[1]))
        elif operator == b"l" and state["at"] is not None:
            start, end = state["at"], point(cm, float(operands[0]), float(operands[1]))
            if abs(start[0] - end[0]) < 0.01 and abs(start[1] - end[1]) > 0.5:
                rules.append(Rule(x=start[0], top=min(start[1], end[1]), bottom=max(start[1], end[1])))
            state["at"] = end
        elif operator == b"re":
            x, y, w, h = (float(v) for v in operands)
            (x0, t0), (x1, t1) = point(cm, x, y), point(cm, x + w, y + h)
            if abs(x1 - x0) < 1.5 and abs(t1 - t0) > 0.5:
                rules.append(Rule(x=(x0 + x1) / 2, top=min(t0, t1), bottom=max(t0, t1)))

    page.extract_text(visitor_operand_before=visit)
    return rules


def crossings(page, boundaries=(), tolerance=0.05) -> list[str]:
    """Text that crosses a drawn vertical rule on its line, one of the given x positions (a
    borderless table's column edges), or the page's margins (left 3 cm, right 2 cm)."""
    width = float(page.mediabox.width)
    problems = []
    rules = vertical_rules(page)
    for run in glyph_runs(page):
        if run.x1 - run.x0 < 0.01:
            continue
        if run.x0 < 3 * CM - tolerance or run.x1 > width - 2 * CM + tolerance:
            problems.append(f"past the margin: {run}")
        for rule in rules:
            if rule.top - 1 <= run.top <= rule.bottom + 1 and run.x0 + tolerance < rule.x < run.x1 - tolerance:
                problems.append(f"across the border at x={rule.x:.1f}: {run}")
        for x in boundaries:
            if run.x0 + tolerance < x < run.x1 - tolerance:
                problems.append(f"across the column edge at x={x:.1f}: {run}")
    return problems
