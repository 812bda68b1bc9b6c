"""Importing the group and activity spreadsheets: all or nothing, fast at national size.

`spreadsheet_import` reads the whole file, validates every row with the model's own rules
(`clean_fields()` + `clean()`, which also cover the table's check constraints) and the area rule,
and only when no row has an error writes everything in one transaction: villages, new groups and
activities, one history row per created or changed record (source "import", the actor recorded),
and last the changed groups and activities from a staging table (groups.spreadsheets.merge), so that
officers saving meanwhile wait for one statement, not for the import.
A dry run stops before writing and returns the same report (the browser's preview).
"""

from django.db import IntegrityError
from django.utils import translation

from groups import services
from groups.spreadsheets import resources
from groups.spreadsheets.activity_rows import ActivityImport
from groups.spreadsheets.base import ImportReport, RowChange, RowError, require_importer
from groups.spreadsheets.files import ColumnsMissing, SpreadsheetRefused, check_file, read_sheet
from groups.spreadsheets.group_rows import GroupImport
from groups.spreadsheets.merge import ImportConflict
from groups.spreadsheets.places import PlaceLookup

KINDS = {"groups": resources.GroupResource, "activities": resources.ActivityResource}
KIND_LABELS = {"groups": "ข้อมูลกลุ่ม", "activities": "ข้อมูลกิจกรรม"}

IMPORTERS = {"groups": GroupImport, "activities": ActivityImport}
WRITE_ATTEMPTS = 3  # validate-and-write rounds when officers keep saving the file's groups meanwhile


def spreadsheet_import(*, kind: str, path, actor, dry_run: bool, file_name: str = "") -> ImportReport:
    """Reads, validates and (unless dry_run, and only when no row has an error) writes a whole
    file (.xlsx, .xls, .ods or .csv), with the columns the actor's office mapped by hand. Raises
    SpreadsheetRefused for a file that cannot be read at all (ColumnsMissing when required columns
    are not found), PermissionDenied for a user who may not import."""
    with translation.override("th"):  # Django's own validator messages in Thai, from the CLI too
        return _import(kind, path, actor, dry_run, file_name)


def _import(kind, path, actor, dry_run, file_name):
    require_importer(actor)
    importer_class = IMPORTERS[kind]
    guarded = check_file(path)
    sheet = read_sheet(guarded, importer_class.resource_class, guarded.format,
                       mapping=services.column_mappings(actor=actor, kind=kind))
    note = f"นำเข้าจากไฟล์ {file_name}".strip() if file_name else "นำเข้าจากไฟล์"
    if dry_run:
        return importer_class(sheet, actor, note).run(write=False)
    # Validated without locks, written in one short-locking transaction (groups.spreadsheets.merge). When
    # an officer saved one of the file's groups in between, the file is checked again against the
    # new values and written after them, as if it had been sent a moment later.
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            return importer_class(sheet, actor, note).run(write=True)
        except (ImportConflict, IntegrityError):
            if attempt == WRITE_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


__all__ = ["ColumnsMissing", "ImportReport", "PlaceLookup", "RowChange", "RowError", "SpreadsheetRefused", "require_importer",
           "spreadsheet_import"]
