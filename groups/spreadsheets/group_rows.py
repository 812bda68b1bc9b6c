"""The group sheet: one row per group, matched by group code; the place columns become the
group's village (created when new). New groups are inserted in batches; changed ones are written
last in one compare-and-set statement (groups.spreadsheets.merge)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from geo.models import MOO_RANGE, MOO_REQUIRED, Village
from groups import services
from groups.models import GROUP_STATUS, GroupChange, SavingsGroup
from groups.spreadsheets import resources
from groups.spreadsheets.base import (
    BLANK_IS_DEFAULT,
    CODE_REQUIRED,
    INVALID,
    WRITE_SLICE,
    ImportReport,
    RowChange,
    RowImport,
    can_edit,
    chunks,
    consume,
    display,
    outside_area,
)
from groups.spreadsheets.merge import ImportConflict, checks_now, merge_update
from groups.spreadsheets.places import PlaceLookup

# The group's own columns (the place columns become its village).
GROUP_VALUE_FIELDS = [
    "name", "founded_on", "under_regulation", "members_total", "members_men", "members_women", "savings_balance",
    "loans_outstanding", "figures_as_of", "chair_name", "chair_phone", "officer_name",
]
GROUP_UPSERT_FIELDS = [*GROUP_VALUE_FIELDS, "village", "district", "version", "updated_at"]
VILLAGE_NAME_LENGTH = Village._meta.get_field("name").max_length


class GroupImport(RowImport):
    kind = "groups"
    resource_class = resources.GroupResource

    def run(self, *, write: bool) -> ImportReport:
        places = PlaceLookup()
        parsed = []
        seen_codes = {}
        for number, cells in self.sheet.rows:
            values = self.parse(number, cells)
            code = values.get("code")
            if code is INVALID:
                continue
            if not code:
                self.error(number, "code", CODE_REQUIRED)
                continue
            if code in seen_codes:
                self.error(number, "code", f"รหัสกลุ่ม {code} ซ้ำกับแถวที่ {seen_codes[code]}")
                continue
            seen_codes[code] = number
            parsed.append((number, values, self.place(number, values, places)))
        existing = self.load_existing(seen_codes, lock=False)  # validated unlocked (merge)
        places.load_villages(p[0].code for _, _, p in parsed if p)
        new_villages, renamed, village_rows = {}, {}, {}
        to_write = []
        for number, values, place in consume(parsed):
            code = values["code"]
            group = existing.get(code)
            district = places.districts[group.district_id] if group is not None else None
            if group is not None and not can_edit(self.actor, district):
                self.error(number, "code", outside_area(code, district))
                continue
            village = None
            if place is not None:
                tambon, moo = place
                if can_edit(self.actor, tambon.district):
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
        """(tambon, moo) from the place columns, or None with the errors recorded. A cell that
        could not be read has its own error already: nothing more is said about it."""
        province_text, district_text, tambon_text = (values.get(n) for n in ("province", "district", "subdistrict"))
        ok = INVALID not in (province_text, tambon_text)
        tambon_is_code = isinstance(tambon_text, str) and tambon_text.isdigit()
        province = tambon = None
        if province_text not in (None, INVALID):
            try:
                province = places.province(province_text)
            except ValueError as error:
                self.error(number, "province", str(error))
                ok = False
        district = None
        if district_text is INVALID:
            ok = ok and tambon_is_code
        else:
            try:
                district = places.district(district_text or "", province)
            except ValueError as error:
                # A tambon code alone still places the row; its amphoe must then agree.
                if not tambon_is_code:
                    self.error(number, "district", str(error))
                    ok = False
        if ok:
            try:
                tambon = places.subdistrict(tambon_text or "", district)
            except ValueError as error:
                self.error(number, "subdistrict", str(error))
        moo = values.get("moo")
        if moo is None:
            self.error(number, "moo", MOO_REQUIRED)
        elif moo is not INVALID and not 1 <= moo <= 99:
            self.error(number, "moo", MOO_RANGE)
            moo = INVALID
        if tambon is None or moo in (None, INVALID):
            return None
        return tambon, moo

    def village(self, number, values, places, tambon, moo, new_villages, renamed, village_rows):
        key = (tambon.code, moo)
        name = values.get("village_name")
        name = "" if name is INVALID else (name or "")
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
                self.error(number, "village_name", Village.name_required(moo, tambon.name_th))
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
        bad = False
        if is_new and not (values["code"].isascii() and values["code"].isdigit()):
            # A code already in the registry matches as stored; a new one is the department's number.
            self.error(number, "code", f"รหัสกลุ่ม “{values['code']}” ต้องเป็นตัวเลขเท่านั้น เช่น 5201010301")
            bad = True
        if is_new:
            group = SavingsGroup(code=values["code"])
            old_village = ""
        else:
            before = {name: getattr(group, name) for name in GROUP_VALUE_FIELDS}
            old_village = str(group.village)
        for name in GROUP_VALUE_FIELDS:
            if name not in values:
                continue  # the column is not in the file: keep what the registry has
            value = values[name]
            if value is INVALID:
                bad = True
                continue
            if value is None and name in BLANK_IS_DEFAULT:
                value = _GROUP_DEFAULTS[name]
            if value is None and name == "under_regulation":
                continue  # a yes/no cannot be emptied; blank keeps it (new groups: yes)
            setattr(group, name, value)
        if not (group.name or "").strip() and values.get("name") is not INVALID:
            self.error(number, "name", "กรุณากรอกชื่อกลุ่ม")
            bad = True
        status = values.get("status")
        if status not in (None, INVALID):
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
            name: {"label": _GROUP_LABELS[name], "old": _display_raw(name, before[name]), "new": display(group, name)}
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
        for chunk in chunks(codes):
            queryset = SavingsGroup.objects.filter(code__in=chunk).select_related("village")
            if lock:
                queryset = queryset.select_for_update(of=("self",))
            for group in queryset:
                found[group.code] = group
        return found

    @transaction.atomic
    def write(self, to_write, new_villages, renamed):
        """Inserts first, changes to existing groups last in one statement (groups.spreadsheets.merge)."""
        checks_now()
        now = timezone.now()
        self.history_after = GroupChange.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        Village.objects.bulk_create(new_villages.values(), batch_size=500)
        changed = []
        # In slices, so that the statements' parameters and the history rows of a national file
        # are never all in memory at once.
        for start in range(0, len(to_write), WRITE_SLICE):
            part = to_write[start:start + WRITE_SLICE]
            for group, change in part:
                if change.fields is None:
                    change.fields = services.diff(group, {}, services.GROUP_FIELDS)
                    new_name = renamed.get((group.village.subdistrict_id, group.village.moo))
                    if new_name:
                        change.fields["village"]["new"] = f"หมู่ที่ {group.village.moo} {new_name}"
                group.updated_at = now
            new = [group for group, change in part if group.pk is None]
            for group in new:  # entering the registry is a status move too (core.machine)
                GROUP_STATUS.check("", group.status)
            SavingsGroup.objects.bulk_create(new, batch_size=500)
            missing = [group.code for group in new if group.pk is None]  # a backend without RETURNING
            ids = dict(SavingsGroup.objects.filter(code__in=missing).values_list("code", "pk")) if missing else {}
            for group, change in part:
                change.group_id = group.pk or ids[group.code]
            changed += [(group, change) for group, change in part if change.action != GroupChange.Action.CREATED]
            services.record_changes_bulk(changes=[change for _group, change in part], actor=self.actor,
                                         source=GroupChange.Source.IMPORT)
        # Rows officers also lock, last, in the order of core.locks: groups, then villages.
        by_id = {group.pk: (group, change) for group, change in changed}
        merge_update(SavingsGroup, [group for group, _change in changed], GROUP_UPSERT_FIELDS,
                     resolve=lambda ids: self.merge_saved(ids, by_id, now))
        for (tambon_code, moo), name in renamed.items():
            Village.objects.filter(code=Village.code_for(tambon_code, moo)).update(name=name)
        self.report.applied = True

    def merge_saved(self, ids, by_id, now):
        """Groups an officer saved after the import read them (rows locked): the file's changes
        on top of what the officer saved, as if the file had come a moment later; the import's
        history row then names the officer's values as the old ones."""
        merged, history = [], {}
        for pk, current in SavingsGroup.objects.select_related("village").in_bulk(ids).items():
            group, change = by_id[pk]
            old = {name: display(current, name) for name in change.fields if name != "village"}
            old["village"] = str(current.village)
            for name in change.fields:
                if name == "village":
                    current.village, current.district_id = group.village, group.district_id
                else:
                    setattr(current, name, getattr(group, name))
            try:
                current.full_clean(exclude=[f for f in _GROUP_FIELD_NAMES if f not in change.fields],
                                   validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                raise ImportConflict(f"group {current.code} no longer valid with the file's values") from error
            current.version += 1
            current.updated_at = now
            for name, entry in change.fields.items():
                entry["old"] = old[name]
            history[(pk, group.version)] = (change.fields, current.version)
            group.version = current.version  # what the history row names from now on
            merged.append(current)
        rows = [row for row in GroupChange.objects.filter(
                    pk__gt=self.history_after, group_id__in=ids, source=GroupChange.Source.IMPORT).only(
                    "pk", "group_id", "group_version") if (row.group_id, row.group_version) in history]
        for row in rows:
            row.fields, row.group_version = history[(row.group_id, row.group_version)]
        merge_update(GroupChange, rows, ["fields", "group_version"])
        return merged


_GROUP_FIELD_NAMES = [f.name for f in SavingsGroup._meta.fields]
_GROUP_LABELS = {name: str(SavingsGroup._meta.get_field(name).verbose_name) for name in GROUP_VALUE_FIELDS}
_GROUP_DEFAULTS = {name: SavingsGroup._meta.get_field(name).get_default() for name in BLANK_IS_DEFAULT
                   if name in GROUP_VALUE_FIELDS}
_PROBE = SavingsGroup()  # one instance to show an old value the way the history shows it


def _display_raw(name, value) -> str:
    setattr(_PROBE, name, value)
    return display(_PROBE, name)
