"""Everything that writes groups, activities and their history.

Views, the spreadsheet import, the review round and management commands call these functions;
each checks the actor's area, validates with the model's own rules and records the change.
Row locks follow the one order written in core.locks.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts import scope
from geo.models import Subdistrict, Village
from groups.models import GROUP_STATUS, Activity, GroupChange, SavingsGroup

# Who may restore a group (the page says it too).
RESTORE_REFUSED = "เฉพาะเจ้าหน้าที่สำนักงานพัฒนาชุมชนจังหวัดเท่านั้นที่คืนสถานะกลุ่มได้"

# The fields an officer edits and the history tracks, in the order the group page shows them.
GROUP_FIELDS = [
    "code", "name", "village", "founded_on", "under_regulation", "members_total", "members_men",
    "members_women", "savings_balance", "loans_outstanding", "figures_as_of", "chair_name",
    "chair_phone", "officer_name",
]
ACTIVITY_FIELDS = ["activity_type", "name", "started_on", "capital", "members_taking_part", "status"]


class EditConflict(Exception):
    """Someone saved the group after this officer opened it; `changes` says what they changed."""

    def __init__(self, group, changes):
        super().__init__("ข้อมูลกลุ่มถูกแก้ไขโดยผู้อื่นหลังจากที่ท่านเปิดแบบฟอร์ม")
        self.group = group
        self.changes = changes


def display_value(instance, field_name) -> str:
    """A field's value as the history shows it (Thai labels, BE dates, money with commas)."""
    from core import thai

    field = instance._meta.get_field(field_name)
    if field.is_relation:
        related = getattr(instance, field_name)
        return str(related) if related is not None else ""
    value = getattr(instance, field.attname)
    if value is None:
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.get_internal_type() == "DateField":
        return thai.format_date(value)
    if field.get_internal_type() == "DecimalField":
        return thai.format_money(value)
    if field.get_internal_type() == "BooleanField":
        return "ใช่" if value else "ไม่ใช่"
    return str(value)


def snapshot(instance, field_names) -> dict[str, str]:
    return {name: display_value(instance, name) for name in field_names}


def diff(instance, before: dict[str, str], field_names) -> dict:
    """{"name": {"label": "ชื่อกลุ่ม", "old": "...", "new": "..."}} for each field that changed."""
    after = snapshot(instance, field_names)
    return {
        name: {
            "label": str(instance._meta.get_field(name).verbose_name),
            "old": before.get(name, ""),
            "new": after[name],
        }
        for name in field_names
        if before.get(name, "") != after[name]
    }


def _lock_group(pk) -> None:
    """Locks a group's row before its activities' (the lock order of core.locks)."""
    list(SavingsGroup.objects.select_for_update(of=("self",), no_key=True).filter(pk=pk).values_list("pk"))


def require_edit(actor, district):
    if not scope.can_edit_district(actor, district):
        raise PermissionDenied("ท่านไม่มีสิทธิ์แก้ไขข้อมูลของอำเภอนี้")


def village_get_or_create(*, subdistrict: Subdistrict, moo: int, name: str) -> Village:
    """The village `หมู่ที่ moo` of a tambon, created on first reference; a new name renames it."""
    name = (name or "").strip()
    village = Village.objects.filter(subdistrict=subdistrict, moo=moo).first()
    if village is None:
        if not name:
            raise ValidationError({"village_name": Village.name_required(moo, subdistrict.name_th)})
        village = Village(code=Village.code_for(subdistrict.code, moo), subdistrict=subdistrict, moo=moo, name=name)
        village.full_clean()
        village.save()
    elif name and name != village.name:
        village.name = name
        village.save(update_fields=["name"])
    return village


def _resolve_village(data: dict) -> dict:
    """Turns the form's tambon + moo + village name into a village (created when new)."""
    data = dict(data)
    if "subdistrict" in data:
        subdistrict, moo, name = data.pop("subdistrict"), data.pop("moo"), data.pop("village_name", "")
        data["village"] = village_get_or_create(subdistrict=subdistrict, moo=moo, name=name)
    return data


def _record(group, actor, action, *, fields=None, note="", source=GroupChange.Source.FORM, activity=None):
    return GroupChange.objects.create(
        group=group, actor=actor, at=timezone.now(), action=action, fields=fields or {}, note=note,
        source=source, activity=activity, group_version=group.version,
    )


@transaction.atomic
def group_create(*, actor, data: dict, source=GroupChange.Source.FORM) -> SavingsGroup:
    if "subdistrict" in data:
        require_edit(actor, data["subdistrict"].district)
    group = SavingsGroup(**_resolve_village(data))
    if group.village_id:
        group.district_id = group.village.subdistrict.district_id
        require_edit(actor, group.village.subdistrict.district)
    GROUP_STATUS.check("", group.status)
    group.full_clean()
    group.save()
    _record(group, actor, GroupChange.Action.CREATED, fields=diff(group, {}, GROUP_FIELDS), source=source)
    return group


@transaction.atomic
def group_update(*, group: SavingsGroup, actor, data: dict, expected_version: int | None = None,
                 source=GroupChange.Source.FORM) -> SavingsGroup:
    """Saves the officer's changes; refuses with EditConflict if the group moved on meanwhile."""
    group = SavingsGroup.objects.select_for_update(of=("self",), no_key=True).select_related("village__subdistrict").get(pk=group.pk)
    require_edit(actor, group.district)
    if expected_version is not None and group.version != expected_version:
        since = GroupChange.objects.filter(group=group, group_version__gt=expected_version).select_related("actor")
        raise EditConflict(group, list(since.order_by("at")))
    if "subdistrict" in data:
        require_edit(actor, data["subdistrict"].district)
    before = snapshot(group, GROUP_FIELDS)
    for name, value in _resolve_village(data).items():
        setattr(group, name, value)
    if group.village_id:
        require_edit(actor, group.village.subdistrict.district)
    group.full_clean()
    changes = diff(group, before, GROUP_FIELDS)
    if not changes:
        return group
    group.version = F("version") + 1
    group.save()
    group.refresh_from_db()
    _record(group, actor, GroupChange.Action.UPDATED, fields=changes, source=source)
    return group


def _move_status(group, actor, to, action, reason, source):
    GROUP_STATUS.check(group.status, to)
    if not (reason or "").strip():
        raise ValidationError({"reason": "กรุณาระบุเหตุผล"})
    before = snapshot(group, ["status"])
    GROUP_STATUS.move(group, to)
    group.status_reason = reason.strip()
    group.status_changed_at = timezone.now()
    group.status_changed_by = actor
    group.version = F("version") + 1
    group.save()
    group.refresh_from_db()
    _record(group, actor, action, fields=diff(group, before, ["status"]), note=reason.strip(), source=source)
    return group


@transaction.atomic
def group_cancel(*, group: SavingsGroup, actor, reason: str) -> SavingsGroup:
    """The district cancels a group: it leaves the default list, the record and history stay."""
    group = SavingsGroup.objects.select_for_update(of=("self",), no_key=True).get(pk=group.pk)
    require_edit(actor, group.district)
    return _move_status(group, actor, SavingsGroup.Status.CANCELLED, GroupChange.Action.CANCELLED, reason,
                        GroupChange.Source.FORM)


@transaction.atomic
def group_restore(*, group: SavingsGroup, actor, reason: str) -> SavingsGroup:
    """Provincial staff bring a cancelled or removed group back into the active registry."""
    group = SavingsGroup.objects.select_for_update(of=("self",), no_key=True).select_related("district").get(pk=group.pk)
    if not scope.is_province_staff_for(actor, group.district.province_id):
        raise PermissionDenied(RESTORE_REFUSED)
    return _move_status(group, actor, SavingsGroup.Status.ACTIVE, GroupChange.Action.RESTORED, reason,
                        GroupChange.Source.FORM)


def group_remove(*, group: SavingsGroup, actor, reason: str, source=GroupChange.Source.REVIEW) -> SavingsGroup:
    """Takes a group out of the active registry after a review (never deleted). The caller
    (the review's acceptance service) holds the transaction and has checked the actor."""
    return _move_status(group, actor, SavingsGroup.Status.REMOVED, GroupChange.Action.REMOVED, reason, source)


def _bump(group, actor, action, fields, source, activity=None, note=""):
    SavingsGroup.objects.filter(pk=group.pk).update(version=F("version") + 1, updated_at=timezone.now())
    group.refresh_from_db(fields=["version", "updated_at"])
    _record(group, actor, action, fields=fields, source=source, activity=activity, note=note)


@transaction.atomic
def activity_create(*, group: SavingsGroup, actor, data: dict, source=GroupChange.Source.FORM) -> Activity:
    require_edit(actor, group.district)
    activity = Activity(group=group, **data)
    activity.full_clean()
    activity.save()
    _bump(group, actor, GroupChange.Action.ACTIVITY_ADDED, diff(activity, {}, ACTIVITY_FIELDS), source, activity,
          note=activity.name)
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, actor, data: dict, source=GroupChange.Source.FORM) -> Activity:
    _lock_group(Activity.objects.filter(pk=activity.pk).values_list("group_id", flat=True).get())
    activity = Activity.objects.select_for_update(of=("self",), no_key=True).select_related("group").get(pk=activity.pk)
    require_edit(actor, activity.group.district)
    before = snapshot(activity, ACTIVITY_FIELDS)
    for name, value in data.items():
        setattr(activity, name, value)
    activity.full_clean()
    changes = diff(activity, before, ACTIVITY_FIELDS)
    if changes:
        activity.save()
        _bump(activity.group, actor, GroupChange.Action.ACTIVITY_UPDATED, changes, source, activity,
              note=activity.name)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, actor) -> None:
    _lock_group(Activity.objects.filter(pk=activity.pk).values_list("group_id", flat=True).get())
    activity = Activity.objects.select_for_update(of=("self",), no_key=True).select_related("group").get(pk=activity.pk)
    require_edit(actor, activity.group.district)
    group, name = activity.group, activity.name
    fields = {
        key: {**value, "old": value["new"], "new": ""}
        for key, value in diff(activity, {}, ACTIVITY_FIELDS).items()
    }
    activity.delete()
    _bump(group, actor, GroupChange.Action.ACTIVITY_REMOVED, fields, GroupChange.Source.FORM, note=name)


@dataclass
class BulkChange:
    """One history row prepared by a bulk writer (spreadsheet import, review acceptance)."""

    group_id: int
    action: str
    fields: dict
    note: str = ""
    group_version: int | None = None


def record_changes_bulk(*, changes: list[BulkChange], actor, source) -> int:
    """Writes many history rows in one statement; bulk writers must record history too."""
    now = timezone.now()
    GroupChange.objects.bulk_create(
        [
            GroupChange(group_id=c.group_id, actor=actor, at=now, action=c.action, fields=c.fields, note=c.note,
                        source=source, group_version=c.group_version)
            for c in changes
        ],
        batch_size=1000,
    )
    return len(changes)


# ---------------------------------------------------------------- text stored before core.text

TEXT_FIELDS = ["code", "name", "chair_name", "chair_phone", "officer_name"]
TEXT_CLEANUP_NOTE = "ปรับข้อความให้เป็นรูปแบบมาตรฐาน (อักขระที่มองไม่เห็น ช่องว่าง ลำดับสระและวรรณยุกต์)"


@dataclass
class TextCleanup:
    """What stored_text_clean found: one line per record changed, and codes it could not clean."""

    changed: list[str]
    conflicts: list[str]


def _clean_field(name, value):
    from core.text import clean_code, clean_text

    return clean_code(value) if name == "code" else clean_text(value)


@transaction.atomic
def stored_text_clean(*, actor=None, dry_run: bool = False) -> TextCleanup:
    """Puts names and codes stored before the registry normalised text (core.text) into the one
    normal form; each change is a history row of its group (source "ระบบ"). A code that would
    become another group's code is left as it is and reported: two groups that look the same need
    an officer to decide which one is real."""
    from core.text import INVISIBLE, differs

    report = TextCleanup(changed=[], conflicts=[])
    now = timezone.now()
    codes = set(SavingsGroup.objects.values_list("code", flat=True))
    villages_done = {}
    for group in SavingsGroup.objects.select_for_update(of=("self",)).select_related("village").order_by("pk"):
        before = snapshot(group, GROUP_FIELDS)
        changed = []
        for name in TEXT_FIELDS:
            value = getattr(group, name)
            new = _clean_field(name, value)
            if new == value:
                continue
            if name == "code" and new in codes:
                report.conflicts.append(f"กลุ่ม {group.name} รหัส “{value!r}” เมื่อตัดอักขระที่มองไม่เห็นแล้วซ้ำกับรหัส {new} "
                                        "ของอีกกลุ่มหนึ่ง ไม่ได้แก้ไข กรุณาตรวจสอบว่ากลุ่มใดถูกต้อง")
                continue
            if name == "code":
                codes.discard(value)
                codes.add(new)
            setattr(group, name, new)
            changed.append(name)
        village = group.village
        if village.pk not in villages_done:
            villages_done[village.pk] = differs(village.name)
            if villages_done[village.pk] and not dry_run:
                Village.objects.filter(pk=village.pk).update(name=_clean_field("name", village.name))
        if villages_done[village.pk]:
            village.name = _clean_field("name", village.name)
        fields = diff(group, before, GROUP_FIELDS)
        if not fields:
            continue
        for item in fields.values():  # the invisible characters shown, so the history explains itself
            item["old"] = "".join(f"<U+{ord(c):04X}>" if c in INVISIBLE else c for c in item["old"])
        report.changed.append(f"กลุ่ม {group.code}: " + ", ".join(item["label"] for item in fields.values()))
        if dry_run:
            continue
        group.version += 1
        SavingsGroup.objects.filter(pk=group.pk).update(**{n: getattr(group, n) for n in changed},
                                                        version=group.version, updated_at=now)
        GroupChange.objects.create(group=group, actor=actor, at=now, action=GroupChange.Action.UPDATED, fields=fields,
                                   source=GroupChange.Source.SYSTEM, group_version=group.version, note=TEXT_CLEANUP_NOTE)
    for activity in Activity.objects.select_for_update(of=("self",)).select_related("group").order_by("pk"):
        if not differs(activity.name):
            continue
        before = snapshot(activity, ACTIVITY_FIELDS)
        activity.name = _clean_field("name", activity.name)
        report.changed.append(f"กิจกรรม {activity.group.code}: {activity.name}")
        if dry_run:
            continue
        Activity.objects.filter(pk=activity.pk).update(name=activity.name, updated_at=now)
        _bump(activity.group, actor, GroupChange.Action.ACTIVITY_UPDATED, diff(activity, before, ACTIVITY_FIELDS),
              GroupChange.Source.SYSTEM, activity, note=f"{activity.name} · {TEXT_CLEANUP_NOTE}")
    if dry_run:
        transaction.set_rollback(True)
    return report


# ---------------------------------------------------------------- column mappings of an office

def column_mappings(*, actor, kind: str) -> dict[str, str]:
    """The office's remembered mapping: normalised header → field name ("" = not imported)."""
    from groups.models import ColumnMapping

    office_id = getattr(actor, "office_id", None)
    if office_id is None:
        return {}
    return dict(ColumnMapping.objects.filter(office_id=office_id, kind=kind).values_list("header", "field"))


@transaction.atomic
def column_mappings_save(*, actor, kind: str, mapping: dict[str, str]) -> None:
    """Remembers the officer's choices for the office (one row per header, replaced when chosen again)."""
    from groups.models import ColumnMapping

    if getattr(actor, "office_id", None) is None:
        raise PermissionDenied("ผู้ใช้นี้ไม่ได้สังกัดสำนักงาน")
    for header, field_name in mapping.items():
        ColumnMapping.objects.update_or_create(office_id=actor.office_id, kind=kind, header=header,
                                               defaults={"field": field_name})


def column_mappings_clear(*, actor) -> int:
    from groups.models import ColumnMapping

    if getattr(actor, "office_id", None) is None:
        return 0
    return ColumnMapping.objects.filter(office_id=actor.office_id).delete()[0]
