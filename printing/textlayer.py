"""The PDF's text layer made to say what was typed (WeasyPrint 70 gets Thai sara am wrong).

HarfBuzz draws ำ (SARA AM) as two glyphs, NIKHAHIT and SARA AA, and may move tone marks between
them ("น้ำ" is drawn น, nikhahit, ้, า). WeasyPrint writes one ToUnicode entry per glyph, taken
from the cluster where the glyph was first drawn, so the glyph of า maps to "า" or to "ำ" (or
"้ำ") depending on which came first, and every other ำ or า in the file extracts wrongly
(WeasyPrint issue #2841, still open in 70.0). Other glyphs that share a cluster with a mark may
map to "" or to the whole cluster the same way.

`fix_text_layer` is a WeasyPrint `finisher`: it runs on the PDF's objects before they are
written and, for each embedded TH Sarabun New font,

- rebuilds the ToUnicode map from the font itself: each glyph maps to the character its name
  gives ("uni0E48.alt2" is ่, a lowered or shifted variant of the same mark) or that the font's
  cmap maps to it; ligature glyphs and glyphs of other fonts keep WeasyPrint's entry;
- gives the two glyphs of every ำ their own codes, drawn with the same glyphs (CIDToGIDMap) and
  the same widths: SARA AA as part of ำ maps to "ำ", NIKHAHIT as part of ำ maps to nothing, so
  "น้ำ" extracts as น + ้ + ำ, which is the typed text.

Nothing drawn changes: only codes in the text-showing operators, the widths of the new codes,
the code-to-glyph map and ToUnicode. tests/documents/test_text_layer.py checks every document's
text with pdftotext and pypdf, and checks that WeasyPrint's own output is still wrong: when that
test fails, WeasyPrint has fixed the bug and this module can go.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pydyf
from django.conf import settings
from fontTools.ttLib import TTFont

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts" / "THSarabunNew"
NIKHAHIT, SARA_AA, SARA_AM = "\u0e4d", "\u0e32", "\u0e33"
TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"  # and the marks HarfBuzz may put between them
_GLYPH_NAME = re.compile(r"^uni([0-9A-F]{4})(?:\.(\w+))?$")
_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")
_TF = re.compile(rb"^/(\S+) [\d.]+ Tf$")


@dataclass(frozen=True)
class FontText:
    """What each glyph of one font file says, read from the font's own names and cmap."""

    text: dict[int, str]  # glyph id -> text, for glyphs whose text is certain
    nikhahit: frozenset[int]  # NIKHAHIT and its shifted variants
    marks: frozenset[int]  # tone marks (and variants) HarfBuzz may put between the two
    sara_aa: int
    glyph_count: int


def _font_text(path: Path) -> FontText:
    font = TTFont(path, lazy=True)
    order = font.getGlyphOrder()
    reverse = font["cmap"].buildReversed()
    text = {}
    for gid, name in enumerate(order):
        match = _GLYPH_NAME.match(name)
        if match and match[2] != "liga":
            text[gid] = chr(int(match[1], 16))
            continue
        codepoints = sorted(c for c in reverse.get(name, ()) if not 0xE000 <= c <= 0xF8FF)
        if codepoints and "." not in name:
            text[gid] = chr(codepoints[0])
    nikhahit = frozenset(g for g, t in text.items() if t == NIKHAHIT)
    marks = frozenset(g for g, t in text.items() if t in TONE_MARKS)
    sara_aa = order.index(font.getBestCmap()[ord(SARA_AA)])
    return FontText(text=text, nikhahit=nikhahit, marks=marks, sara_aa=sara_aa, glyph_count=len(order))


@cache
def _fonts() -> dict[str, FontText]:
    """The vendored fonts by the name WeasyPrint gives them in the PDF ("TH-Sarabun-New-Bold")."""
    found = {}
    for path in sorted(FONT_DIR.glob("*.ttf")):
        names = TTFont(path, lazy=True)["name"]
        family, style = names.getDebugName(1), names.getDebugName(2)
        pdf_name = family if style == "Regular" else f"{family} {style}"
        found[pdf_name.replace(" ", "-")] = _font_text(path)
    return found


def _number(reference) -> int:
    return int(bytes(reference).split()[0]) if not isinstance(reference, int) else reference


class _FontFix:
    """The codes of one PDF font: which are used, the new ones for ำ, and their entries."""

    def __init__(self, pdf, font_dict, font: FontText):
        self.pdf, self.font_dict, self.font = pdf, font_dict, font
        self.descendant = pdf.objects[_number(font_dict["DescendantFonts"][0])]
        self.to_unicode_stream = pdf.objects[_number(font_dict["ToUnicode"])]
        self.existing = {
            int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
            for code, text in _BFCHAR.findall(b"\n".join(self.to_unicode_stream.stream))
        }
        self.new_codes: dict[tuple[int, str], int] = {}
        self.next_code = max([font.glyph_count, *self.existing]) + 1
        hexes = lambda gids: b"|".join(f"{g:04x}".encode() for g in sorted(gids))  # noqa: E731
        adjustment = rb"(?:>-?[\d.]+<)?"
        # Codes are 4 hex digits and every glyph id is below 0x1000, so a match starting on a
        # digit that is not the first of a code is impossible: each code starts with "0".
        assert font.glyph_count < 0x1000
        self.pattern = re.compile(
            rb"(" + hexes(font.nikhahit) + rb")((?:" + adjustment + rb"(?:" + hexes(font.marks) + rb"))*"
            + adjustment + rb")(" + hexes({font.sara_aa}) + rb")")
        self.nikhahit_hex = [f"{g:04x}".encode() for g in font.nikhahit]

    def _code(self, gid: int, text: str) -> bytes:
        key = (gid, text)
        if key not in self.new_codes:
            self.new_codes[key] = self.next_code
            self.next_code += 1
        return f"{self.new_codes[key]:04x}".encode()

    def rewrite(self, chunk: bytes) -> bytes:
        """One `[...] TJ` operator with the glyphs of each ำ given their own codes."""
        if not any(code in chunk for code in self.nikhahit_hex):
            return chunk

        def replace(match):
            return self._code(int(match[1], 16), "") + match[2] + self._code(self.font.sara_aa, SARA_AM)

        return self.pattern.sub(replace, chunk)

    def finish(self, compress: bool):
        entries = {}
        for code, weasy_text in self.existing.items():
            entries[code] = self.font.text.get(code, weasy_text)
        for (_gid, text), code in self.new_codes.items():
            entries[code] = text
        self._write_to_unicode(entries)
        if not self.new_codes:
            return
        widths = self._widths()
        extra = pydyf.Array()
        for (gid, _text), code in self.new_codes.items():
            extra.extend([code, pydyf.Array([widths.get(gid, 0)])])
        self.descendant["W"] = pydyf.Array([*self.descendant["W"], *extra])
        size = self.next_code
        table = bytearray(2 * size)
        for code in range(min(size, 0x10000)):
            table[2 * code:2 * code + 2] = code.to_bytes(2, "big")
        for (gid, _text), code in self.new_codes.items():
            table[2 * code:2 * code + 2] = gid.to_bytes(2, "big")
        stream = pydyf.Stream([bytes(table)], compress=compress)
        self.pdf.add_object(stream)
        self.descendant["CIDToGIDMap"] = stream.reference

    def _widths(self) -> dict[int, float]:
        widths, array, index = {}, list(self.descendant["W"]), 0
        while index < len(array):
            first, following = array[index], array[index + 1]
            if isinstance(following, list):
                for offset, width in enumerate(following):
                    widths[first + offset] = width
                index += 2
            else:
                for gid in range(first, following + 1):
                    widths[gid] = array[index + 2]
                index += 3
        return widths

    def _write_to_unicode(self, entries: dict[int, str]):
        lines = [chunk for chunk in self.to_unicode_stream.stream if b"bfchar" not in chunk
                 and not _BFCHAR.match(chunk)]
        end = lines.index(b"endcmap")
        body = []
        items = sorted(entries.items())
        for start in range(0, len(items), 100):
            batch = items[start:start + 100]
            body.append(f"{len(batch)} beginbfchar".encode())
            body.extend(f"<{code:04x}> <{text.encode('utf-16-be').hex()}>".encode() for code, text in batch)
            body.append(b"endbfchar")
        self.to_unicode_stream.stream[:] = lines[:end] + body + lines[end:]


def fix_text_layer(document, pdf, compress: bool = True):
    """WeasyPrint finisher (`document.write_pdf(finisher=...)`): see the module's docstring."""
    known = _fonts()
    fixes: dict[bytes, _FontFix] = {}
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Font" and obj.get("Subtype") == "/Type0":
            tag, _, name = bytes(obj["BaseFont"]).lstrip(b"/").partition(b"+")
            font = known.get(name.decode())
            if font is not None:
                fixes[tag] = _FontFix(pdf, obj, font)
    if not fixes:
        return
    for obj in pdf.objects:
        if not isinstance(obj, pydyf.Stream) or obj is None:
            continue
        current = None
        chunks = obj.stream
        for index, chunk in enumerate(chunks):
            if not isinstance(chunk, bytes):
                continue
            if chunk.endswith(b" Tf"):
                match = _TF.match(chunk)
                current = fixes.get(match[1]) if match else None
            elif current is not None and chunk.endswith(b"] TJ"):
                chunks[index] = current.rewrite(chunk)
    for fix in fixes.values():
        fix.finish(compress)
