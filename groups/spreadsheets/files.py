"""Spreadsheet files: refusing unsafe ones, finding the layout's columns in a sheet, and writing
workbooks.

Reading is core.tabular's (python-calamine for .xlsx/.xls/.ods, about 7× faster than openpyxl's
read-only mode on a national file; CSV in the encodings Thai offices write); writing uses
XlsxWriter in constant-memory mode. What each column means lives in groups.spreadsheets.resources; this module
only moves cells in and out of files.
"""

import math
from dataclasses import dataclass, field

from core import streaming, tabular
from core.uploads import SpreadsheetRefused, guard_spreadsheet
from core.uploads.spreadsheets import CORRUPT as _CORRUPT  # noqa: F401
from core.uploads.spreadsheets import OLE_MAGIC  # noqa: F401 (tests build OLE files with it)
from core.xlsx import Workbook
from groups.spreadsheets import resources

MAX_ROWS = tabular.MAX_ROWS
MAX_COLUMNS = tabular.MAX_COLUMNS
# The formats read_sheet reads (core.tabular); the guard (core.uploads) tells a file's format
# from its bytes.
READABLE_FORMATS = tabular.FORMATS


def check_file(path):
    """Refuses, with a Thai message, anything that is not a sane spreadsheet this module reads
    (core.uploads.guard_spreadsheet: size, zip ratio and unpacked size, shared strings, cells,
    safe XML); returns the guarded path (with its format) that read_sheet is then called on."""
    return guard_spreadsheet(path, formats=READABLE_FORMATS)


@dataclass
class Sheet:
    """A sheet's data rows with the layout's columns located in it."""

    name: str
    header_row: int  # Excel row number of the header's last row
    columns: dict  # column index → Field
    ignored: list[str]  # headers the layout does not know
    rows: list = field(default_factory=list)  # (Excel row number, [cell values])
    skipped: list = field(default_factory=list)  # core.tabular.SkippedRows, for the preview
    labels: dict = field(default_factory=dict)  # column index → the file's header text
    fmt: str = "xlsx"

    def column_index(self, field_name_or_field):
        for index, column in self.columns.items():
            if column is field_name_or_field:
                return index
        return None


class ColumnsMissing(SpreadsheetRefused):
    """Required columns not found: the officer may map the file's columns by hand (the sheet, as
    far as it was read, is kept for the mapping step)."""

    def __init__(self, message, sheet):
        super().__init__(message)
        self.sheet = sheet


IGNORE = object()  # a column the officer chose not to import


def read_sheet(path, resource_class, fmt=None, mapping=None) -> Sheet:
    """The first sheet whose header (within its first rows, over one to three rows) holds the
    layout's headers; the rows under it split into data and rows that are not data. `mapping`
    (normalised header → field name, "" for not imported) is the office's own: it wins over the
    layout's spellings."""
    index = resources.header_index(resource_class)
    mapped = {header: resource_class.fields[name] if name else IGNORE
              for header, name in (mapping or {}).items() if not name or name in resource_class.fields}

    def match(text):
        return mapped.get(resources.normalise_header(text)) or resources.match_header(index, text)

    fmt = fmt or getattr(path, "format", None) or tabular.detect_format(path)
    found, name = None, ""
    any_cells = False
    for name, rows in tabular.read_sheets(path, fmt):  # noqa: B007 (the sheet found is named below)
        if any(any(not tabular.is_blank(c) for c in r) for r in rows[:tabular.HEADER_SEARCH_ROWS]):
            any_cells = True
        found = tabular.find_header(rows, match)
        if found:
            break
    if not found:
        if not any_cells:
            raise SpreadsheetRefused("ไฟล์นี้ไม่มีข้อมูล (แผ่นงานว่างเปล่า)")
        known = "、".join(c.column_name for c in resources.columns(resource_class)[:4])
        raise SpreadsheetRefused(f"ไม่พบหัวตารางที่ระบบรู้จักในแถวแรก ๆ ของไฟล์ (เช่น {known}) "
                                 "กรุณาใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ")
    columns = {i: c for i, c in found.columns.items() if c is not IGNORE}
    ignored = [label for i, label in found.labels.items() if i not in columns]
    missing = [c.column_name for c in resources.columns(resource_class)
               if getattr(c, "required", False) and c not in columns.values()]
    key = resources.key_column(resource_class)
    key_index = next((i for i, c in columns.items() if c is key), None)
    numbers = {i for i, c in columns.items() if isinstance(c.widget, (resources.IntegerCell, resources.MoneyCell))}
    data, skipped = tabular.split_rows(rows, found, key_column=key_index, number_columns=numbers)
    sheet = Sheet(name=name, header_row=found.data_row, columns=columns, ignored=ignored, rows=data, skipped=skipped,
                  labels=found.labels, fmt=fmt)
    if missing:
        raise ColumnsMissing("ไฟล์ขาดคอลัมน์ที่จำเป็น: " + ", ".join(missing), sheet)
    if not data:
        raise SpreadsheetRefused("ไฟล์นี้มีแต่หัวตาราง ยังไม่มีข้อมูลกลุ่มหรือกิจกรรม")
    return sheet


def mapping_table(sheet: Sheet, shown=3) -> list[dict]:
    """Each column of the file for the mapping step: its header, its first values, and the
    field it is read as now ("" = not imported)."""
    table = []
    for index, label in sorted(sheet.labels.items()):
        values = []
        for _number, cells in sheet.rows[:20]:
            value = cells[index] if index < len(cells) else ""
            if not tabular.is_blank(value):
                values.append(resources._number_text(value)[:40])
            if len(values) == shown:
                break
        column = sheet.columns.get(index)
        table.append({"index": index, "label": label, "key": resources.normalise_header(label), "values": values,
                      "field": _field_name(column)})
    return table


def _field_name(column) -> str:
    if column is None:
        return ""
    return next(name for name, field in _all_fields() if field is column)


def _all_fields():
    for resource_class in (resources.GroupResource, resources.ActivityResource):
        yield from resource_class.fields.items()


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
            elif isinstance(value, (int, float)) and math.isfinite(value):  # calamine reads 1.8e308 as inf
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
    from groups.spreadsheets.resources import GroupResource

    rows = streaming.rows(queryset, export_paths(GroupResource))
    return write_rows(path, GroupResource, rows, title="กลุ่มออมทรัพย์")


def export_activities(groups, path) -> int:
    """The activities of the given groups, in the activity layout, one query."""
    from groups.models import Activity
    from groups.spreadsheets.resources import ActivityResource

    activities = (Activity.objects.filter(group__in=groups.order_by().values("pk"))
                  .order_by("group__code", "activity_type__order", "name", "pk"))
    rows = streaming.rows(activities, export_paths(ActivityResource))
    return write_rows(path, ActivityResource, rows, title="กิจกรรมของกลุ่ม")
