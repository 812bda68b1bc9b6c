"""The guard every uploaded spreadsheet passes before any reader opens it.

`guard_spreadsheet(path)` tells the format from the file's bytes (never from its name): an .xlsx
or .ods is a zip holding XML, an .xls an OLE container, a .csv plain text. It refuses, with a
Thai message, anything whose reading could take the worker's memory or time:

- a zip whose members unpack to more than UPLOAD_UNPACKED_LIMIT_MB, or with a member compressed
  more than UPLOAD_ZIP_RATIO times (a "zip bomb" of a few kilobytes can unpack to gigabytes);
- shared strings (xlsx) of more than UPLOAD_SHARED_STRINGS_MB or UPLOAD_MAX_CELLS strings: a
  reader keeps every shared string in memory for as long as it reads the sheet;
- a sheet whose cells, or whose used area (last row × last column, which a reader allocates),
  pass UPLOAD_MAX_CELLS;
- XML with a DOCTYPE (entity expansion, "billion laughs", external entities): no spreadsheet
  program writes one, so any DTD at all is refused; XML not in UTF-8 is refused too, so that
  the check cannot be dodged by re-encoding.

Every member is read once, as a stream, in chunks of 1 MB (its CRC checked by zipfile on the
way): memory stays flat whatever the file holds. The readers (groups.spreadsheets.files and the
format readers) open the file only after this has passed.
"""

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from django.conf import settings

from core.uploads import xls
from core.uploads.errors import SpreadsheetRefused, UploadRefused
from core.uploads.limits import MB, check_size

FORMATS = ("xlsx", "xls", "ods", "csv")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
MAX_ZIP_MEMBERS = 2_000
CHUNK = 1024 * 1024
# Members small enough to be ordinary however well they compress (styles, an empty sheet).
RATIO_FREE_BYTES = 1024 * 1024

CORRUPT = "ไฟล์เสียหาย ระบบเปิดอ่านไม่ได้ กรุณาเปิดใน Excel ตรวจสอบ แล้วบันทึกเป็นไฟล์ .xlsx ใหม่"
# The same words as core.tabular's reader for a damaged file it cannot open (that reader reads .xls).
XLS_CORRUPT = "ไฟล์เสียหาย ระบบเปิดอ่านไม่ได้ กรุณาเปิดใน Excel หรือ LibreOffice ตรวจสอบ แล้วบันทึกเป็นไฟล์ใหม่"
NOT_A_SPREADSHEET = "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) กรุณาใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ"
UNPACKS_TOO_LARGE = "ไฟล์นี้มีข้อมูลเมื่อแตกไฟล์แล้วใหญ่ผิดปกติ อาจเป็นไฟล์อันตราย ระบบจึงไม่เปิดอ่าน"
UNSAFE_XML = "ไฟล์นี้มีโครงสร้าง XML ที่ไม่ปลอดภัย (DOCTYPE/ENTITY) อาจเป็นไฟล์อันตราย ระบบจึงไม่เปิดอ่าน"
ENCRYPTED = ("ไฟล์นี้ตั้งรหัสผ่านไว้ ระบบเปิดอ่านไม่ได้ กรุณาเปิดใน Excel เอารหัสผ่านออก แล้วบันทึกเป็นไฟล์ "
             ".xlsx ใหม่")
HTML = "ไฟล์นี้เป็นหน้าเว็บ (HTML) ที่ตั้งชื่อเป็นไฟล์ Excel กรุณาเปิดใน Excel แล้วบันทึกเป็น .xlsx ก่อนนำเข้า"
# What to say when a file is a real spreadsheet in a format the caller does not take (yet).
WRONG_FORMAT = {
    "xls": "ไฟล์นี้เป็น Excel รุ่นเก่า (.xls) กรุณาเปิดแล้วบันทึกเป็น “สมุดงาน Excel (.xlsx)” ก่อนนำเข้า",
    "ods": "ไฟล์นี้เป็นไฟล์ .ods กรุณาบันทึกเป็น “Excel 2007-365 (.xlsx)” ก่อนนำเข้า",
    "csv": NOT_A_SPREADSHEET,
}


@dataclass(frozen=True)
class GuardedSpreadsheet:
    """A file that passed the guard: pass it (it is path-like) to a reader."""

    path: Path
    format: str  # one of FORMATS, from the content

    def __fspath__(self):
        return str(self.path)

    def __str__(self):
        return str(self.path)


def _too_many_cells(cells: int, what: str = "") -> SpreadsheetRefused:
    limit = settings.UPLOAD_MAX_CELLS
    where = f"แผ่นงาน “{what}” " if what else "ไฟล์นี้"
    return SpreadsheetRefused(
        f"{where}มีเซลล์มากเกินไป (อย่างน้อย {cells:,} เซลล์ รับได้ไม่เกิน {limit:,} เซลล์) กรุณาลบแถวหรือคอลัมน์ว่าง"
        "ท้ายตาราง หรือแบ่งเป็นหลายไฟล์", code="too_many_cells")


def detect_format(path) -> str:
    """xlsx, ods, xls or csv from the bytes; SpreadsheetRefused for anything else."""
    with open(path, "rb") as handle:
        head = handle.read(64 * 1024)
    if head.startswith(OLE_MAGIC):
        return "xls"
    if head.startswith(b"PK"):
        if not zipfile.is_zipfile(path):
            raise SpreadsheetRefused(CORRUPT, code="corrupt")
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "content.xml" in names and "mimetype" in names:
                    info = archive.getinfo("mimetype")
                    if info.file_size < 200 and archive.read(info).strip() == ODS_MIMETYPE:
                        return "ods"
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as error:
            raise SpreadsheetRefused(CORRUPT, code="corrupt") from error
        raise SpreadsheetRefused(NOT_A_SPREADSHEET, code="not_spreadsheet")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta")):
        raise SpreadsheetRefused(HTML if b"<?xml" not in text[:5] else NOT_A_SPREADSHEET, code="html")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\0" not in head:
        return "csv"
    raise SpreadsheetRefused(NOT_A_SPREADSHEET, code="not_spreadsheet")


def guard_spreadsheet(path, *, formats=FORMATS) -> GuardedSpreadsheet:
    """Checks a spreadsheet on disk before any reader opens it; the format is from its content.
    `formats` is what the caller can read: another real spreadsheet format gets a message saying
    how to save the file so that it is read."""
    path = Path(path)
    try:
        check_size(path)
    except UploadRefused as error:
        raise SpreadsheetRefused(str(error), code=error.code) from None
    kind = detect_format(path)
    if kind == "xls":
        _guard_ole(path)  # an encrypted .xlsx is an OLE file too: say so before "old format"
    if kind not in formats:
        raise SpreadsheetRefused(WRONG_FORMAT.get(kind, NOT_A_SPREADSHEET), code="wrong_format")
    if kind in ("xlsx", "ods"):
        _guard_zip(path, kind)
    elif kind == "csv":
        _guard_csv(path)
    return GuardedSpreadsheet(path=path, format=kind)


# ---------------------------------------------------------------- .xls and .csv


def _chunks(handle):
    while chunk := handle.read(CHUNK):
        yield chunk


def _guard_ole(path):
    """Excel keeps a password-protected .xlsx in an OLE container with an EncryptionInfo stream.
    An .xls is not compressed, but a reader allocates each sheet's area from A1 to its last cell
    (or what its DIMENSIONS record claims): every sheet's extent is read from the records."""
    tail = b""
    with open(path, "rb") as handle:
        for chunk in _chunks(handle):
            if ENCRYPTED_MARK in tail + chunk:
                raise SpreadsheetRefused(ENCRYPTED, code="encrypted")
            tail = chunk[-len(ENCRYPTED_MARK):]
    try:
        extents = xls.sheet_extents(path)
    except xls.Encrypted:
        raise SpreadsheetRefused(ENCRYPTED, code="encrypted") from None
    except xls.Unwalkable as error:
        raise SpreadsheetRefused(XLS_CORRUPT, code="corrupt") from error
    for extent in extents:
        if max(extent.area, extent.cells) > settings.UPLOAD_MAX_CELLS:
            raise _too_many_cells(max(extent.area, extent.cells), extent.name)


def _guard_csv(path):
    """A CSV's cells are about its separators and line ends; a reader turns each into an object."""
    cells = 0
    limit = settings.UPLOAD_MAX_CELLS
    with open(path, "rb") as handle:
        for chunk in _chunks(handle):
            cells += chunk.count(b",") + chunk.count(b";") + chunk.count(b"\t") + chunk.count(b"\n")
            if cells > limit:
                raise _too_many_cells(cells)


# ---------------------------------------------------------------- zip containers


def _guard_zip(path, kind):
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_directory(members)
            for member in members:
                if member.is_dir():
                    continue
                scanner = _scanner_for(kind, member.filename)
                with archive.open(member) as stream:
                    for chunk in _chunks(stream):
                        scanner.feed(chunk)
                scanner.close()
    except SpreadsheetRefused:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError, ValueError) as error:
        # A bad CRC, a member that unpacks to more than the directory says, an encrypted member.
        raise SpreadsheetRefused(CORRUPT, code="corrupt") from error


def _check_directory(members):
    """What the central directory declares, before a byte is unpacked."""
    unpacked = sum(m.file_size for m in members)
    if len(members) > MAX_ZIP_MEMBERS or unpacked > settings.UPLOAD_UNPACKED_LIMIT_MB * MB:
        raise SpreadsheetRefused(UNPACKS_TOO_LARGE, code="unpacks_too_large")
    ratio = settings.UPLOAD_ZIP_RATIO
    for member in members:
        if member.file_size > RATIO_FREE_BYTES and member.file_size > ratio * max(member.compress_size, 1):
            raise SpreadsheetRefused(UNPACKS_TOO_LARGE, code="zip_ratio")
    for member in members:
        if member.filename == "xl/sharedStrings.xml" and member.file_size > settings.UPLOAD_SHARED_STRINGS_MB * MB:
            raise _shared_strings_refused()


def _shared_strings_refused():
    return SpreadsheetRefused(
        f"ไฟล์นี้มีข้อความรวมกันใหญ่ผิดปกติ (เกิน {settings.UPLOAD_SHARED_STRINGS_MB} MB หรือ "
        f"{settings.UPLOAD_MAX_CELLS:,} ข้อความ) อาจเป็นไฟล์อันตราย ระบบจึงไม่เปิดอ่าน กรุณาแบ่งเป็นหลายไฟล์",
        code="shared_strings")


def _scanner_for(kind, name):
    if not name.endswith((".xml", ".rels", ".vml")):
        return _Scanner(name)
    if kind == "xlsx" and name.startswith("xl/worksheets/") and name.count("/") == 2:
        return _SheetScanner(name)
    if kind == "xlsx" and name == "xl/sharedStrings.xml":
        return _SharedStringsScanner(name)
    if kind == "ods" and name == "content.xml":
        return _OdsContentScanner(name)
    return _XmlScanner(name)


class _Scanner:
    """Reads a member to its end (zipfile checks its CRC and its declared size)."""

    def __init__(self, name):
        self.name = name

    def feed(self, chunk):
        pass

    def close(self):
        pass


class _XmlScanner(_Scanner):
    """Refuses a DTD anywhere in the member, and XML that is not UTF-8."""

    FORBIDDEN = re.compile(rb"<!DOCTYPE|<!ENTITY")  # XML keywords are upper case
    OVERLAP = 16

    def __init__(self, name):
        super().__init__(name)
        self.started = False
        self.tail = b""

    def feed(self, chunk):
        if not self.started:
            self.started = True
            if chunk.startswith((b"\xff\xfe", b"\xfe\xff", b"<\0", b"\0<", b"\x4c\x6f\xa7\x94")):
                raise SpreadsheetRefused(UNSAFE_XML, code="xml_encoding")
        if self.FORBIDDEN.search(self.tail + chunk):
            raise SpreadsheetRefused(UNSAFE_XML, code="xml_dtd")
        self.tail = chunk[-self.OVERLAP:]
        self.scan(chunk)

    def scan(self, chunk):
        pass


class _TagCounter(_XmlScanner):
    """Scans a stream of XML for start tags without splitting one between two chunks: each
    chunk is cut just before its last "<" and the rest goes with the next chunk."""

    def __init__(self, name):
        super().__init__(name)
        self.carry = b""

    # The counts below read elements by their plain names; a reader takes `<x:c>` for `<c>` once
    # x is bound to the same namespace. No spreadsheet program writes these elements with a
    # prefix, so a prefixed one is refused (names cannot be disguised with character references).
    PREFIXED = re.compile(rb":(?:c|row|si|dimension|sheetData|is|t|v)[\s>/]")
    TAG_NAME = re.compile(rb"<[A-Za-z_][A-Za-z0-9_.-]*")

    def scan(self, chunk):
        data = self.carry + chunk
        cut = data.rfind(b"<")
        if cut <= 0 or len(data) - cut > CHUNK:
            cut = len(data)
        self.carry = data[cut:]
        self.examine(data[:cut])

    def examine(self, data):
        for match in self.PREFIXED.finditer(data):
            opening = data.rfind(b"<", max(0, match.start() - 64), match.start())
            if opening != -1 and self.TAG_NAME.fullmatch(data, opening, match.start()):
                raise SpreadsheetRefused(UNSAFE_XML, code="xml_prefix")
        self.count(data)

    def close(self):
        if self.carry:
            self.examine(self.carry)
            self.carry = b""
        self.finish()

    def count(self, data):
        raise NotImplementedError

    def finish(self):
        pass


_COLUMN_VALUES = {}


def column_number(letters: bytes) -> int:
    """A1-style column letters → 1-based column number (XFD → 16,384)."""
    number = _COLUMN_VALUES.get(letters)
    if number is None:
        number = 0
        for letter in letters:
            number = number * 26 + (letter - 64)
        _COLUMN_VALUES[letters] = number
    return number


class _SheetScanner(_TagCounter):
    """An xlsx worksheet: how many cells, and the area from A1 to its last row and column (a
    reader allocates that whole rectangle, so one cell at XFD1048576 is 17 billion cells).

    Written for speed on a national file (3 million cells, about one scan of the bytes per
    pattern): a cell's reference is read by a regular expression only where it is unusual (a
    column past Z, or `r` not the first attribute); the last one-letter column is found by one
    search for a letter past the last one seen."""

    CELL = re.compile(rb"<c[\s>/]")
    LONG_COLUMN = re.compile(rb'<c r="([A-Z]{2,3})[0-9]')
    LATE_REFERENCE = re.compile(rb'<c\s+(?!r=)[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
    ROW = re.compile(rb'<row\s[^>]*?\br="([0-9]{1,7})"')
    DIMENSION = re.compile(rb'<dimension\s[^>]*?\bref="(?:[A-Z]{1,3}[0-9]{1,7}:)?([A-Z]{1,3})([0-9]{1,7})"')
    # PAST[n]: a cell in a one-letter column after the n-th letter (PAST[0]: any of A–Z).
    PAST = [re.compile(rb'<c r="[' + bytes(range(65 + n, 91)) + rb'][0-9]') for n in range(26)] + [None]

    def __init__(self, name):
        super().__init__(name)
        self.cells = self.rows = self.last_row = self.last_column = 0
        self.in_data = False

    def count(self, data):
        cells = len(self.CELL.findall(data))
        self.cells += cells
        self.rows += data.count(b"<row")
        past = self.PAST[min(self.last_column, 26)]
        if past is not None and past.search(data):
            for letter in range(90, 64 + self.last_column, -1):
                if b'<c r="' + bytes([letter]) in data:
                    self.last_column = letter - 64
                    break
        for letters in self.LONG_COLUMN.findall(data):
            self.last_column = max(self.last_column, column_number(letters))
        if data.count(b'<c r="') < cells:  # some cells give their place in another way
            for letters, _row in self.LATE_REFERENCE.findall(data):
                self.last_column = max(self.last_column, column_number(letters))
        for row in self.ROW.findall(data):
            self.last_row = max(self.last_row, int(row))
        if not self.in_data:  # the dimension comes before the cells
            for letters, row in self.DIMENSION.findall(data):
                self.last_column = max(self.last_column, column_number(letters))
                self.last_row = max(self.last_row, int(row))
            self.in_data = b"<sheetData" in data
        self.check()

    def check(self):
        limit = settings.UPLOAD_MAX_CELLS
        # Rows without their number follow the one before: the last row is at least the count.
        area = max(self.last_row, self.rows) * max(self.last_column, 1 if self.cells else 0)
        if self.cells > limit or area > limit:
            raise _too_many_cells(max(self.cells, area), self.name.rsplit("/", 1)[-1].removesuffix(".xml"))


class _SharedStringsScanner(_TagCounter):
    STRING = re.compile(rb"<si[\s>/]")

    def __init__(self, name):
        super().__init__(name)
        self.strings = 0

    def count(self, data):
        self.strings += len(self.STRING.findall(data))
        if self.strings > settings.UPLOAD_MAX_CELLS:
            raise _shared_strings_refused()


class _OdsContentScanner(_XmlScanner):
    """An .ods content.xml through expat (a stream parser; DTDs already refused): rows and cells
    may say "repeated N times", so the cells a reader may build are counted with their repeats.
    Empty repeats (LibreOffice pads every sheet to its last row and column with them) count only
    when a filled row or cell comes after them."""

    TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"

    def __init__(self, name):
        super().__init__(name)
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.StartDoctypeDeclHandler = self._refuse
        self.parser.EntityDeclHandler = self._refuse
        self.cells = 0
        self.table = ""
        self.row_at = self.row_repeat = self.column_at = 0
        self.row_cells = self.row_last_column = 0
        self.last_row = self.last_column = 0
        self.in_cell = None

    def _refuse(self, *args):
        raise SpreadsheetRefused(UNSAFE_XML, code="xml_dtd")

    def scan(self, chunk):
        try:
            self.parser.Parse(chunk, False)
        except expat.ExpatError as error:
            raise SpreadsheetRefused(CORRUPT, code="corrupt") from error

    def close(self):
        try:
            self.parser.Parse(b"", True)
        except expat.ExpatError as error:
            raise SpreadsheetRefused(CORRUPT, code="corrupt") from error

    def _repeat(self, attributes, name):
        try:
            return max(1, int(attributes.get(f"{self.TABLE} {name}", "1")))
        except ValueError:
            return 1

    def _start(self, tag, attributes):
        if tag == f"{self.TABLE} table":
            self.table = attributes.get(f"{self.TABLE} name", "")
            self.row_at = self.last_row = self.last_column = 0
        elif tag == f"{self.TABLE} table-row":
            self.row_repeat = self._repeat(attributes, "number-rows-repeated")
            self.column_at = self.row_cells = self.row_last_column = 0
        elif tag in (f"{self.TABLE} table-cell", f"{self.TABLE} covered-table-cell"):
            repeat = self._repeat(attributes, "number-columns-repeated")
            self.in_cell = (repeat, f"{self.OFFICE} value-type" in attributes)
            self.column_at += repeat
        elif self.in_cell is not None and not self.in_cell[1]:
            self.in_cell = (self.in_cell[0], True)  # text inside the cell: it is filled

    def _end(self, tag):
        if tag in (f"{self.TABLE} table-cell", f"{self.TABLE} covered-table-cell"):
            repeat, filled = self.in_cell
            if filled:
                self.row_cells += repeat
                self.row_last_column = self.column_at
            self.in_cell = None
        elif tag == f"{self.TABLE} table-row":
            self.row_at += self.row_repeat
            if self.row_cells:
                self.cells += self.row_cells * self.row_repeat
                self.last_row = self.row_at
                self.last_column = max(self.last_column, self.row_last_column)
                self._check()

    def _check(self):
        limit = settings.UPLOAD_MAX_CELLS
        area = self.last_row * self.last_column
        if self.cells > limit or area > limit:
            raise _too_many_cells(max(self.cells, area), self.table)
