"""Hostile files, built the way an attacker builds them (also used by bench/upload_attack.py).

Each writes a real file and returns its path. Sizes are chosen so that, without the guard, the
readers would take the worker far past 100 MB (figures in docs/deploy.md, "Uploads and files").
"""

import re
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import olefile

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/xl/workbook.xml" '
                 'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                 '<Override PartName="/xl/worksheets/sheet1.xml" '
                 'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                 '<Override PartName="/xl/sharedStrings.xml" '
                 'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                 '</Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
             'officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="แบบทบทวน" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                 'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                 '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                 'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = "</sheetData></worksheet>"
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>รหัสกลุ่ม</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>ประเภท (1/2/3)</t></is></c></row>')


def _without_shared_strings(text):
    return re.sub(r'<(?:Relationship Id="rId2"|Override PartName="/xl/sharedStrings.xml")[^>]*/>', "", text)


def _xlsx(path, sheet_parts, shared_parts=None, *, workbook=WORKBOOK, zip64=False):
    """A workbook whose sheet (and shared strings) are written from iterables of str chunks,
    streamed into the zip so that building a 300 MB member never holds it in memory."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        shared = shared_parts is not None
        archive.writestr("[Content_Types].xml", CONTENT_TYPES if shared else _without_shared_strings(CONTENT_TYPES))
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS if shared else _without_shared_strings(WORKBOOK_RELS))
        for name, parts in [("xl/worksheets/sheet1.xml", sheet_parts), ("xl/sharedStrings.xml", shared_parts)]:
            if parts is None:
                continue
            with archive.open(name, "w", force_zip64=zip64) as member:
                for part in parts:
                    member.write(part.encode() if isinstance(part, str) else part)
    return path


def _zip_by_hand(path, members):
    """members: (name, [byte chunks of the deflate stream], crc, unpacked size). No zip64: every
    size stays under 4 GB."""
    central, offset = [], 0
    with open(path, "wb") as out:
        for name, chunks, crc, unpacked in members:
            packed = sum(len(c) for c in chunks)
            encoded = name.encode()
            out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0x800, 8, 0, 0x21, crc, packed, unpacked,
                                  len(encoded), 0) + encoded)
            for chunk in chunks:
                out.write(chunk)
            central.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0x800, 8, 0, 0x21, crc,
                                       packed, unpacked, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
            offset = out.tell()
        directory = b"".join(central)
        out.write(directory + struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members),
                                          len(directory), offset, 0))
    return path


def _small(name, text):
    data = text.encode()
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return name, [compressor.compress(data) + compressor.flush()], zlib.crc32(data), len(data)


def zip_bomb(path, unpacked_mb=700):
    """The review-sheet bomb of the report: 2.7 MB that unpack to 700 MB of one sheet's XML
    (identical rows of cells, compressed about 250 to 1; rows and cells may leave out their
    positions, so every row can be the same bytes)."""
    head = (SHEET_HEAD + HEADER_ROW).encode()
    block = (("<row>" + "<c><v>1</v></c>" * 16 + "</row>") * 4_000).encode()
    tail = SHEET_TAIL.encode()
    times = unpacked_mb * 1024 * 1024 // len(block)
    # After a full flush the compressor starts afresh: each repeat of the block compresses to the
    # same bytes, so the 2.7 GB stream is built in seconds.
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    once = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    last = compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    sheet = ("xl/worksheets/sheet1.xml", [first, *([once] * times), last], crc,
             len(head) + times * len(block) + len(tail))
    return _zip_by_hand(path, [_small("[Content_Types].xml", _without_shared_strings(CONTENT_TYPES)),
                               _small("_rels/.rels", ROOT_RELS),
                               _small("xl/workbook.xml", WORKBOOK),
                               _small("xl/_rels/workbook.xml.rels", _without_shared_strings(WORKBOOK_RELS)), sheet])


def shared_strings_bomb(path, strings=4_000_000):
    """A small file whose shared-strings table holds millions of strings (each a few bytes,
    compressed far past 100:1): a reader keeps every one of them as an object."""
    def shared():
        yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{strings}" '
               f'uniqueCount="{strings}">')
        block = "<si><t>ก</t></si>" * 10_000
        for _ in range(strings // 10_000):
            yield block
        yield "</sst>"

    sheet = [SHEET_HEAD, HEADER_ROW, '<row r="2"><c r="A2" t="s"><v>0</v></c></row>', SHEET_TAIL]
    return _xlsx(path, sheet, shared())


def big_shared_strings(path, unpacked_mb=280):
    """The report's second file: a 280 MB sharedStrings.xml of distinct strings, compressed about
    15 to 1 (under the zip-ratio cap, under the old 300 MB unpacked cap)."""
    def shared():
        yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
        written, n = 0, 0
        while written < unpacked_mb * 1024 * 1024:
            block = "".join(f"<si><t>กลุ่มออมทรัพย์เพื่อการผลิตบ้าน{k:09d}</t></si>" for k in range(n, n + 5_000))
            n += 5_000
            written += len(block.encode())
            yield block
        yield "</sst>"

    sheet = [SHEET_HEAD, HEADER_ROW, '<row r="2"><c r="A2" t="s"><v>0</v></c></row>', SHEET_TAIL]
    return _xlsx(path, sheet, shared())


def far_cell(path, reference="XFD1048576"):
    """Two cells: A1 and one at the sheet's last row and column. A reader allocates the whole
    rectangle between them (17 billion cells)."""
    sheet = [SHEET_HEAD, HEADER_ROW, f'<row r="{reference.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}">'
             f'<c r="{reference}" t="inlineStr"><is><t>x</t></is></c></row>', SHEET_TAIL]
    return _xlsx(path, sheet)


XLS_FIXTURE = Path(__file__).resolve().parents[1] / "groups" / "fixtures" / "lampang-province.xls"
XLS_CELLS = {0x0203, 0x0204, 0x00FD, 0x027E, 0x0201, 0x0205, 0x0006}


def _patched_xls(path, *, move_last_cell):
    """A copy of a LibreOffice-made .xls (8 KB) whose sheet's DIMENSIONS record is rewritten to
    the whole sheet (A1:IV65536) and, with `move_last_cell`, whose last cell record is moved to
    IV65536: the same bytes, the same size, 16.7 million cells for a reader to allocate."""
    shutil.copy(XLS_FIXTURE, path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        data = bytearray(ole.openstream("Workbook").read())
        pos, last_cell = 0, None
        while pos + 4 <= len(data):
            kind, length = struct.unpack_from("<HH", data, pos)
            if kind == 0x0200 and length == 14:
                struct.pack_into("<IIHH", data, pos + 4, 0, 65536, 0, 256)
            elif kind in XLS_CELLS:
                last_cell = pos
            pos += 4 + length
        if move_last_cell:
            struct.pack_into("<HH", data, last_cell + 4, 65535, 255)
        ole.write_stream("Workbook", bytes(data))
    return path


def xls_far_cell(path):
    return _patched_xls(path, move_last_cell=True)


def xls_dimensions(path):
    return _patched_xls(path, move_last_cell=False)


def billion_laughs(path):
    """Entity expansion inside the sheet XML ("billion laughs")."""
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    head = SHEET_HEAD.replace("<worksheet", f"<!DOCTYPE worksheet [{entities}]><worksheet", 1)
    sheet = [head, HEADER_ROW, '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>', SHEET_TAIL]
    return _xlsx(path, sheet)


def lying_member(path, unpacked_mb=500):
    """A sheet that unpacks to 500 MB while both zip headers say 1 KB (a reader trusting the
    central directory's size would be fooled)."""
    row = "<row/>" * 100_000
    _xlsx(path, [SHEET_HEAD, HEADER_ROW, *([row] * (unpacked_mb * 1024 * 1024 // len(row))), SHEET_TAIL])
    raw = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name.decode())
    if info.extra:  # zip64 sizes live in the extra field; this bomb stays under 4 GB without it
        raise ValueError("zip64 member")
    struct.pack_into("<I", raw, info.header_offset + 22, 1024)  # local header: uncompressed size
    central = raw.find(b"PK\x01\x02")
    while central != -1:
        length = struct.unpack_from("<H", raw, central + 28)[0]
        if bytes(raw[central + 46:central + 46 + length]) == name:
            struct.pack_into("<I", raw, central + 24, 1024)  # central directory: uncompressed size
            break
        central = raw.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(raw))
    return path


def ods_bomb(path):
    """An .ods whose one filled cell is repeated a billion times (rows × columns repeated)."""
    content = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               '<table:table table:name="Sheet1"><table:table-row table:number-rows-repeated="1000000">'
               '<table:table-cell table:number-columns-repeated="1000" office:value-type="string">'
               '<text:p>x</text:p></table:table-cell></table:table-row></table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                         'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    return path


def csv_bomb(path, mb=20):
    """A CSV of nothing but separators: 20 MB is 20 million empty cells."""
    with open(path, "wb") as out:
        for _ in range(mb):
            out.write(b"," * (1024 * 1024 - 1) + b"\n")
    return path


def pixel_bomb(path, width=100_000, height=100_000):
    """A PNG of a few hundred bytes whose header declares 10 billion pixels."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\0" * 1024)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
    return path
