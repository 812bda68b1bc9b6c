"""Reading our PDFs back with pypdf: where each piece of text is drawn, which fonts are embedded.

Where each run of glyphs is drawn is read in printing/pdfglyphs.py (the signing uses it too).
"""

import re
from dataclasses import dataclass

from pypdf import PdfReader

from printing.pdfglyphs import CM, Line, Run, glyph_runs, lines, reader  # noqa: F401  (the tests' names)

A4 = (595.28, 841.89)


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
