"""core.uploads.guard_spreadsheet and the image/PDF guards on real hostile and real good files:
each refusal with its Thai message, each good file accepted with its format read from its bytes."""

import io
import shutil
import struct
import zipfile
from pathlib import Path

import olefile
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from core.uploads import SpreadsheetRefused, UploadRefused, guard_image, guard_scan, guard_spreadsheet
from groups.spreadsheets.files import write_rows
from groups.spreadsheets.resources import GroupResource
from tests.uploads import bombs
from tests.uploads.bombs import CONTENT_TYPES, ROOT_RELS, WORKBOOK_RELS, _xlsx

XLS_FIXTURES = Path(__file__).resolve().parents[1] / "groups" / "fixtures"
UNPACKS = "ไฟล์นี้มีข้อมูลเมื่อแตกไฟล์แล้วใหญ่ผิดปกติ อาจเป็นไฟล์อันตราย ระบบจึงไม่เปิดอ่าน"
UNSAFE = "ไฟล์นี้มีโครงสร้าง XML ที่ไม่ปลอดภัย (DOCTYPE/ENTITY) อาจเป็นไฟล์อันตราย ระบบจึงไม่เปิดอ่าน"


def refused(path, **kwargs):
    with pytest.raises(SpreadsheetRefused) as caught:
        guard_spreadsheet(path, **kwargs)
    return caught.value


@pytest.mark.parametrize(("name", "code", "message"), [
    ("zip_bomb", "unpacks_too_large", UNPACKS),
    ("shared_strings_bomb", "zip_ratio", UNPACKS),
    ("big_shared_strings", "unpacks_too_large", UNPACKS),
    ("billion_laughs", "xml_dtd", UNSAFE),
    ("lying_member", "corrupt", "ไฟล์เสียหาย ระบบเปิดอ่านไม่ได้"),
    ("far_cell", "too_many_cells", "แผ่นงาน “sheet1” มีเซลล์มากเกินไป (อย่างน้อย 17,179,869,184 เซลล์"),
    ("ods_bomb", "too_many_cells", "แผ่นงาน “Sheet1” มีเซลล์มากเกินไป (อย่างน้อย 1,000,000,000 เซลล์"),
    ("csv_bomb", "too_many_cells", "ไฟล์นี้มีเซลล์มากเกินไป"),
    ("xls_far_cell", "too_many_cells", "แผ่นงาน “สิ่งที่ส่งมาด้วย 2” มีเซลล์มากเกินไป (อย่างน้อย 16,777,216 เซลล์"),
    ("xls_dimensions", "too_many_cells", "แผ่นงาน “สิ่งที่ส่งมาด้วย 2” มีเซลล์มากเกินไป (อย่างน้อย 16,777,216 เซลล์"),
])
def test_hostile_spreadsheets_are_refused_in_thai(bomb, name, code, message):
    error = refused(bomb(name))
    assert error.code == code
    assert str(error).startswith(message)


def test_the_280_mb_shared_strings_is_refused_by_the_shared_strings_cap_alone(bomb, settings):
    settings.UPLOAD_UNPACKED_LIMIT_MB = 1000  # as if the whole file were allowed to unpack that far
    error = refused(bomb("big_shared_strings"))
    assert error.code == "shared_strings"
    assert str(error).startswith("ไฟล์นี้มีข้อความรวมกันใหญ่ผิดปกติ (เกิน 40 MB")


def test_a_shared_strings_table_with_too_many_strings_is_refused_while_streaming(tmp_path, settings):
    settings.UPLOAD_MAX_CELLS = 1_000
    path = _xlsx(tmp_path / "s.xlsx", ["<worksheet><sheetData/></worksheet>"],
                 ["<sst>", *[f"<si><t>ก{n}</t></si>" for n in range(1_001)], "</sst>"])
    assert refused(path).code == "shared_strings"


def test_cells_are_counted_across_chunks(tmp_path, settings):
    settings.UPLOAD_MAX_CELLS = 300_000
    settings.UPLOAD_ZIP_RATIO = 100_000  # identical rows compress far past the ratio cap; count them
    row = "<row>" + "<c><v>1</v></c>" * 10 + "</row>"
    path = _xlsx(tmp_path / "c.xlsx", ["<worksheet><sheetData>", *[row * 1_000] * 30, row, "</sheetData></worksheet>"])
    assert refused(path).code == "too_many_cells"  # 300,010 cells in about 5 MB of XML
    settings.UPLOAD_MAX_CELLS = 300_010
    assert guard_spreadsheet(path).format == "xlsx"


def test_a_dimension_stretched_to_the_last_row_is_refused(tmp_path):
    path = _xlsx(tmp_path / "d.xlsx", ['<worksheet><dimension ref="A1:XFD1048576"/><sheetData/></worksheet>'])
    assert refused(path).code == "too_many_cells"


def test_xml_in_utf16_is_refused_so_the_dtd_check_cannot_be_dodged(tmp_path):
    sheet = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "a">]><worksheet/>'.encode("utf-16")
    path = _xlsx(tmp_path / "u.xlsx", [sheet])
    assert refused(path).code == "xml_encoding"


def test_prefixed_cells_are_refused_so_the_counts_cannot_be_dodged(tmp_path):
    """A reader takes <x:c> for <c> once x names the sheet's namespace; no spreadsheet program
    writes that, and the far cell hidden in it would be 17 billion cells."""
    head = ('<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
            '<x:row r="1048576"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>')
    assert refused(_xlsx(tmp_path / "p.xlsx", [head])).code == "xml_prefix"
    text = '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>เวลา 10:c น.</t></is></c></row>'
    assert guard_spreadsheet(_xlsx(tmp_path / "t.xlsx", [text, "</sheetData></worksheet>"])).format == "xlsx"


def test_a_dtd_in_any_member_is_refused(tmp_path):
    path = tmp_path / "w.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", '<!DOCTYPE w SYSTEM "http://attacker.example/x.dtd"><workbook/>')
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
    assert refused(path).code == "xml_dtd"


def test_html_named_xlsx_is_refused(tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_text("<html><body><table><tr><td>รหัสกลุ่ม</td></tr></table></body></html>", encoding="utf-8")
    assert str(refused(path)).startswith("ไฟล์นี้เป็นหน้าเว็บ (HTML)")


def test_the_registrys_own_export_passes(tmp_path, settings):
    """A real export of 5,000 groups: its compression ratio and cells are far from the caps."""
    rows = [(f"52010{n:05d}", "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว", 3, "หนองบัว", "เวียงเหนือ", "เมืองลำปาง", "ลำปาง",
             None, True, "active", 120, 50, 70, 1234567.5, 850000, None, "นางบัวผัน ใจมา", "0812345678", "นางสาวศิริพร")
            for n in range(5_000)]
    path = tmp_path / "export.xlsx"
    write_rows(path, GroupResource, rows, title="กลุ่ม")
    assert guard_spreadsheet(path).format == "xlsx"
    with zipfile.ZipFile(path) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    assert sheet.file_size / sheet.compress_size < settings.UPLOAD_ZIP_RATIO / 4


def test_formats_are_told_by_content_not_by_name(tmp_path):
    ods = tmp_path / "named.xlsx"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", '<?xml version="1.0"?><office:document-content '
                         'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                         'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body>'
                         '<office:spreadsheet><table:table table:name="a"><table:table-row>'
                         '<table:table-cell office:value-type="float" office:value="1"/>'
                         '<table:table-cell table:number-columns-repeated="1023"/></table:table-row>'
                         '<table:table-row table:number-rows-repeated="1048575"><table:table-cell '
                         'table:number-columns-repeated="1024"/></table:table-row></table:table>'
                         '</office:spreadsheet></office:body></office:document-content>')
    csv = tmp_path / "named.xls"
    csv.write_text("รหัสกลุ่ม,ชื่อกลุ่ม\n5201010301,กลุ่ม\n", encoding="utf-8")
    cp874 = tmp_path / "thai.csv"
    cp874.write_bytes("รหัสกลุ่ม;ชื่อกลุ่ม\r\n".encode("cp874"))
    xls = tmp_path / "named.csv"
    shutil.copy(XLS_FIXTURES / "groups-plain.xls", xls)
    # LibreOffice pads every sheet with empty repeated rows and cells: they are not cells.
    assert [guard_spreadsheet(p).format for p in (ods, csv, cp874, xls)] == ["ods", "csv", "csv", "xls"]
    assert str(refused(ods, formats=("xlsx",))).startswith("ไฟล์นี้เป็นไฟล์ .ods")
    assert str(refused(xls, formats=("xlsx",))).startswith("ไฟล์นี้เป็น Excel รุ่นเก่า (.xls)")


@pytest.mark.parametrize("name", ["groups-plain.xls", "lampang-province.xls"])
def test_real_xls_files_pass_the_guard_with_their_extent_read(name):
    from core.uploads.xls import sheet_extents

    guarded = guard_spreadsheet(XLS_FIXTURES / name)
    assert guarded.format == "xls"
    assert [(e.rows, e.columns) for e in sheet_extents(guarded)] in ([(3, 10)], [(19, 14)])


def _rewrite_workbook(path, change):
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        data = bytearray(ole.openstream("Workbook").read())
        change(data)
        ole.write_stream("Workbook", bytes(data))


def test_an_xls_whose_records_cannot_be_walked_is_refused_as_corrupt(tmp_path):
    def cut_short(data):  # the first record (BOF) claims more bytes than the stream holds
        struct.pack_into("<H", data, 2, 0xFFFF)

    def no_bof(data):  # the stream does not start with a BOF record
        struct.pack_into("<H", data, 0, 0x0203)

    for change in (cut_short, no_bof):
        path = tmp_path / f"{change.__name__}.xls"
        shutil.copy(XLS_FIXTURES / "lampang-province.xls", path)
        _rewrite_workbook(path, change)
        error = refused(path)
        assert error.code == "corrupt" and str(error).startswith("ไฟล์เสียหาย ระบบเปิดอ่านไม่ได้")
    empty = tmp_path / "empty.xls"
    empty.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    assert refused(empty).code == "corrupt"


def test_the_guarded_file_is_a_path_for_the_reader(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("a,b\n", encoding="utf-8")
    guarded = guard_spreadsheet(path)
    assert (open(guarded).read(), str(guarded), guarded.path) == ("a,b\n", str(path), path)


def test_an_oversized_spreadsheet_is_refused_from_its_size(tmp_path, settings):
    settings.UPLOAD_LIMIT_MB = 1
    path = tmp_path / "big.csv"
    path.write_bytes(b"a\n" * (600 * 1024))
    assert str(refused(path)) == ("ไฟล์มีขนาด 1.2 MB เกินขนาดที่รับได้ 1 MB กรุณาแบ่งเป็นหลายไฟล์ (เช่น ทีละอำเภอ)")


# ---------------------------------------------------------------- images and PDFs

def _png(width, height):
    buffer = io.BytesIO()
    Image.new("L", (width, height), 255).save(buffer, "PNG")
    return SimpleUploadedFile("scan.png", buffer.getvalue())


def test_a_pixel_bomb_is_refused_before_it_is_decoded(bomb, tmp_path):
    upload = SimpleUploadedFile("scan.png", bomb("pixel_bomb").read_bytes())
    with pytest.raises(UploadRefused) as caught:
        guard_scan(upload)
    assert str(caught.value).startswith("ภาพมีขนาด ใหญ่เกินที่รับได้ (40 ล้านจุด)")
    under_pillows_cap = bombs.pixel_bomb(tmp_path / "p.png", width=15_000, height=10_000)
    with pytest.raises(UploadRefused, match="ภาพมีขนาด 15,000 × 10,000 จุด ใหญ่เกินที่รับได้"):
        guard_scan(SimpleUploadedFile("scan.png", under_pillows_cap.read_bytes()))


def test_images_under_the_pixel_cap_are_accepted_and_others_refused(settings):
    assert guard_image(_png(200, 100)) == "image/png"
    settings.UPLOAD_IMAGE_MAX_PIXELS = 10_000
    with pytest.raises(UploadRefused, match="ภาพมีขนาด 200 × 100 จุด"):
        guard_image(_png(200, 100))
    gif = io.BytesIO()
    Image.new("L", (10, 10)).save(gif, "GIF")
    with pytest.raises(UploadRefused, match="ไฟล์ต้องเป็นภาพ JPEG หรือ PNG"):
        guard_image(SimpleUploadedFile("x.png", gif.getvalue()))


def _pdf(pages):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile("scan.pdf", buffer.getvalue())


def test_pdf_scans_are_checked_for_pages(settings):
    assert guard_scan(_pdf(2)) == "application/pdf"
    settings.UPLOAD_PDF_MAX_PAGES = 3
    with pytest.raises(UploadRefused, match="ไฟล์ PDF มี 4 หน้า เกินที่รับได้ 3 หน้า"):
        guard_scan(_pdf(4))
    with pytest.raises(UploadRefused, match="ไฟล์ต้องเป็น PDF หรือภาพ"):
        guard_scan(SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n garbage"))
