"""What every spreadsheet import shares: the report, reading a row's cells through the layout's
widgets, the model's own validation with Thai messages, and the area rule."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError

from accounts import scope
from groups import services
from groups.spreadsheets import resources

CHUNK = 900  # ids per IN (...) query: under SQLite's bound-parameter limit
WRITE_SLICE = 2000  # rows written (and their history rows built) at a time
LISTED = 1000  # new and changed rows kept for the preview page
# A blank cell in these columns means the model's default (0), not "no value".
BLANK_IS_DEFAULT = {"members_total", "savings_balance", "loans_outstanding", "capital", "members_taking_part"}


@dataclass
class RowError:
    row: int  # the row number Excel shows
    column: str  # the header, or "" for the whole row
    message: str


@dataclass
class RowChange:
    row: int
    code: str
    name: str
    fields: dict  # {"field": {"label", "old", "new"}}, as the history shows them


@dataclass
class ImportReport:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    new: list[RowChange] = field(default_factory=list)
    changes: list[RowChange] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    absent_columns: list[str] = field(default_factory=list)
    skipped: list = field(default_factory=list)  # core.tabular.SkippedRows: rows that are not data
    notes: list[RowError] = field(default_factory=list)  # how a cell was read, when it may surprise
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_rows(self) -> int:
        return len({e.row for e in self.errors})

    def listed(self, items: list, item) -> None:
        """Keeps the first LISTED new/changed rows for the preview (the counts cover them all)."""
        if len(items) < LISTED:
            items.append(item)

    def errors_by_row(self) -> dict[int, list[str]]:
        grouped = {}
        for error in self.errors:
            grouped.setdefault(error.row, []).append(f"{error.column}: {error.message}" if error.column else error.message)
        return grouped


# Said by both importers (groups and activities) and the upload page.
READ_ONLY_REFUSED = "ท่านดูข้อมูลได้อย่างเดียว นำเข้าข้อมูลไม่ได้"
CODE_REQUIRED = "กรุณากรอกรหัสกลุ่ม"


def outside_area(code, district) -> str:
    return f"กลุ่มรหัส {code} อยู่ใน{district.display_name} ซึ่งอยู่นอกเขตที่ท่านดูแล"


def consume(items: list):
    """Yields a list's items in order, letting go of each one (a national file's parsed rows are
    not all kept until the end)."""
    items.reverse()
    while items:
        yield items.pop()


def chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def require_importer(actor) -> None:
    """District staff import for their district, provincial staff for their province; national
    staff read only. `actor=None` (the whole registry, no user recorded) is for trusted code only, such as
    bench/spreadsheets.py: the command line requires --as."""
    if actor is not None and not scope.may_write_registry(actor):
        raise PermissionDenied(READ_ONLY_REFUSED)


def can_edit(actor, district) -> bool:
    return actor is None or scope.can_edit_district(actor, district)


def display(instance, name) -> str:
    return services.display_value(instance, name)


class RowImport:
    resource_class = None

    def __init__(self, sheet, actor, note):
        self.sheet, self.actor, self.note = sheet, actor, note
        self.report = ImportReport(kind=self.kind, rows=len(sheet.rows), ignored_columns=sheet.ignored,
                                   skipped=sheet.skipped)
        self.reported = {}  # row → the fields that already have a message
        present = {column: index for index, column in sheet.columns.items()}
        self.positions = {name: present[column] for name, column in self.resource_class.fields.items()
                          if column in present}
        self.report.absent_columns = [c.column_name for c in resources.columns(self.resource_class)
                                      if c not in present]

    def error(self, row, name, message):
        """One message per problem: a cell already reported is not reported again by the model's
        own rules (an empty name is "กรุณากรอกชื่อกลุ่ม", not that and "กรุณากรอกข้อมูลช่องนี้")."""
        column = self.resource_class.fields[name].column_name if name in self.resource_class.fields else ""
        self.reported.setdefault(row, set()).add(name)
        self.report.errors.append(RowError(row, column, message))

    def parse(self, number, cells) -> dict:
        """Each present cell through its column's widget; unreadable cells become errors. A date
        read in a way the officer may not expect (a two-digit year, a BE year in a date cell) is
        noted with the full date, for the preview."""
        values = {}
        for name, index in self.positions.items():
            value = cells[index] if index < len(cells) else ""
            widget = self.resource_class.fields[name].widget
            try:
                values[name] = widget.clean(value)
            except ValueError as error:
                self.error(number, name, str(error))
                values[name] = INVALID
                continue
            if values[name] is not None and isinstance(widget, resources.ThaiDateCell):
                note = resources.ThaiDateCell.reading_note(value, values[name])
                if note and len(self.report.notes) < LISTED:
                    self.report.notes.append(RowError(number, self.resource_class.fields[name].column_name, note))
        return values

    def sort_errors(self):
        order = {c.column_name: i for i, c in enumerate(resources.columns(self.resource_class))}
        self.report.errors.sort(key=lambda e: (e.row, order.get(e.column, -1)))

    def model_errors(self, number, instance, exclude, already_bad=False):
        """The model's own rules: field validators (lengths, not negative) and clean()."""
        bad = False
        for check in (lambda: instance.clean_fields(exclude=exclude), instance.clean):
            if bad or (already_bad and check == instance.clean):
                break  # clean() compares fields; after a bad field its message would mislead
            try:
                check()
            except ValidationError as error:
                bad = True
                already = set(self.reported.get(number, ()))
                for name, errors in error.error_dict.items():
                    if name in already:
                        continue
                    for item in errors[:1]:
                        self.error(number, name, thai_message(item))
            except TypeError:  # clean() on a value clean_fields() already refused
                bad = True
        return bad


INVALID = object()

# Django's Thai catalogue lacks some validator messages; these are the ones a spreadsheet meets.
_THAI_MESSAGES = {
    "max_length": "ยาวเกิน {limit_value:,} ตัวอักษร (ตอนนี้ {show_value:,} ตัวอักษร)",
    "min_value": "ต้องไม่น้อยกว่า {limit_value:,}",
    "max_value": "ต้องไม่เกิน {limit_value:,}",
    "max_digits": "ตัวเลขยาวเกิน {max:,} หลัก",
    "max_whole_digits": "ตัวเลขหน้าจุดทศนิยมยาวเกิน {max:,} หลัก",
}


def thai_message(error: ValidationError) -> str:
    message = error.messages[0]
    template = _THAI_MESSAGES.get(error.code)
    if template and error.params and not re.search("[ก-๙]", message):  # the model's own are Thai already
        try:
            return template.format(**error.params)
        except (KeyError, ValueError):
            pass
    return message
