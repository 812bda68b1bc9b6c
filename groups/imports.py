"""Importing the group and activity spreadsheets: all or nothing, fast at national size.

`spreadsheet_import` reads the whole file, validates every row with the model's own rules
(`clean_fields()` + `clean()`, which also cover the table's check constraints) and the area rule,
and only when no row has an error writes everything in one transaction: villages, groups by
`bulk_create(update_conflicts=True)` on the group code, activities by the same upsert on their
id, and one history row per created or changed record (source "import", the actor recorded).
A dry run stops before writing and returns the same report (the browser's preview).
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from accounts import scope
from geo.models import District, Province, Subdistrict, Village
from groups import resources, services
from groups.models import Activity, GroupChange, SavingsGroup
from groups.spreadsheets import SpreadsheetRefused, check_file, read_sheet

CHUNK = 900  # ids per IN (...) query: under SQLite's bound-parameter limit
WRITE_SLICE = 2000
LISTED = 1000  # new and changed rows kept for the preview page
VILLAGE_NAME_LENGTH = Village._meta.get_field("name").max_length  # rows written (and their history rows built) at a time
KINDS = {"groups": resources.GroupResource, "activities": resources.ActivityResource}
KIND_LABELS = {"groups": "ข้อมูลกลุ่ม", "activities": "ข้อมูลกิจกรรม"}

# The group's own columns (the place columns become its village).
GROUP_VALUE_FIELDS = [
    "name", "founded_on", "under_regulation", "members_total", "members_men", "members_women", "savings_balance",
    "loans_outstanding", "figures_as_of", "chair_name", "chair_phone", "officer_name",
]
# A blank cell in these columns means the model's default (0), not "no value".
BLANK_IS_DEFAULT = {"members_total", "savings_balance", "loans_outstanding", "capital", "members_taking_part"}
GROUP_UPSERT_FIELDS = [*GROUP_VALUE_FIELDS, "village", "district", "version", "updated_at"]
ACTIVITY_VALUE_FIELDS = ["started_on", "capital", "members_taking_part", "status"]
ACTIVITY_UPSERT_FIELDS = ["activity_type", "name", *ACTIVITY_VALUE_FIELDS, "updated_at"]


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


def _consume(items: list):
    """Yields a list's items in order, letting go of each one (a national file's parsed rows are
    not all kept until the end)."""
    items.reverse()
    while items:
        yield items.pop()


def _chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _strip_prefix(text: str, prefixes) -> str:
    for prefix in prefixes:
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix):].strip()
    return text


class PlaceLookup:
    """Province, amphoe and tambon by code or by name (a tambon's name is unique in its amphoe),
    and the villages already in the registry; loaded once per import."""

    def __init__(self):
        self.provinces = {p.code: p for p in Province.objects.all()}
        self.province_names = {p.name_th: p for p in self.provinces.values()}
        self.districts = {d.code: d for d in District.objects.all()}
        self.district_names = {}
        for d in self.districts.values():
            self.district_names.setdefault(d.name_th, []).append(d)
        self.subdistricts = {}
        self.subdistrict_names = {}
        for s in Subdistrict.objects.all():
            s.district = self.districts[s.district_id]
            self.subdistricts[s.code] = s
            self.subdistrict_names[(s.district_id, s.name_th)] = s
        self.villages = {}  # (tambon code, moo) → Village, filled by load_villages

    def province(self, text):
        if not text:
            return None
        text = _strip_prefix(text, ("จังหวัด", "จ."))
        found = self.provinces.get(text) or self.province_names.get(text)
        if found is None:
            raise ValueError(f"ไม่พบจังหวัด “{text}”")
        return found

    def district(self, text, province=None):
        if not text:
            raise ValueError("กรุณากรอกอำเภอ")
        text = _strip_prefix(text, ("อำเภอ", "อ."))
        found = self.districts.get(text)
        if found is None:
            candidates = self.district_names.get(text, [])
            if province is not None:
                candidates = [d for d in candidates if d.province_id == province.code]
            if len(candidates) > 1:
                raise ValueError(f"มีอำเภอ “{text}” มากกว่าหนึ่งจังหวัด กรุณากรอกจังหวัดหรือรหัสอำเภอ")
            found = candidates[0] if candidates else None
        if found is None:
            where = f" ในจังหวัด{province.name_th}" if province else ""
            raise ValueError(f"ไม่พบอำเภอ “{text}”{where}")
        if province is not None and found.province_id != province.code:
            raise ValueError(f"อำเภอ{found.name_th} ไม่ได้อยู่ในจังหวัด{province.name_th}")
        return found

    def subdistrict(self, text, district):
        if not text:
            raise ValueError("กรุณากรอกตำบล")
        text = _strip_prefix(text, ("ตำบล", "ต.", "แขวง"))
        found = self.subdistricts.get(text)
        if found is not None:
            if district is not None and found.district_id != district.code:
                raise ValueError(f"ตำบลรหัส {text} ({found.name_th}) ไม่ได้อยู่ในอำเภอ{district.name_th}")
            return found
        if district is None:
            return None
        found = self.subdistrict_names.get((district.code, text))
        if found is None:
            raise ValueError(f"ไม่พบตำบล “{text}” ในอำเภอ{district.name_th}")
        return found

    def load_villages(self, tambon_codes):
        for chunk in _chunks(set(tambon_codes) - {c for c, _ in self.villages}):
            for village in Village.objects.filter(subdistrict_id__in=chunk):
                village.subdistrict = self.subdistricts[village.subdistrict_id]  # no query per row
                self.villages[(village.subdistrict_id, village.moo)] = village

    def village_for_row(self, row: dict, resource) -> Village:
        """For django-import-export's own pipeline (GroupResource.import_instance)."""
        fields = resource.fields
        province = self.province(fields["province"].clean(row)) if "จังหวัด" in row else None
        district = self.district(fields["district"].clean(row), province)
        tambon = self.subdistrict(fields["subdistrict"].clean(row), district)
        moo = fields["moo"].clean(row)
        return services.village_get_or_create(subdistrict=tambon, moo=moo, name=fields["village_name"].clean(row))


def require_importer(actor) -> None:
    """District staff import for their district, provincial staff for their province; national
    staff read only. `actor=None` is the command line run without --as (the whole registry)."""
    if actor is not None and not (actor.is_district_staff or actor.is_province_staff):
        raise PermissionDenied("ท่านดูข้อมูลได้อย่างเดียว นำเข้าข้อมูลไม่ได้")


def _can_edit(actor, district) -> bool:
    return actor is None or scope.can_edit_district(actor, district)


def _display(instance, name) -> str:
    return services.display_value(instance, name)


class _Import:
    resource_class = None

    def __init__(self, sheet, actor, note):
        self.sheet, self.actor, self.note = sheet, actor, note
        self.report = ImportReport(kind=self.kind, rows=len(sheet.rows), ignored_columns=sheet.ignored)
        present = {column: index for index, column in sheet.columns.items()}
        self.positions = {name: present[column] for name, column in self.resource_class.fields.items()
                          if column in present}
        self.report.absent_columns = [c.column_name for c in resources.columns(self.resource_class)
                                      if c not in present]

    def error(self, row, name, message):
        column = self.resource_class.fields[name].column_name if name in self.resource_class.fields else ""
        self.report.errors.append(RowError(row, column, message))

    def parse(self, number, cells) -> dict:
        """Each present cell through its column's widget; unreadable cells become errors."""
        values = {}
        for name, index in self.positions.items():
            value = cells[index] if index < len(cells) else ""
            try:
                values[name] = self.resource_class.fields[name].widget.clean(value)
            except ValueError as error:
                self.error(number, name, str(error))
                values[name] = _INVALID
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
                for name, errors in error.error_dict.items():
                    for item in errors:
                        self.error(number, name, _thai_message(item))
            except TypeError:  # clean() on a value clean_fields() already refused
                bad = True
        return bad


_INVALID = object()

# Django's Thai catalogue lacks some validator messages; these are the ones a spreadsheet meets.
_THAI_MESSAGES = {
    "max_length": "ยาวเกิน {limit_value:,} ตัวอักษร (ตอนนี้ {show_value:,} ตัวอักษร)",
    "min_value": "ต้องไม่น้อยกว่า {limit_value:,}",
    "max_value": "ต้องไม่เกิน {limit_value:,}",
    "max_digits": "ตัวเลขยาวเกิน {max:,} หลัก",
    "max_whole_digits": "ตัวเลขหน้าจุดทศนิยมยาวเกิน {max:,} หลัก",
}


def _thai_message(error: ValidationError) -> str:
    message = error.messages[0]
    template = _THAI_MESSAGES.get(error.code)
    if template and error.params and not re.search("[ก-๙]", message):  # the model's own are Thai already
        try:
            return template.format(**error.params)
        except (KeyError, ValueError):
            pass
    return message


class GroupImport(_Import):
    kind = "groups"
    resource_class = resources.GroupResource

    def run(self, *, write: bool) -> ImportReport:
        places = PlaceLookup()
        parsed = []
        seen_codes = {}
        for number, cells in self.sheet.rows:
            values = self.parse(number, cells)
            code = values.get("code")
            if code is _INVALID:
                continue
            if not code:
                self.error(number, "code", "กรุณากรอกรหัสกลุ่ม")
                continue
            if code in seen_codes:
                self.error(number, "code", f"รหัสกลุ่ม {code} ซ้ำกับแถวที่ {seen_codes[code]}")
                continue
            seen_codes[code] = number
            parsed.append((number, values, self.place(number, values, places)))
        existing = self.load_existing(seen_codes, lock=write)
        places.load_villages(p[0].code for _, _, p in parsed if p)
        new_villages, renamed, village_rows = {}, {}, {}
        to_write = []
        for number, values, place in _consume(parsed):
            code = values["code"]
            group = existing.get(code)
            district = places.districts[group.district_id] if group is not None else None
            if group is not None and not _can_edit(self.actor, district):
                self.error(number, "code", f"กลุ่มรหัส {code} อยู่ใน{district.display_name} ซึ่งอยู่นอกเขตที่ท่านดูแล")
                continue
            village = None
            if place is not None:
                tambon, moo = place
                if _can_edit(self.actor, tambon.district):
                    village = self.village(number, values, places, tambon, moo, new_villages, renamed, village_rows)
                else:
                    self.error(number, "subdistrict", f"ตำบล{tambon.name_th} {tambon.district.display_name} "
                                                      "อยู่นอกเขตที่ท่านดูแล นำเข้าไม่ได้")
            # The values are checked even when the place is wrong, so every error shows at once.
            outcome = self.apply(number, values, group, village, renamed)
            if outcome is not None:
                to_write.append(outcome)
        self.sort_errors()
        if write and not self.report.errors:
            self.write(to_write, new_villages, renamed)
        return self.report

    def place(self, number, values, places):
        """(tambon, moo) from the place columns, or None with the errors recorded."""
        ok = True
        try:
            province = places.province(values.get("province") or "") if values.get("province") is not _INVALID else None
        except ValueError as error:
            self.error(number, "province", str(error))
            province, ok = None, False
        tambon = None
        try:
            district = places.district(values.get("district") or "", province)
        except ValueError as error:
            district = None
            # A tambon code alone still places the row; its amphoe must then agree.
            if not (values.get("subdistrict") or "").isdigit():
                self.error(number, "district", str(error))
                ok = False
        if ok:
            try:
                tambon = places.subdistrict(values.get("subdistrict") or "", district)
            except ValueError as error:
                self.error(number, "subdistrict", str(error))
        moo = values.get("moo")
        if moo is None:
            self.error(number, "moo", "กรุณากรอกหมู่ที่")
        elif moo is not _INVALID and not 1 <= moo <= 99:
            self.error(number, "moo", "หมู่ที่ต้องอยู่ระหว่าง ๑ ถึง ๙๙")
            moo = _INVALID
        if tambon is None or moo in (None, _INVALID):
            return None
        return tambon, moo

    def village(self, number, values, places, tambon, moo, new_villages, renamed, village_rows):
        key = (tambon.code, moo)
        name = values.get("village_name")
        name = "" if name is _INVALID else (name or "")
        # The village's other fields come from checked cells (tambon, moo 1-99); only the name
        # can break a rule of the Village model.
        if len(name) > VILLAGE_NAME_LENGTH:
            self.error(number, "village_name", f"ยาวเกิน {VILLAGE_NAME_LENGTH:,} ตัวอักษร (ตอนนี้ {len(name):,} ตัวอักษร)")
            return None
        first = village_rows.setdefault(key, (number, name))
        if name and first[1] and name != first[1]:
            self.error(number, "village_name", f"ชื่อหมู่บ้าน “{name}” ไม่ตรงกับแถวที่ {first[0]} (“{first[1]}”) "
                                               f"ซึ่งเป็นหมู่ที่ {moo} ตำบล{tambon.name_th} เดียวกัน")
            return None
        if name and not first[1]:
            village_rows[key] = (number, name)
        village = places.villages.get(key) or new_villages.get(key)
        if village is None:
            if not name:
                self.error(number, "village_name", f"หมู่ที่ {moo} ตำบล{tambon.name_th} ยังไม่มีในทะเบียน กรุณากรอกชื่อหมู่บ้าน")
                return None
            village = Village(code=Village.code_for(tambon.code, moo), subdistrict=tambon, moo=moo, name=name)
            new_villages[key] = village
        elif name and name != village.name and village.pk and key not in new_villages:
            renamed[key] = name
        return village

    def apply(self, number, values, group, village, renamed):
        """Puts the row's values on the group (a new one when the code is new); returns the group
        and its history entry when something changed, None when unchanged or invalid.

        Only what the row changes is validated (the registry's stored values passed the same
        rules when they were saved): a national file that is mostly unchanged checks quickly."""
        is_new = group is None
        if is_new:
            group = SavingsGroup(code=values["code"])
            old_village = ""
        else:
            before = {name: getattr(group, name) for name in GROUP_VALUE_FIELDS}
            old_village = str(group.village)
        bad = False
        for name in GROUP_VALUE_FIELDS:
            if name not in values:
                continue  # the column is not in the file: keep what the registry has
            value = values[name]
            if value is _INVALID:
                bad = True
                continue
            if value is None and name in BLANK_IS_DEFAULT:
                value = _GROUP_DEFAULTS[name]
            if value is None and name == "under_regulation":
                continue  # a yes/no cannot be emptied; blank keeps it (new groups: yes)
            setattr(group, name, value)
        if not (group.name or "").strip() and values.get("name") is not _INVALID:
            self.error(number, "name", "กรุณากรอกชื่อกลุ่ม")
            bad = True
        status = values.get("status")
        if status not in (None, _INVALID):
            if is_new and status != SavingsGroup.Status.ACTIVE:
                self.error(number, "status", "กลุ่มใหม่ต้องมีสถานะ “ดำเนินการอยู่”")
                bad = True
            elif not is_new and status != group.status:
                self.error(number, "status", f"เปลี่ยนสถานะจาก “{group.get_status_display()}” ด้วยการนำเข้าไม่ได้ "
                                             "กรุณาเปลี่ยนที่หน้ากลุ่ม (ต้องระบุเหตุผล)")
                bad = True
        if village is not None:
            group.village = village
            group.district_id = village.subdistrict.district_id
        changed = GROUP_VALUE_FIELDS if is_new else [n for n, old in before.items() if old != getattr(group, n)]
        if changed or bad:
            exclude = [f for f in _GROUP_FIELD_NAMES if f not in changed]
            bad = self.model_errors(number, group, exclude=exclude, already_bad=bad) or bad
        if bad or village is None:
            return None
        new_village = f"หมู่ที่ {village.moo} {renamed.get((village.subdistrict_id, village.moo), village.name)}"
        if is_new:
            # The history of a new group lists every field; it is built slice by slice when
            # written (the preview lists new groups by code and name only).
            self.report.created += 1
            self.report.listed(self.report.new, RowChange(number, group.code, group.name, {}))
            return group, services.BulkChange(0, GroupChange.Action.CREATED, None, note=self.note, group_version=1)
        fields = {
            name: {"label": _GROUP_LABELS[name], "old": _display_raw(name, before[name]), "new": _display(group, name)}
            for name in changed
        }
        if new_village != old_village:
            fields["village"] = {"label": "หมู่บ้าน", "old": old_village, "new": new_village}
        if not fields:
            self.report.unchanged += 1
            return None
        self.report.updated += 1
        self.report.listed(self.report.changes, RowChange(number, group.code, group.name, fields))
        group.version += 1
        return group, services.BulkChange(group.pk, GroupChange.Action.UPDATED, fields, note=self.note,
                                          group_version=group.version)

    def load_existing(self, codes, *, lock):
        found = {}
        for chunk in _chunks(codes):
            queryset = SavingsGroup.objects.filter(code__in=chunk).select_related("village")
            if lock:
                queryset = queryset.select_for_update(of=("self",))
            for group in queryset:
                found[group.code] = group
        return found

    def write(self, to_write, new_villages, renamed):
        now = timezone.now()
        Village.objects.bulk_create(new_villages.values(), batch_size=500)
        for (tambon_code, moo), name in renamed.items():
            Village.objects.filter(code=Village.code_for(tambon_code, moo)).update(name=name)
        # In slices, so that the statements' parameters and the history rows of a national file
        # are never all in memory at once.
        for start in range(0, len(to_write), WRITE_SLICE):
            part = to_write[start:start + WRITE_SLICE]
            rows = [group for group, _change in part]
            for group, change in part:
                if change.fields is None:
                    change.fields = services.diff(group, {}, services.GROUP_FIELDS)
                    new_name = renamed.get((group.village.subdistrict_id, group.village.moo))
                    if new_name:
                        change.fields["village"]["new"] = f"หมู่ที่ {group.village.moo} {new_name}"
            for group in rows:
                group.pk = None  # matched on the code; the id stays the registry's
                group.updated_at = now
            # One statement per batch whatever the mix of new and changed groups: INSERT … ON
            # CONFLICT (code) DO UPDATE. (bulk_update writes a CASE per field: ~50 s for 30,000.)
            SavingsGroup.objects.bulk_create(rows, batch_size=500, update_conflicts=True, unique_fields=["code"],
                                             update_fields=GROUP_UPSERT_FIELDS)
            missing = [group.code for group in rows if group.pk is None]  # a backend without RETURNING
            ids = dict(SavingsGroup.objects.filter(code__in=missing).values_list("code", "pk")) if missing else {}
            for group, change in part:
                change.group_id = group.pk or ids[group.code]
            services.record_changes_bulk(changes=[change for _group, change in part], actor=self.actor,
                                         source=GroupChange.Source.IMPORT)
        self.report.applied = True


_GROUP_FIELD_NAMES = [f.name for f in SavingsGroup._meta.fields]
_GROUP_LABELS = {name: str(SavingsGroup._meta.get_field(name).verbose_name) for name in GROUP_VALUE_FIELDS}
_GROUP_DEFAULTS = {name: SavingsGroup._meta.get_field(name).get_default() for name in BLANK_IS_DEFAULT
                   if name in GROUP_VALUE_FIELDS}
_PROBE = SavingsGroup()  # one instance to show an old value the way the history shows it


def _display_raw(name, value) -> str:
    setattr(_PROBE, name, value)
    return _display(_PROBE, name)


class ActivityImport(_Import):
    kind = "activities"
    resource_class = resources.ActivityResource

    def run(self, *, write: bool) -> ImportReport:
        parsed, codes = [], set()
        for number, cells in self.sheet.rows:
            values = self.parse(number, cells)
            code = values.get("group_code")
            if code in (None, ""):
                self.error(number, "group_code", "กรุณากรอกรหัสกลุ่ม")
                continue
            if code is not _INVALID:
                codes.add(code)
                parsed.append((number, values))
        groups = {}
        for chunk in _chunks(codes):
            queryset = SavingsGroup.objects.filter(code__in=chunk).select_related("district")
            if write:
                queryset = queryset.select_for_update(of=("self",))
            groups.update((g.code, g) for g in queryset)
        existing = {}
        for chunk in _chunks([g.pk for g in groups.values()]):
            for activity in Activity.objects.filter(group_id__in=chunk).select_related("activity_type"):
                existing.setdefault((activity.group_id, activity.activity_type_id, activity.name), []).append(activity)
        seen, to_write = {}, []
        for number, values in _consume(parsed):
            group = groups.get(values["group_code"])
            if group is None:
                self.error(number, "group_code", f"ไม่พบกลุ่มรหัส {values['group_code']} ในทะเบียน "
                                                 "กรุณานำเข้าข้อมูลกลุ่มก่อน")
                continue
            if not _can_edit(self.actor, group.district):
                self.error(number, "group_code", f"กลุ่มรหัส {group.code} อยู่ใน{group.district.display_name} "
                                                 "ซึ่งอยู่นอกเขตที่ท่านดูแล")
                continue
            kind, name = values.get("activity_type"), values.get("name")
            if kind is None:
                self.error(number, "activity_type", "กรุณาเลือกประเภทกิจกรรม")
            if not name:
                self.error(number, "name", "กรุณากรอกชื่อกิจกรรม")
            if kind in (None, _INVALID) or name in (None, "", _INVALID):
                continue
            key = (group.pk, kind.pk, name)
            if key in seen:
                self.error(number, "name", f"กิจกรรมนี้ซ้ำกับแถวที่ {seen[key]} (กลุ่ม ประเภท และชื่อเดียวกัน)")
                continue
            seen[key] = number
            matches = existing.get(key, [])
            if len(matches) > 1:
                self.error(number, "name", "กลุ่มนี้มีกิจกรรมประเภทและชื่อนี้มากกว่าหนึ่งรายการในทะเบียน "
                                           "กรุณาแก้ชื่อให้ต่างกันที่หน้ากลุ่มก่อน")
                continue
            outcome = self.apply(number, values, group, kind, matches[0] if matches else None)
            if outcome is not None:
                to_write.append(outcome)
        self.sort_errors()
        if write and not self.report.errors:
            self.write(to_write)
        return self.report

    def apply(self, number, values, group, kind, activity):
        is_new = activity is None
        if is_new:
            activity = Activity(group=group, activity_type=kind, name=values["name"])
        else:
            activity.group = group
            before = {name: getattr(activity, name) for name in ACTIVITY_VALUE_FIELDS}
        bad = False
        for name in ACTIVITY_VALUE_FIELDS:
            if name not in values:
                continue
            value = values[name]
            if value is _INVALID:
                bad = True
                continue
            if value is None and (name in BLANK_IS_DEFAULT or name == "status"):
                if name == "status" and not is_new:
                    continue
                value = Activity._meta.get_field(name).get_default()
            setattr(activity, name, value)
        bad = self.model_errors(number, activity, exclude=["group", "activity_type"], already_bad=bad) or bad
        if bad:
            return None
        label = f"{group.code} {kind.name}: {activity.name}"
        if is_new:
            self.report.created += 1
            self.report.listed(self.report.new, RowChange(number, group.code, label, {}))
            return activity, GroupChange.Action.ACTIVITY_ADDED, None
        fields = {
            name: {"label": str(Activity._meta.get_field(name).verbose_name),
                   "old": _display(Activity(**{name: old}), name), "new": _display(activity, name)}
            for name, old in before.items() if old != getattr(activity, name)
        }
        if not fields:
            self.report.unchanged += 1
            return None
        self.report.updated += 1
        self.report.listed(self.report.changes, RowChange(number, group.code, label, fields))
        return activity, GroupChange.Action.ACTIVITY_UPDATED, fields

    def write(self, to_write):
        now = timezone.now()
        group_ids = {a.group_id for a, _, _ in to_write}
        for chunk in _chunks(group_ids):
            SavingsGroup.objects.filter(pk__in=chunk).update(version=F("version") + 1, updated_at=now)
        versions = {}
        for chunk in _chunks(group_ids):
            versions.update(SavingsGroup.objects.filter(pk__in=chunk).values_list("pk", "version"))
        for start in range(0, len(to_write), WRITE_SLICE):
            part = to_write[start:start + WRITE_SLICE]
            new = [a for a, action, _ in part if action == GroupChange.Action.ACTIVITY_ADDED]
            changed = [a for a, action, _ in part if action == GroupChange.Action.ACTIVITY_UPDATED]
            for activity in part:
                activity[0].updated_at = now
            Activity.objects.bulk_create(new, batch_size=500)
            # Matched on the id: INSERT … ON CONFLICT (id) DO UPDATE, one statement per batch.
            Activity.objects.bulk_create(changed, batch_size=500, update_conflicts=True, unique_fields=["id"],
                                         update_fields=ACTIVITY_UPSERT_FIELDS)
            if any(a.pk is None for a in new):  # a backend that cannot return ids from a bulk insert
                raise RuntimeError("bulk_create did not set activity ids")
            GroupChange.objects.bulk_create(
                [GroupChange(group_id=a.group_id, activity_id=a.pk, actor=self.actor, at=now, action=action,
                             fields=fields if fields is not None else services.diff(a, {}, services.ACTIVITY_FIELDS),
                             source=GroupChange.Source.IMPORT, group_version=versions[a.group_id],
                             note=f"{a.name} · {self.note}".strip(" ·"))
                 for a, action, fields in part],
                batch_size=1000,
            )
        self.report.applied = True


IMPORTERS = {"groups": GroupImport, "activities": ActivityImport}


def spreadsheet_import(*, kind: str, path, actor, dry_run: bool, file_name: str = "") -> ImportReport:
    """Reads, validates and (unless dry_run, and only when no row has an error) writes a whole
    file. Raises SpreadsheetRefused for a file that cannot be read at all, PermissionDenied for
    a user who may not import."""
    with translation.override("th"):  # Django's own validator messages in Thai, from the CLI too
        return _import(kind, path, actor, dry_run, file_name)


def _import(kind, path, actor, dry_run, file_name):
    require_importer(actor)
    importer_class = IMPORTERS[kind]
    check_file(path)
    sheet = read_sheet(path, importer_class.resource_class)
    note = f"นำเข้าจากไฟล์ {file_name}".strip() if file_name else "นำเข้าจากไฟล์"
    if dry_run:
        return importer_class(sheet, actor, note).run(write=False)
    with transaction.atomic():
        return importer_class(sheet, actor, note).run(write=True)


__all__ = ["ImportReport", "RowError", "SpreadsheetRefused", "spreadsheet_import", "require_importer"]
