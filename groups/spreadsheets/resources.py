"""The spreadsheet layout of groups and activities: which Thai column is which field, and how a
cell is read and written. This is the one place that maps columns to fields; the import service
(groups.spreadsheets.importing), the exports and the blank templates (groups.spreadsheets.files) all read it.

The Resources are django-import-export Resources used for what they describe (Fields and
Widgets); their own import pipeline is closed (LayoutResource): the registry's import goes through
groups.spreadsheets.importing, which reads the same Fields and Widgets but checks the actor and the area,
validates, writes in bulk and records history.
"""

import datetime as dt
import functools
import re
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from import_export import fields, resources, widgets

from core import thai
from core.text import clean_text

# A text cell starting with = + - @ could run as a formula once the sheet is edited or saved as
# CSV: the one xlsx writer (core.xlsx) puts an apostrophe in front; imports take it off again.
from core.xlsx import FORMULA_STARTS, NEUTRALISER, neutralise, unneutralise  # noqa: F401
from groups.models import Activity, ActivityType, SavingsGroup

MAX_COUNT = 2_147_483_647  # what every database's integer column holds
MAX_MONEY = Decimal("999999999999.99")  # max_digits=14, decimal_places=2
NOT_TEXT = "ต้องเป็นข้อความ ไม่ใช่ TRUE/FALSE"
# Typed for "none" in a count or money cell: the same as a blank cell.
NONE_WORDS = {"-", "–", "—", "−", "--", "ไม่มี", "ไม่มีข้อมูล"}


def _key(value) -> str:
    """A choice as typed, to look up: clean text without any spaces."""
    return clean_text(_number_text(value)).replace(" ", "")


def _number_text(value) -> str:
    """A number cell as text: 5201.0 → "5201" (codes and phone numbers typed as numbers)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class TextCell(widgets.Widget):
    """Free text; blank is "". Written neutralised, read back unchanged."""

    def __init__(self, digits_to_arabic=False):
        super().__init__(coerce_to_string=True)
        self.digits_to_arabic = digits_to_arabic

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, bool):
            raise ValueError(NOT_TEXT)
        text = clean_text(value if isinstance(value, str) else _number_text(value))
        if self.digits_to_arabic:
            text = thai.to_arabic_digits(text)
        return unneutralise(text)

    def render(self, value, obj=None, **kwargs):
        return neutralise(str(value)) if value not in (None, "") else ""


class CodeCell(TextCell):
    """A code (group, tambon, amphoe): clean text, Thai digits made Arabic, no spaces inside."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value).replace(" ", "")


class IntegerCell(widgets.Widget):
    """A count: `1,234`, `๑๒๓` or a number cell; blank is None."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            raise ValueError("ต้องเป็นจำนวนเต็ม")
        if isinstance(value, float):
            if not value.is_integer():
                raise ValueError(f"“{value:g}” ต้องเป็นจำนวนเต็ม")
            number = int(value)
        elif isinstance(value, int):
            number = value
        else:
            text = clean_text(value)
            if text in NONE_WORDS:
                return None
            text = thai.to_arabic_digits(text).replace(",", "").replace(" ", "").removesuffix("คน")
            if not text:
                return None
            if not re.fullmatch(r"-?\d+(\.0+)?", text):
                raise ValueError(f"“{value}” ไม่ใช่จำนวนเต็ม")
            number = int(Decimal(text))
        if abs(number) > MAX_COUNT:
            raise ValueError(f"ตัวเลขใหญ่เกินไป (“{value}”) รับได้ไม่เกิน {MAX_COUNT:,}")
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else int(value)


class MoneyCell(widgets.Widget):
    """Baht with satang: `1,234.50`, `๑,๒๓๔.๕๐` or a number cell; blank is None. Written as a
    number cell (the workbook formats it 1,234.50)."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            raise ValueError("ต้องเป็นจำนวนเงิน")
        if isinstance(value, str):
            value = clean_text(value)
            if value in NONE_WORDS:
                return None
        amount = thai.parse_decimal(value)
        if amount is None:
            return None
        if not amount.is_finite():
            raise ValueError(f"“{value}” ไม่ใช่จำนวนเงิน")
        if abs(amount) > MAX_MONEY:  # quantize() past the context's 28 digits raises InvalidOperation
            raise ValueError(f"จำนวนเงินใหญ่เกินไป (“{value}”) รับได้ไม่เกิน {MAX_MONEY:,} บาท")
        rounded = amount.quantize(Decimal("0.01"))
        if abs(rounded - amount) > Decimal("0.000001"):  # a float cell's last-digit noise is fine
            raise ValueError(f"“{value}” มีทศนิยมเกิน 2 ตำแหน่ง")
        return rounded

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else float(value)


@functools.lru_cache(maxsize=4096)  # a national export repeats the same few thousand dates
def _be_numeric(value) -> str:
    return thai.format_date(value, style="numeric")


class ThaiDateCell(widgets.Widget):
    """`15/03/2530`, `15 มี.ค. 2530`, Thai digits or a real date cell (read as a date, never a
    datetime, so an unchanged row stays unchanged). Written as `15/03/2530` (BE)."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise ValueError(thai.DATE_UNREADABLE)
        if isinstance(value, str) and clean_text(value) in NONE_WORDS:
            return None  # "-" or ไม่มี: not known, as a blank cell
        try:
            date = thai.parse_date(value)
        except thai.ThaiDateError as error:
            raise ValueError(str(error)) from error
        if isinstance(date, dt.datetime):
            date = date.date()
        return date

    reading_note = staticmethod(thai.reading_note)

    def render(self, value, obj=None, **kwargs):
        return _be_numeric(value) if value else ""


class YesNoCell(widgets.Widget):
    """`ใช่` / `ไม่ใช่` (also a TRUE/FALSE cell); blank is None."""

    YES = {"ใช่", "ใช", "yes", "y", "true", "1", "✓", "/"}
    NO = {"ไม่ใช่", "ไม่", "no", "n", "false", "0", "✗", "x"}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        if value in (None, ""):
            return None
        text = _key(value).lower()
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(f"“{value}” ต้องเป็น ใช่ หรือ ไม่ใช่")

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else ("ใช่" if value else "ไม่ใช่")


class ChoiceCell(widgets.Widget):
    """A status written as its Thai label; blank is None."""

    def __init__(self, choices):
        super().__init__()
        self.choices = choices
        self.by_text = {}
        for value, label in choices:
            self.by_text[re.sub(r"\s+", "", str(label))] = value
            self.by_text[value] = value

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        found = self.by_text.get(_key(value))
        if found is None:
            allowed = " / ".join(str(label) for _, label in self.choices)
            raise ValueError(f"“{value}” ไม่ใช่สถานะที่รู้จัก ให้ใช้ {allowed}")
        return found

    def render(self, value, obj=None, **kwargs):
        return "" if value in (None, "") else str(dict(self.choices).get(value, value))


class ActivityTypeCell(widgets.Widget):
    """An activity type by its name in the managed list."""

    def __init__(self):
        super().__init__()
        self._types = None

    def types(self) -> dict:
        if self._types is None:
            self._types = {re.sub(r"\s+", "", t.name): t for t in ActivityType.objects.all()}
        return self._types

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        found = self.types().get(_key(value))
        if found is None:
            known = " / ".join(t.name for t in self.types().values() if t.is_active)
            raise ValueError(f"ไม่รู้จักประเภทกิจกรรม “{value}” ให้ใช้ {known}")
        return found

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


def Column(attribute, header, widget, *, readonly=False, aliases=(), required=False, note="", export_path=None):
    """A Field with what the import needs beyond django-import-export's: other spellings of the
    header, whether the column must be in the file, a note for the documented layout and the
    `values()` path the fast export reads."""
    field = fields.Field(attribute=attribute, column_name=header, widget=widget, readonly=readonly)
    field.aliases = aliases
    field.required = required
    field.note = note
    field.export_path = export_path or attribute
    return field


class LayoutResource(resources.ModelResource):
    """A Resource that describes the layout and writes nothing: django-import-export's own import
    would save rows with no actor, no area rule and no history (and would import a status), so it
    is closed. Every import goes through groups.spreadsheets.importing."""

    def import_data(self, *args, **kwargs):
        raise PermissionDenied("นำเข้าข้อมูลได้ทางหน้านำเข้าไฟล์ หรือคำสั่ง import_registry --as เท่านั้น")

    def import_row(self, *args, **kwargs):
        self.import_data()

    def save_instance(self, *args, **kwargs):
        self.import_data()

    def delete_instance(self, *args, **kwargs):
        self.import_data()


class GroupResource(LayoutResource):
    """One row per group. The place columns (moo, village, tambon, amphoe, province) become the
    group's village in groups.spreadsheets.importing; the group's own fields are saved as they are."""

    code = Column("code", "รหัสกลุ่ม", CodeCell(digits_to_arabic=True), required=True,
                  note="ใช้จับคู่กับกลุ่มที่มีอยู่ ไม่ซ้ำกันทั้งประเทศ")
    name = Column("name", "ชื่อกลุ่ม", TextCell(), required=True)
    moo = Column("village__moo", "หมู่ที่", IntegerCell(), readonly=True, required=True, aliases=("หมู่",),
                 note="1 ถึง 99")
    village_name = Column("village__name", "ชื่อหมู่บ้าน", TextCell(), readonly=True, aliases=("หมู่บ้าน",),
                          note="จำเป็นเมื่อเป็นหมู่บ้านที่ยังไม่มีในทะเบียน")
    subdistrict = Column("village__subdistrict__name_th", "ตำบล", TextCell(digits_to_arabic=True), readonly=True,
                         required=True, note="ชื่อตำบล หรือรหัสตำบล ๖ หลัก")
    district = Column("district__name_th", "อำเภอ", TextCell(digits_to_arabic=True), readonly=True, required=True,
                      note="ชื่ออำเภอ หรือรหัสอำเภอ ๔ หลัก")
    province = Column("district__province__name_th", "จังหวัด", TextCell(digits_to_arabic=True), readonly=True,
                      note="ชื่อจังหวัด หรือรหัสจังหวัด ๒ หลัก")
    founded_on = Column("founded_on", "วันที่จัดตั้ง", ThaiDateCell())
    under_regulation = Column("under_regulation", "ดำเนินการตามระเบียบฯ พ.ศ. ๒๕๕๕", YesNoCell(),
                              aliases=("ตามระเบียบฯ ๒๕๕๕", "ตามระเบียบฯ", "ตามระเบียบ ๒๕๕๕"))
    status = Column("status", "สถานะ", ChoiceCell(SavingsGroup.Status.choices), aliases=("สถานะกลุ่ม",),
                    note="เปลี่ยนสถานะที่หน้ากลุ่มเท่านั้น (ต้องระบุเหตุผล)")
    members_total = Column("members_total", "จำนวนสมาชิก (คน)", IntegerCell(),
                           aliases=("สมาชิก", "สมาชิกทั้งหมด", "จำนวนสมาชิกรวม", "จำนวนสมาชิกทั้งหมด", "สมาชิกรวม"))
    members_men = Column("members_men", "ชาย (คน)", IntegerCell(), aliases=("สมาชิกชาย", "จำนวนสมาชิกชาย"))
    members_women = Column("members_women", "หญิง (คน)", IntegerCell(), aliases=("สมาชิกหญิง", "จำนวนสมาชิกหญิง"))
    savings_balance = Column("savings_balance", "เงินสัจจะสะสม (บาท)", MoneyCell(), aliases=("เงินสัจจะ",))
    loans_outstanding = Column("loans_outstanding", "เงินให้กู้คงค้าง (บาท)", MoneyCell(), aliases=("เงินกู้คงค้าง",))
    figures_as_of = Column("figures_as_of", "ข้อมูล ณ วันที่", ThaiDateCell())
    chair_name = Column("chair_name", "ชื่อประธานกลุ่ม", TextCell(), aliases=("ประธานกลุ่ม", "ประธาน"))
    chair_phone = Column("chair_phone", "โทรศัพท์ประธาน", TextCell(), aliases=("เบอร์โทรประธาน", "โทรศัพท์"))
    officer_name = Column("officer_name", "พัฒนากรผู้รับผิดชอบ", TextCell(), aliases=("พัฒนากร", "ผู้รับผิดชอบ"))

    class Meta:
        model = SavingsGroup
        fields = ("code", "name", "moo", "village_name", "subdistrict", "district", "province", "founded_on",
                  "under_regulation", "status", "members_total", "members_men", "members_women", "savings_balance",
                  "loans_outstanding", "figures_as_of", "chair_name", "chair_phone", "officer_name")
        import_id_fields = ("code",)


class ActivityResource(LayoutResource):
    """One row per activity, matched by group code + type + activity name."""

    group_code = Column("group__code", "รหัสกลุ่ม", CodeCell(digits_to_arabic=True), readonly=True, required=True)
    group_name = Column("group__name", "ชื่อกลุ่ม", TextCell(), readonly=True, note="ไม่นำเข้า (เพื่อให้อ่านง่าย)")
    activity_type = Column("activity_type", "ประเภทกิจกรรม", ActivityTypeCell(), required=True,
                           aliases=("ประเภท",), note="ตามรายการประเภทกิจกรรมของระบบ",
                           export_path="activity_type__name")
    name = Column("name", "ชื่อกิจกรรม", TextCell(), required=True)
    started_on = Column("started_on", "วันที่เริ่ม", ThaiDateCell(), aliases=("วันที่เริ่มดำเนินการ",))
    capital = Column("capital", "ทุนดำเนินการ (บาท)", MoneyCell(), aliases=("ทุน", "เงินทุน"))
    members_taking_part = Column("members_taking_part", "สมาชิกที่เข้าร่วม (คน)", IntegerCell(),
                                 aliases=("สมาชิกที่เข้าร่วม", "จำนวนสมาชิกที่เข้าร่วม"))
    status = Column("status", "สถานะกิจกรรม", ChoiceCell(Activity.Status.choices), aliases=("สถานะ",))

    class Meta:
        model = Activity
        fields = ("group_code", "group_name", "activity_type", "name", "started_on", "capital", "members_taking_part",
                  "status")


def columns(resource_class) -> list:
    """The layout's columns in order: the declared Fields of the Resource, in Meta.fields order."""
    return [resource_class.fields[name] for name in resource_class._meta.fields]


def key_column(resource_class):
    """The column that identifies a row (the group code): a row without it that holds only sums is
    a total row, and the table ends at the last row that has it."""
    return resource_class.fields["code"] if "code" in resource_class.fields else resource_class.fields["group_code"]


def normalise_header(text) -> str:
    """Headers match whatever spacing, dots, digits or the ฯ sign a spreadsheet gives them."""
    text = thai.to_arabic_digits(clean_text(str(text or ""))).lower()
    return re.sub(r"[\s.ฯ:*]", "", text)


def header_index(resource_class) -> dict[str, fields.Field]:
    """Every accepted spelling of every header (with and without its unit) → its column."""
    index = {}
    for column in columns(resource_class):
        for name in (column.column_name, *column.aliases):
            key = normalise_header(name)
            index.setdefault(key, column)
            index.setdefault(re.sub(r"\(.*?\)", "", key), column)
    return index


def match_header(index: dict, text):
    key = normalise_header(text)
    return index.get(key) or index.get(re.sub(r"\(.*?\)", "", key))


def export_path(column) -> str:
    return column.export_path


def choices_for(column) -> list[str]:
    """The drop-down list a template offers for a column (statuses, ใช่/ไม่ใช่, activity types)."""
    widget = column.widget
    if isinstance(widget, YesNoCell):
        return ["ใช่", "ไม่ใช่"]
    if isinstance(widget, ChoiceCell):
        return [str(label) for _, label in widget.choices]
    if isinstance(widget, ActivityTypeCell):
        return [t.name for t in ActivityType.objects.filter(is_active=True)]
    return []


def describe(column) -> str:
    """How to fill a column, for the template's notes sheet."""
    widget = column.widget
    parts = []
    if isinstance(widget, ThaiDateCell):
        parts.append("วันที่ พ.ศ. เช่น 15/03/2530 หรือ 15 มี.ค. 2530 หรือเซลล์วันที่ของ Excel")
    elif isinstance(widget, MoneyCell):
        parts.append("จำนวนเงิน เช่น 1,234.50 (ใช้เลขไทยได้)")
    elif isinstance(widget, IntegerCell):
        parts.append("จำนวนเต็ม (ใช้เลขไทยได้)")
    elif isinstance(widget, (YesNoCell, ChoiceCell, ActivityTypeCell)):
        parts.append("เลือกจากรายการ: " + " / ".join(choices_for(column)))
    if column.note:
        parts.append(column.note)
    if column.readonly and column.attribute in ("group__name",):
        parts.append("ระบบไม่นำเข้าคอลัมน์นี้")
    return " · ".join(parts) or "ข้อความ"
