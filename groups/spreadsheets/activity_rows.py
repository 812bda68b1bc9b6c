"""The activity sheet: one row per activity, matched by group code + type + name; upserted on the
activity's id, each change recorded in its group's history; written as groups.spreadsheets.merge says."""

from django.db import transaction
from django.utils import timezone

from groups import services
from groups.models import Activity, GroupChange, SavingsGroup
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
from groups.spreadsheets.merge import checks_now, merge_update

ACTIVITY_VALUE_FIELDS = ["started_on", "capital", "members_taking_part", "status"]
ACTIVITY_UPSERT_FIELDS = ["activity_type", "name", *ACTIVITY_VALUE_FIELDS, "updated_at"]


class ActivityImport(RowImport):
    kind = "activities"
    resource_class = resources.ActivityResource

    def run(self, *, write: bool) -> ImportReport:
        parsed, codes = [], set()
        for number, cells in self.sheet.rows:
            values = self.parse(number, cells)
            code = values.get("group_code")
            if code in (None, ""):
                self.error(number, "group_code", CODE_REQUIRED)
                continue
            if code is not INVALID:
                codes.add(code)
                parsed.append((number, values))
        groups = {}
        for chunk in chunks(codes):
            queryset = SavingsGroup.objects.filter(code__in=chunk).select_related("district")  # unlocked (merge)
            groups.update((g.code, g) for g in queryset)
        existing = {}
        for chunk in chunks([g.pk for g in groups.values()]):
            for activity in Activity.objects.filter(group_id__in=chunk).select_related("activity_type"):
                existing.setdefault((activity.group_id, activity.activity_type_id, activity.name), []).append(activity)
        seen, to_write = {}, []
        for number, values in consume(parsed):
            group = groups.get(values["group_code"])
            if group is None:
                self.error(number, "group_code", f"ไม่พบกลุ่มรหัส {values['group_code']} ในทะเบียน "
                                                 "กรุณานำเข้าข้อมูลกลุ่มก่อน")
                continue
            if not can_edit(self.actor, group.district):
                self.error(number, "group_code", outside_area(group.code, group.district))
                continue
            kind, name = values.get("activity_type"), values.get("name")
            if kind is None:
                self.error(number, "activity_type", "กรุณาเลือกประเภทกิจกรรม")
            if not name:
                self.error(number, "name", "กรุณากรอกชื่อกิจกรรม")
            if kind in (None, INVALID) or name in (None, "", INVALID):
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
            if value is INVALID:
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
                   "old": display(Activity(**{name: old}), name), "new": display(activity, name)}
            for name, old in before.items() if old != getattr(activity, name)
        }
        if not fields:
            self.report.unchanged += 1
            return None
        self.report.updated += 1
        self.report.listed(self.report.changes, RowChange(number, group.code, label, fields))
        return activity, GroupChange.Action.ACTIVITY_UPDATED, fields

    @transaction.atomic
    def write(self, to_write):
        """Inserts first; the groups' version bump (compare-and-set) and the changed activities
        last, one statement each, in the order of core.locks (groups.spreadsheets.merge)."""
        checks_now()
        now = timezone.now()
        history_after = GroupChange.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        groups = {a.group_id: a.group for a, _, _ in to_write}
        for group in groups.values():
            group.version += 1  # what the history rows name; checked against the table at the end
            group.updated_at = now
        changed = []
        for start in range(0, len(to_write), WRITE_SLICE):
            part = to_write[start:start + WRITE_SLICE]
            new = [a for a, action, _ in part if action == GroupChange.Action.ACTIVITY_ADDED]
            changed += [a for a, action, _ in part if action == GroupChange.Action.ACTIVITY_UPDATED]
            for activity in part:
                activity[0].updated_at = now
            Activity.objects.bulk_create(new, batch_size=500)
            if any(a.pk is None for a in new):  # a backend that cannot return ids from a bulk insert
                raise RuntimeError("bulk_create did not set activity ids")
            GroupChange.objects.bulk_create(
                [GroupChange(group_id=a.group_id, activity_id=a.pk, actor=self.actor, at=now, action=action,
                             fields=fields if fields is not None else services.diff(a, {}, services.ACTIVITY_FIELDS),
                             source=GroupChange.Source.IMPORT, group_version=groups[a.group_id].version,
                             note=f"{a.name} · {self.note}".strip(" ·"))
                 for a, action, fields in part],
                batch_size=1000,
            )

        def bump_saved(ids):
            """Groups an officer saved after the import read them: one version past theirs."""
            merged, renumber = [], {}
            for pk, version in SavingsGroup.objects.filter(pk__in=ids).values_list("pk", "version"):
                group = groups[pk]
                renumber[(pk, group.version)] = version + 1
                group.version = version + 1
                merged.append(group)
            rows = [row for row in GroupChange.objects.filter(
                        pk__gt=history_after, group_id__in=ids, source=GroupChange.Source.IMPORT).only(
                        "pk", "group_id", "group_version") if (row.group_id, row.group_version) in renumber]
            for row in rows:
                row.group_version = renumber[(row.group_id, row.group_version)]
            merge_update(GroupChange, rows, ["group_version"])
            return merged

        merge_update(SavingsGroup, list(groups.values()), ["version", "updated_at"], resolve=bump_saved)
        merge_update(Activity, changed, ACTIVITY_UPSERT_FIELDS)
        self.report.applied = True
