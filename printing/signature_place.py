"""Where the visible signature goes: in the signer's place, read from the issued PDF's own glyphs.

Every document ends with the signer's block (templates/pdf/_signer.html, and the bylaws' own in
templates/pdf/_bylaws.html): the name in parentheses, centred in a column 6 cm from the left
margin (`.signature .signer`), the title lines below it, and 2.4 cm kept empty above it for the
pen (`.sign-space`). The block is the signer's printed name, looked for on every page from the
last (a report letter's annex follows the letter); only when no page has it (a name that is not
the printed one, a blank dotted line) is it a "(…)" line centred in the signer's column with room
above it — never a "(…)" that a table's wrapped name or note leaves alone on a line. The box goes
into the empty space: centred over the name, below the lowest glyph above it, above the name's
tallest mark, inside the page's margins. Without a signer's block the box goes where it went
before (FALLBACK): bottom right of the last page; with the name but no room above it, bottom
right of the name's page.
"""

import re
from dataclasses import dataclass

from printing import pdfglyphs
from printing.pdfglyphs import CM

# The page's margins (templates/pdf/document.css): left 3 cm, right 2 cm, top 2.5 cm.
LEFT, RIGHT, TOP = 3 * CM, 2 * CM, 2.5 * CM
# The signer's column (`.signature .signer`): from 6 cm inside the left margin to the right margin,
# its lines centred; a line is in it when its middle is within COLUMN_SLACK of the column's.
SIGNER_INDENT, COLUMN_SLACK = 6 * CM, 0.3 * CM
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
    """The page's text as lines: (baseline from the top, text), top to bottom."""
    rows: dict[int, list] = {}
    for line in pdfglyphs.lines(page):
        rows.setdefault(round(line.top), []).append(line)
    return [(top, "".join(part.text for part in sorted(parts, key=lambda p: p.x))) for top, parts in sorted(rows.items())]


def _on_line(runs, baseline: float) -> list:
    """The glyph runs of the line at that baseline."""
    return [run for run in runs if abs(run.top - baseline) < 1.5]


def _glyph_box(run):
    """A run's extent from the top of the page: x0, top, x1, bottom."""
    size = run.size or 16
    return run.x0, run.top - ASCENT * size, run.x1, run.top + DESCENT * size


@dataclass(frozen=True)
class _NameLine:
    baseline: float  # from the top of the page
    name: str  # what is inside the parentheses, without spaces
    in_column: bool  # centred in the signer's column


def _name_lines(page) -> list[_NameLine]:
    """The page's lines that are only "(…)", bottom first."""
    rows = [(top, match[1]) for top, text in reversed(_rows(page)) if (match := _NAME_LINE.match(_plain(text)))]
    if not rows:
        return []
    runs = [run for run in pdfglyphs.glyph_runs(page) if run.x1 > run.x0]
    centre = (LEFT + SIGNER_INDENT + float(page.mediabox.width) - RIGHT) / 2
    found = []
    for top, name in rows:
        line = _on_line(runs, top)
        middle = (min(run.x0 for run in line) + max(run.x1 for run in line)) / 2 if line else None
        found.append(_NameLine(top, name, middle is not None and abs(middle - centre) <= COLUMN_SLACK))
    return found


def _is_signer(line: _NameLine, wanted: str) -> bool:
    """The printed name is the one passed, or holds it; or is held in it (a certificate's subject
    "CN=…,O=…"), then only in the signer's column, as a short "(…)" in a table may be."""
    return wanted in line.name or (line.in_column and line.name in wanted)


def signature_place(content: bytes, signer_name: str = "") -> Place:
    document = pdfglyphs.reader(content)
    last_first = range(len(document.pages) - 1, -1, -1)
    read: dict[int, list[_NameLine]] = {}

    def name_lines(index):
        if index not in read:
            read[index] = _name_lines(document.pages[index])
        return read[index]

    wanted = _plain(signer_name)
    if wanted:
        for index in last_first:
            for line in name_lines(index):
                if _is_signer(line, wanted):
                    box = _above_name(document.pages[index], line.baseline)
                    return Place(page=index, box=box or FALLBACK, found=box is not None)
    # No page prints the name: the signer's block is a "(…)" in the signer's column with the space
    # for the pen above it (a table's line in that column has the line before it just above).
    for index in last_first:
        for line in name_lines(index):
            if line.in_column and (box := _above_name(document.pages[index], line.baseline)) is not None:
                return Place(page=index, box=box, found=True)
    return Place(page=len(document.pages) - 1, box=FALLBACK, found=False)


def _above_name(page, baseline: float):
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    runs = [run for run in pdfglyphs.glyph_runs(page) if run.x1 > run.x0]
    name = [_glyph_box(run) for run in _on_line(runs, baseline)]
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
