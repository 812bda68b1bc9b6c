"""Where the visible signature goes: in the signer's place, read from the issued PDF's own glyphs.

Every document ends with the signer's block (templates/pdf/_signer.html): the name in
parentheses, the title lines below it, and 2.4 cm kept empty above it for the pen (`.sign-space`).
The block is found on the last page that has it (a report letter's annex follows the letter), and
the box goes into that empty space: centred over the name, below the lowest glyph above it, above
the name's tallest mark, inside the page's margins. Without a signer's block, or without room
above it, the box goes where it went before: bottom right of the last page (FALLBACK).
"""

import re
from dataclasses import dataclass

from printing import pdfglyphs
from printing.pdfglyphs import CM

# The page's margins (templates/pdf/document.css): left 3 cm, right 2 cm, top 2.5 cm.
LEFT, RIGHT, TOP = 3 * CM, 2 * CM, 2.5 * CM
WIDTH, MAX_HEIGHT, MIN_HEIGHT = 7 * CM, 2.2 * CM, 1.1 * CM
GAP = 2.0  # points of white between the box and the nearest glyph
# How far a glyph reaches above and below its baseline, in font sizes (TH Sarabun New, with
# Thai marks: a tone mark over an upper vowel, a lower vowel).
ASCENT, DESCENT = 0.95, 0.4
FALLBACK = (300, 40, 560, 120)
_NAME_LINE = re.compile(r"^\((.+)\)$")


@dataclass(frozen=True)
class Place:
    page: int  # index of the page, from 0
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF points, from the bottom left
    found: bool  # whether it is the signer's place (False: the fallback)


def _plain(text: str) -> str:
    return re.sub(r"[\s\u200b]", "", text)


def _rows(page):
    """The page's text as lines: (baseline from the top, text, runs), top to bottom."""
    rows: dict[int, list] = {}
    for line in pdfglyphs.lines(page):
        rows.setdefault(round(line.top), []).append(line)
    return [(top, "".join(part.text for part in sorted(parts, key=lambda p: p.x))) for top, parts in sorted(rows.items())]


def _glyph_box(run):
    """A run's extent from the top of the page: x0, top, x1, bottom."""
    size = run.size or 16
    return run.x0, run.top - ASCENT * size, run.x1, run.top + DESCENT * size


def _name_row(page, signer_name: str):
    wanted = _plain(signer_name)
    candidates = [(top, text) for top, text in _rows(page) if _NAME_LINE.match(_plain(text))]
    for top, text in reversed(candidates):
        if not wanted or wanted in _plain(text) or _plain(text)[1:-1] in wanted:
            return top
    return candidates[-1][0] if candidates else None


def signature_place(content: bytes, signer_name: str = "") -> Place:
    document = pdfglyphs.reader(content)
    for index in reversed(range(len(document.pages))):
        page = document.pages[index]
        baseline = _name_row(page, signer_name)
        if baseline is None:
            continue
        box = _above_name(page, baseline)
        if box is not None:
            return Place(page=index, box=box, found=True)
        break
    return Place(page=len(document.pages) - 1, box=FALLBACK, found=False)


def _above_name(page, baseline: float):
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    runs = [run for run in pdfglyphs.glyph_runs(page) if run.x1 > run.x0]
    name = [_glyph_box(run) for run in runs if abs(run.top - baseline) < 1.5]
    if not name:
        return None
    centre = (min(g[0] for g in name) + max(g[2] for g in name)) / 2
    box_width = min(WIDTH, width - LEFT - RIGHT)
    x0 = min(max(centre - box_width / 2, LEFT), width - RIGHT - box_width)
    x1 = x0 + box_width
    name_top = min(g[1] for g in name)
    above = [g[3] for g in map(_glyph_box, runs) if g[3] < name_top and g[0] < x1 and g[2] > x0]
    ceiling = max(above) if above else TOP
    bottom_edge, top_edge = name_top - GAP, max(ceiling + GAP, name_top - GAP - MAX_HEIGHT)
    if bottom_edge - top_edge < MIN_HEIGHT:
        return None
    # From the top of the page to PDF coordinates (from the bottom).
    return (round(x0, 2), round(height - bottom_edge, 2), round(x1, 2), round(height - top_edge, 2))
