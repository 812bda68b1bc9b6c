"""Spreadsheet files: refusing unsafe ones, reading sheets fast, and writing workbooks.

Reading uses python-calamine (Rust; about 7× faster than openpyxl's read-only mode on a national
file); writing uses XlsxWriter in constant-memory mode. What each column means lives in
groups.resources; this module only moves cells in and out of files.
"""

from dataclasses import dataclass, field

from python_calamine import CalamineError, CalamineWorkbook

from core.uploads import SpreadsheetRefused, guard_spreadsheet
from core.uploads.spreadsheets import CORRUPT as _CORRUPT
from core.uploads.spreadsheets import OLE_MAGIC  # noqa: F401 (tests build OLE files with it)
from core.xlsx import Workbook
from groups import resources

HEADER_SEARCH_ROWS = 10
MAX_ROWS = 250_000  # the whole country's activities fit in one file
MAX_COLUMNS = 200
# The formats read_sheet reads; the guard (core.uploads) tells a file's format from its bytes.
READABLE_FORMATS = ("xlsx",)


def check_file(path):
    """Refuses, with a Thai message, anything that is not a sane spreadsheet this module reads
    (core.uploads.guard_spreadsheet: size, zip ratio and unpacked size, shared strings, cells,
    safe XML); returns the guarded path that read_sheet is then called on."""
    return guard_spreadsheet(path, formats=READABLE_FORMATS)


@dataclass
class Sheet:
    """A sheet's data rows with the layout's columns located in it."""

    name: str
    header_row: int  # Excel row number of the header
    columns: dict  # column index → Field
    ignored: list[str]  # headers the layout does not know
    rows: list = field(default_factory=list)  # (Excel row number, [cell values])

    def column_index(self, field_name_or_field):
        for index, column in self.columns.items():
            if column is field_name_or_field:
                return index
        return None


def _find_header(cells_rows, index):
    best, best_row = {}, None
    for number, cells in enumerate(cells_rows[:HEADER_SEARCH_ROWS]):
        found = {}
        for position, cell in enumerate(cells):
            column = resources.match_header(index, cell) if cell not in (None, "") else None
            if column is not None and column not in found.values():
                found[position] = column
        if len(found) > len(best):
            best, best_row = found, number
    return best, best_row


def read_sheet(path, resource_class) -> Sheet:
    """The first sheet whose header row holds the layout's headers (within its first ten rows)."""
    index = resources.header_index(resource_class)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet_names = workbook.sheet_names
        any_cells = False
        for name in sheet_names:
            data_sheet = workbook.get_sheet_by_name(name)
            if data_sheet.total_height > MAX_ROWS or data_sheet.total_width > MAX_COLUMNS:
                # A sheet formatted down to row 1,048,576 compresses to almost nothing.
                raise SpreadsheetRefused(f"แผ่นงาน “{name}” มีแถวหรือคอลัมน์มากเกินไป (รับได้ไม่เกิน "
                                         f"{MAX_ROWS:,} แถว {MAX_COLUMNS:,} คอลัมน์) กรุณาลบแถวว่างท้ายตาราง "
                                         "หรือแบ่งเป็นหลายไฟล์")
            rows = data_sheet.to_python(skip_empty_area=False)
            if any(any(c not in (None, "") for c in r) for r in rows[:HEADER_SEARCH_ROWS]):
                any_cells = True
            found, header_row = _find_header(rows, index)
            if found:
                break
    except SpreadsheetRefused:
        raise
    except CalamineError as error:
        raise SpreadsheetRefused(_CORRUPT) from error
    except Exception as error:  # calamine raises plain errors for damaged XML inside a good zip
        raise SpreadsheetRefused(_CORRUPT) from error
    if not found:
        if not any_cells:
            raise SpreadsheetRefused("ไฟล์นี้ไม่มีข้อมูล (แผ่นงานว่างเปล่า)")
        known = "、".join(c.column_name for c in resources.columns(resource_class)[:4])
        raise SpreadsheetRefused(f"ไม่พบหัวตารางที่ระบบรู้จักในแถวแรก ๆ ของไฟล์ (เช่น {known}) "
                                 "กรุณาใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ")
    header_cells = rows[header_row]
    ignored = [str(c).strip() for i, c in enumerate(header_cells) if c not in (None, "") and i not in found]
    data = []
    for offset, cells in enumerate(rows[header_row + 1:], start=header_row + 2):
        if any(c not in (None, "") for c in cells):
            data.append((offset, cells))
    missing = [c.column_name for c in resources.columns(resource_class)
               if getattr(c, "required", False) and c not in found.values()]
    if missing:
        raise SpreadsheetRefused("ไฟล์ขาดคอลัมน์ที่จำเป็น: " + ", ".join(missing))
    if not data:
        raise SpreadsheetRefused("ไฟล์นี้มีแต่หัวตาราง ยังไม่มีข้อมูลกลุ่มหรือกิจกรรม")
    return Sheet(name=name, header_row=header_row + 1, columns=found, ignored=ignored, rows=data)


# ---------------------------------------------------------------- writing

def _workbook(path):
    # core.xlsx: no cell is ever a formula, and text that could become one is neutralised.
    return Workbook(str(path), {"constant_memory": True})


def _formats(workbook):
    return {
        "header": workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                                       "valign": "top"}),
        "money": workbook.add_format({"num_format": "#,##0.00"}),
        "integer": workbook.add_format({"num_format": "#,##0"}),
        "error": workbook.add_format({"font_color": "#B42318", "bold": True, "text_wrap": True}),
        "text": workbook.add_format({"num_format": "@"}),
    }


def _column_format(column, formats):
    if isinstance(column.widget, resources.MoneyCell):
        return formats["money"]
    if isinstance(column.widget, resources.IntegerCell):
        return formats["integer"]
    return None


def _start_sheet(workbook, title, layout, formats, extra_headers=()):
    sheet = workbook.add_worksheet(title)
    for col, column in enumerate(layout):
        width = max(12, min(34, len(column.column_name) + 4))
        sheet.set_column(col, col, width)
        sheet.write_string(0, col, column.column_name, formats["header"])
    for offset, header in enumerate(extra_headers, start=len(layout)):
        sheet.set_column(offset, offset, 60)
        sheet.write_string(0, offset, header, formats["error"])
    sheet.freeze_panes(1, 0)
    return sheet


def write_rows(path, resource_class, rows, *, title) -> int:
    """Writes the layout's header and one row per tuple of raw values (export paths order);
    returns the number of data rows."""
    layout = resources.columns(resource_class)
    workbook = _workbook(path)
    formats = _formats(workbook)
    sheet = _start_sheet(workbook, title, layout, formats)
    plan = [(col, column.widget.render, _column_format(column, formats)) for col, column in enumerate(layout)]
    write_string, write_number = sheet.write_string, sheet.write_number
    count = 0
    for count, values in enumerate(rows, start=1):
        for (col, render, cell_format), value in zip(plan, values, strict=True):
            if value is None:
                continue
            cell = render(value)
            if cell == "":
                continue
            if isinstance(cell, str):
                write_string(count, col, cell)
            else:
                write_number(count, col, cell, cell_format)
    sheet.autofilter(0, 0, max(count, 1), len(layout) - 1)
    workbook.close()
    return count


def export_paths(resource_class) -> list[str]:
    return [resources.export_path(column) for column in resources.columns(resource_class)]


def write_template(path, resource_class, *, title, example: list, notes_title="คำอธิบาย") -> None:
    """A blank sheet with the headers (and drop-down lists), plus a sheet explaining each column
    with an example row."""
    layout = resources.columns(resource_class)
    workbook = Workbook(str(path))
    formats = _formats(workbook)
    sheet = _start_sheet(workbook, title, layout, formats)
    for col, column in enumerate(layout):
        choices = resources.choices_for(column)
        if choices:
            sheet.data_validation(1, col, 5000, col, {"validate": "list", "source": choices, "ignore_blank": True})
        if isinstance(column.widget, (resources.TextCell, resources.ThaiDateCell)):
            sheet.set_column(col, col, max(12, min(34, len(column.column_name) + 4)), formats["text"])
    notes = workbook.add_worksheet(notes_title)
    notes.set_column(0, 0, 34)
    notes.set_column(1, 1, 30)
    notes.set_column(2, 2, 60)
    for col, header in enumerate(["คอลัมน์", "ตัวอย่าง", "วิธีกรอก"]):
        notes.write_string(0, col, header, formats["header"])
    for row, (column, value) in enumerate(zip(layout, example, strict=True), start=1):
        notes.write_string(row, 0, column.column_name + (" (จำเป็น)" if column.required else ""))
        notes.write_string(row, 1, str(value))
        notes.write_string(row, 2, resources.describe(column))
    workbook.close()


def write_errors(path, sheet: Sheet, resource_class, errors_by_row: dict[int, list[str]]) -> None:
    """The uploaded rows as they were, in the layout's columns, with the errors beside each bad row."""
    layout = resources.columns(resource_class)
    workbook = _workbook(path)
    formats = _formats(workbook)
    out = _start_sheet(workbook, "ข้อผิดพลาด", layout, formats, extra_headers=["ข้อผิดพลาด", "แถวในไฟล์เดิม"])
    positions = {id(column): index for index, column in sheet.columns.items()}
    for out_row, (excel_row, cells) in enumerate(sheet.rows, start=1):
        for col, column in enumerate(layout):
            index = positions.get(id(column))
            value = cells[index] if index is not None and index < len(cells) else ""
            if value in (None, ""):
                continue
            if isinstance(value, bool):
                out.write_string(out_row, col, "ใช่" if value else "ไม่ใช่")
            elif isinstance(value, (int, float)):
                out.write_number(out_row, col, value)
            elif hasattr(value, "year"):
                out.write_string(out_row, col, resources.ThaiDateCell().render(value))
            else:
                out.write_string(out_row, col, str(value))
        messages = errors_by_row.get(excel_row)
        if messages:
            out.write_string(out_row, len(layout), "; ".join(messages), formats["error"])
        out.write_number(out_row, len(layout) + 1, excel_row)
    workbook.close()


def export_groups(queryset, path) -> int:
    """Groups in the layout, one query: the values the columns need, straight from the database
    (the queryset's own order is kept: the list's sort)."""
    from groups.resources import GroupResource

    rows = queryset.values_list(*export_paths(GroupResource)).iterator(chunk_size=2000)
    return write_rows(path, GroupResource, rows, title="กลุ่มออมทรัพย์")


def export_activities(groups, path) -> int:
    """The activities of the given groups, in the activity layout, one query."""
    from groups.models import Activity
    from groups.resources import ActivityResource

    activities = (Activity.objects.filter(group__in=groups.order_by().values("pk"))
                  .order_by("group__code", "activity_type__order", "name", "pk"))
    rows = activities.values_list(*export_paths(ActivityResource)).iterator(chunk_size=2000)
    return write_rows(path, ActivityResource, rows, title="กิจกรรมของกลุ่ม")
