"""Turning a spreadsheet file into rows: which format it is, its sheets' cells, where its header
is, and which rows under the header are not data.

Every spreadsheet the registry reads (the group and activity imports, the review sheet) comes
through here, so that each format is read the same way everywhere:

- `.xlsx` (Excel 2007+), `.xls` (Excel 97–2003) and `.ods` (LibreOffice) by python-calamine;
- `.csv` decoded as UTF-8 (with or without a BOM), UTF-16 with a BOM (Excel's "Unicode text"), or
  the Thai Windows code page cp874 (a superset of TIS-620), with `,`, `;` or tab between cells.

The format is told from the file's first bytes, never its name. What a file may weigh (size, zip
ratio, parts) is checked before this module opens it; this module caps what a sheet may span.
"""

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from python_calamine import CalamineError, CalamineWorkbook

from core.text import clean_text
from core.uploads import errors as _uploads_errors

MAX_ROWS = 250_000  # the whole country's activities fit in one file
MAX_COLUMNS = 200
HEADER_SEARCH_ROWS = 15  # title and note rows above the header
HEADER_DEPTH = 3  # a header over up to three rows (merged parent cells above sub-headers)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
FORMATS = ("xlsx", "xls", "ods", "csv")
ACCEPTED = ".xlsx, .xls, .ods หรือ .csv"
CORRUPT = "ไฟล์เสียหาย ระบบเปิดอ่านไม่ได้ กรุณาเปิดใน Excel หรือ LibreOffice ตรวจสอบ แล้วบันทึกเป็นไฟล์ใหม่"
NOT_A_SHEET = f"ไฟล์นี้ไม่ใช่ไฟล์ตารางที่ระบบอ่านได้ (รับ {ACCEPTED}) กรุณาใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ"


# One refusal for the guard and the reader: a Thai message (a ValidationError, so forms show it).
SpreadsheetRefused = _uploads_errors.SpreadsheetRefused


def _open(source):
    """A file path, or the file's bytes (an upload kept in memory)."""
    return io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else open(source, "rb")  # noqa: SIM115


def detect_format(source) -> str:
    """"xlsx", "xls", "ods" or "csv", from the file's first bytes; SpreadsheetRefused otherwise."""
    with _open(source) as handle:
        head = handle.read(8)
        if head == OLE_MAGIC:
            # Excel keeps a password-protected .xlsx inside an OLE container with an EncryptionInfo
            # stream; any other OLE file is an Excel 97–2003 workbook.
            handle.seek(0)
            if ENCRYPTED_MARK in handle.read():
                raise SpreadsheetRefused("ไฟล์นี้ตั้งรหัสผ่านไว้ ระบบเปิดอ่านไม่ได้ กรุณาเปิดใน Excel "
                                         "เอารหัสผ่านออก แล้วบันทึกเป็นไฟล์ใหม่")
            return "xls"
        handle.seek(0)
        if not zipfile.is_zipfile(handle):
            return "csv"
        handle.seek(0)
        try:
            with zipfile.ZipFile(handle) as archive:
                names = set(archive.namelist())
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "content.xml" in names and "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE:
                    return "ods"
        except (zipfile.BadZipFile, OSError, KeyError, NotImplementedError) as error:
            raise SpreadsheetRefused(CORRUPT) from error
    raise SpreadsheetRefused(NOT_A_SHEET)


# ---------------------------------------------------------------- cells of every sheet

def read_sheets(source, fmt: str | None = None) -> Iterator[tuple[str, list[list]]]:
    """Each sheet's name and rows (lists of cell values: str, int, float, bool, date, datetime,
    time, timedelta or None / ""), in the workbook's order. `source` is a path or the bytes."""
    fmt = fmt or detect_format(source)
    if fmt == "csv":
        yield "CSV", _csv_rows(source)
        return
    try:
        with _open(source) as handle:
            workbook = CalamineWorkbook.from_filelike(handle)
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            if sheet.total_height > MAX_ROWS or sheet.total_width > MAX_COLUMNS:
                # A sheet formatted down to row 1,048,576 compresses to almost nothing.
                raise SpreadsheetRefused(_too_big(name))
            yield name, sheet.to_python(skip_empty_area=False)
    except SpreadsheetRefused:
        raise
    except CalamineError as error:
        raise SpreadsheetRefused(CORRUPT) from error
    except Exception as error:  # calamine raises plain errors for damaged XML inside a good zip
        raise SpreadsheetRefused(CORRUPT) from error


def _too_big(name) -> str:
    return (f"แผ่นงาน “{name}” มีแถวหรือคอลัมน์มากเกินไป (รับได้ไม่เกิน {MAX_ROWS:,} แถว {MAX_COLUMNS:,} คอลัมน์) "
            "กรุณาลบแถวว่างท้ายตาราง หรือแบ่งเป็นหลายไฟล์")


def decode_text(data: bytes) -> str:
    """A CSV file's text: UTF-8 (BOM or not), UTF-16 with a BOM, else the Thai Windows code page."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise SpreadsheetRefused(NOT_A_SHEET) from error
    if b"\x00" in data:
        raise SpreadsheetRefused(NOT_A_SHEET)  # a binary file (an image, a PDF) is no CSV
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp874")  # TIS-620 and Windows-874: what Thai Windows machines write
    except UnicodeDecodeError as error:
        raise SpreadsheetRefused(NOT_A_SHEET) from error


def _csv_rows(source) -> list[list]:
    with _open(source) as handle:
        text = decode_text(handle.read())
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            if len(rows) >= MAX_ROWS or len(row) > MAX_COLUMNS:
                raise SpreadsheetRefused(_too_big("CSV"))
            rows.append(row)
    except csv.Error as error:
        raise SpreadsheetRefused(CORRUPT) from error
    return rows


# ---------------------------------------------------------------- the header

def is_blank(value) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not clean_text(value))


@dataclass
class Header:
    first_row: int  # index (0-based) of the header's first row
    data_row: int  # index of the first row under the header
    columns: dict  # column index → what `match` returned
    labels: dict  # column index → the header text as read (parts joined with " / ")


def _header_parts(rows, start, depth, width):
    """Each column's header parts over `depth` rows, as (text, own): an upper row's text carries
    right over the blank cells of a merged parent (จำนวนสมาชิก above รวม / ชาย / หญิง); `own` is
    False for a carried copy."""
    parts = [[] for _ in range(width)]
    for offset in range(depth):
        cells = rows[start + offset] if start + offset < len(rows) else []
        carry = None
        upper = offset < depth - 1
        for col in range(width):
            value = cells[col] if col < len(cells) else None
            if not is_blank(value):
                carry = clean_text(value) if isinstance(value, str) else str(value)
                parts[col].append((carry, True))
            elif upper and carry is not None:
                parts[col].append((carry, False))
    return parts


def _tries(column_parts):
    """parent + sub-header, the sub-header alone, then a parent written in this very column."""
    texts = list(dict.fromkeys(text for text, _own in column_parts))
    if len(texts) == 1:
        return texts
    own_parents = [text for text, own in column_parts[:-1] if own]
    return ["".join(texts), texts[-1], *reversed(own_parents)]


def find_header(rows, match: Callable, *, search_rows=HEADER_SEARCH_ROWS, max_depth=HEADER_DEPTH):
    """The header (one to three rows) that names the most layout columns within the first rows.
    `match(text)` returns a column key or None. A tie goes to the header of fewer rows (a data
    row is never taken for a sub-header)."""
    best, best_score = None, (0, 0)
    for start in range(min(search_rows, len(rows))):
        if all(is_blank(v) for v in rows[start]):
            continue
        for depth in range(1, max_depth + 1):
            if start + depth > len(rows):
                break
            width = max(len(rows[start + d]) for d in range(depth))
            found, labels = {}, {}
            for col, column_parts in enumerate(_header_parts(rows, start, depth, width)):
                if not column_parts:
                    continue
                for text in _tries(column_parts):
                    key = match(text)
                    if key is not None and key not in found.values():
                        found[col] = key
                        break
                labels[col] = " / ".join(dict.fromkeys(text for text, _own in column_parts))
            score = (len(found), -depth)
            if found and score > best_score:
                best_score = score
                best = Header(first_row=start, data_row=start + depth, columns=found, labels=labels)
    return best


# ---------------------------------------------------------------- rows that are not data

TOTAL_WORDS = re.compile(r"^(รวม|ยอดรวม|ผลรวม|total|sum|subtotal)", re.IGNORECASE)
FOOTER_WORDS = re.compile(r"^(ลงชื่อ|ลงนาม|\(.*\)$|ตำแหน่ง|หมายเหตุ|ที่มา|ผู้รายงาน|ผู้จัดทำ|ผู้ตรวจสอบ|ผู้รับรอง|"
                          r"ข้อมูล ณ|รับรองว่า|หน้า \d|\*)")
BLANK_ROW, TOTAL_ROW, FOOTER_ROW, TITLE_ROW, HEADER_AGAIN = (
    "แถวว่าง", "แถวรวม", "ข้อความใต้ตาราง (หมายเหตุหรือลงชื่อ)", "ชื่อเรื่องหรือหมายเหตุเหนือหัวตาราง", "หัวตารางซ้ำ")


@dataclass
class SkippedRows:
    first: int  # the row numbers Excel shows
    last: int
    reason: str

    def __str__(self):
        where = f"แถว {self.first}" if self.first == self.last else f"แถว {self.first}–{self.last}"
        return f"{where}: {self.reason} ไม่นำเข้า"


def _text(value) -> str:
    return clean_text(value) if isinstance(value, str) else ""


_NUMBER_TEXT = re.compile(r"^-?[\d๐-๙][\d๐-๙,. ]*$")


def _is_number(value) -> bool:
    """A number cell, or a number as text (CSV has only text)."""
    if isinstance(value, bool):
        return False
    return isinstance(value, (int, float)) or (isinstance(value, str) and bool(_NUMBER_TEXT.match(value.strip())))


def split_rows(rows, header: Header, *, key_column: int | None, number_columns: set[int]):
    """(data rows as (Excel row number, cells), skipped rows): what lies under the header, with
    blank rows, total rows, repeated headers and the notes or signatures under the table left out
    and named. A row is skipped only for one of these reasons; anything else is data (and a data
    row with an error stays an error)."""
    skipped = []

    def skip(number, reason):
        if skipped and skipped[-1].reason == reason and skipped[-1].last == number - 1:
            skipped[-1].last = number
        else:
            skipped.append(SkippedRows(number, number, reason))

    for index in range(header.first_row):
        if not all(is_blank(v) for v in rows[index]):
            skip(index + 1, TITLE_ROW)
    header_texts = {col: clean_text(label.split(" / ")[-1]) for col, label in header.labels.items()}
    body = rows[header.data_row:]
    # The table ends at its last row with a key (a group code) and more: under it only notes follow.
    def words(value):
        text = _text(value)
        return TOTAL_WORDS.match(text) or FOOTER_WORDS.match(text)

    last_keyed = -1
    if key_column is not None:
        for offset, cells in enumerate(body):
            if key_column < len(cells) and not is_blank(cells[key_column]) and not words(cells[key_column]) \
                    and sum(1 for v in cells if not is_blank(v)) > 1:
                last_keyed = offset
    data = []
    for offset, cells in enumerate(body):
        number = header.data_row + offset + 1
        filled = [(col, v) for col, v in enumerate(cells) if not is_blank(v)]
        if not filled:
            skip(number, BLANK_ROW)
            continue
        key = cells[key_column] if key_column is not None and key_column < len(cells) else None
        first_text = _text(filled[0][1])
        key_blank = is_blank(key) or TOTAL_WORDS.match(_text(key))
        if key_blank and TOTAL_WORDS.match(first_text) and all(
                col in number_columns or not isinstance(v, str) for col, v in filled[1:]):
            skip(number, TOTAL_ROW)
            continue
        if key_blank and all(col in number_columns and _is_number(v) for col, v in filled):
            skip(number, TOTAL_ROW + " (มีแต่ตัวเลข ไม่มีรหัส)")
            continue
        if len(filled) >= 2 and all(isinstance(v, str) and header_texts.get(col) == clean_text(v) for col, v in filled):
            skip(number, HEADER_AGAIN)
            continue
        if offset > last_keyed and (key_blank or FOOTER_WORDS.match(_text(key))) and (
                len(filled) == 1 or FOOTER_WORDS.match(first_text)):
            skip(number, FOOTER_ROW)
            continue
        data.append((number, cells))
    while skipped and skipped[-1].reason == BLANK_ROW and skipped[-1].last == header.data_row + len(body):
        skipped.pop()  # the empty rows a sheet carries after its table are not worth naming
    return data, skipped
