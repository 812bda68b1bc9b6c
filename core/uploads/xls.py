"""The extent of every sheet of an .xls, read from its records before any reader opens it.

A reader allocates a sheet's whole used rectangle (A1 to its last cell), so a tiny .xls with one
cell at IV65536, or a DIMENSIONS record claiming it, costs 16.7 million cells. `sheet_extents`
walks the BIFF records of the workbook stream inside the OLE container (olefile parses the
container; the stream's sectors are then read in windows of 1 MB, never whole): the globals'
BOUNDSHEET records give each sheet's offset, and from there each sheet's DIMENSIONS record and
cell records (their row and column) give its last row and column.
"""

import struct
from dataclasses import dataclass

import olefile

WINDOW = 1024 * 1024
BOF = {0x0809, 0x0409, 0x0209, 0x0009}
EOF, BOUNDSHEET, FILEPASS, DIMENSIONS = 0x000A, 0x0085, 0x002F, 0x0200
MULRK, MULBLANK = 0x00BD, 0x00BE
# Records that start with a cell's row and column (BIFF8, BIFF5 and older variants).
# (ROW records are not counted: a row formatted to the sheet's end has one and no cells.)
CELLS = {0x0006, 0x0206, 0x0406, 0x0201, 0x0203, 0x0204, 0x0205, 0x00FD, 0x027E, 0x00D6,
         0x0001, 0x0002, 0x0003, 0x0004, 0x0005}
HEAD = struct.Struct("<HHHH")  # a record's type and length, and its first four bytes


class Unwalkable(Exception):
    """The workbook stream is not a sequence of records that can be followed."""


class Encrypted(Exception):
    """The workbook carries a FILEPASS record: its records after it are encrypted."""


@dataclass
class Extent:
    name: str
    rows: int = 0  # last row, 1-based (0: empty)
    columns: int = 0
    cells: int = 0

    @property
    def area(self) -> int:
        return self.rows * self.columns

    def reach(self, row, column):
        self.rows, self.columns = max(self.rows, row + 1), max(self.columns, column + 1)


class _Stream:
    """Reads a stream of an OLE file by offset through its sector chain, one window at a time."""

    def __init__(self, ole, name):
        entry = ole.direntries[ole._find(name)]
        self.size = entry.size
        self.small = None
        if self.size < ole.minisectorcutoff:  # in the ministream: at most 4 KB
            self.small = ole.openstream(name).read()
            self.start, self.window = 0, self.small
            return
        self.fp, self.sector = ole.fp, ole.sectorsize
        needed = -(-self.size // self.sector)
        self.chain, sect = [], entry.isectStart
        while len(self.chain) < needed:
            if not 0 <= sect < len(ole.fat):
                raise Unwalkable("broken sector chain")
            self.chain.append(sect)
            sect = ole.fat[sect]
        self.start, self.window = 0, b""

    def _load(self, pos, length):
        parts, first = [], pos // self.sector
        last = min(len(self.chain), -(-(pos + max(length, WINDOW)) // self.sector))
        for sect in self.chain[first:last]:
            self.fp.seek((sect + 1) * self.sector)
            parts.append(self.fp.read(self.sector))
        self.start = first * self.sector
        self.window = b"".join(parts)[:self.size - self.start]

    def read(self, pos, length):
        if self.small is None and not (self.start <= pos and pos + length <= self.start + len(self.window)):
            self._load(pos, length)
        data = self.window[pos - self.start:pos - self.start + length]
        if len(data) != length:
            raise Unwalkable("record past the end of the stream")
        return data

    def head(self, pos):
        """A record's type, length and first two 16-bit fields (0 past the stream's end)."""
        offset = pos - self.start
        if self.small is None and not (self.start <= pos and pos + 8 <= self.start + len(self.window)):
            self._load(pos, 8)
            offset = pos - self.start
        if offset + 8 <= len(self.window):
            return HEAD.unpack_from(self.window, offset)
        return HEAD.unpack((self.read(pos, min(8, self.size - pos)) + bytes(8))[:8])


def _records(stream, pos, budget):
    """(type, offset of its data, length, first, second) from a BOF at `pos` to its EOF, where
    first and second are the data's first two 16-bit fields (a cell's row and column); `budget`
    (a one-item list) is the bytes left to walk, so that overlapping sheets cannot make the walk
    quadratic."""
    depth = 0
    while pos + 4 <= stream.size:
        kind, length, first, second = stream.head(pos)
        budget[0] -= 4 + length
        if budget[0] < 0:
            raise Unwalkable("sheets overlap")
        if depth == 0 and kind not in BOF:
            raise Unwalkable("a substream that does not start with BOF")
        depth += kind in BOF
        yield kind, pos + 4, length, first, second
        pos += 4 + length
        if kind == EOF:
            depth -= 1
            if depth == 0:
                return
    if pos != stream.size and depth:
        raise Unwalkable("a record cut off")


def _sheet(stream, offset, name, budget):
    extent = Extent(name)
    for kind, at, length, row, column in _records(stream, offset, budget):
        if kind in CELLS and length >= 4:
            extent.cells += 1
            extent.reach(row, column)
        elif kind in (MULRK, MULBLANK) and length >= 6:
            (last,) = struct.unpack("<H", stream.read(at + length - 2, 2))
            extent.cells += max(last - column + 1, 0)
            extent.reach(row, max(column, last))
        elif kind == DIMENSIONS and length >= 8:
            if length >= 14:  # BIFF8: 32-bit rows
                _, end_row, _, end_column = struct.unpack("<IIHH", stream.read(at, 12))
            else:
                _, end_row, _, end_column = struct.unpack("<HHHH", stream.read(at, 8))
            extent.reach(end_row - 1, end_column - 1)  # both are "last + 1"
    return extent


def _name(data):
    """A BOUNDSHEET's name (BIFF8 ShortXLUnicodeString; BIFF5 a byte string): only for messages."""
    count = data[6] if len(data) > 6 else 0
    if len(data) > 7 and data[7] & 1:
        return data[8:8 + 2 * count].decode("utf-16-le", "replace")
    return data[8:8 + count].decode("latin-1")


def sheet_extents(path):
    """[Extent] of every sheet of the .xls at `path`; Unwalkable or Encrypted."""
    try:
        ole = olefile.OleFileIO(str(path))
    except (OSError, ValueError, IndexError, struct.error) as error:
        raise Unwalkable(str(error)) from error
    with ole:
        name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
        if name is None:
            raise Unwalkable("no workbook stream")
        try:
            stream = _Stream(ole, name)
            budget, sheets = [stream.size], []
            for kind, at, length, _, _ in _records(stream, 0, budget):
                if kind == FILEPASS:
                    raise Encrypted
                if kind == BOUNDSHEET and length >= 8:
                    data = stream.read(at, length)
                    sheets.append((struct.unpack_from("<I", data)[0], _name(data)))
            return [_sheet(stream, offset, sheet, budget) for offset, sheet in sheets]
        except (OSError, ValueError, IndexError, struct.error) as error:
            raise Unwalkable(str(error)) from error
