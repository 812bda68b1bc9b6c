"""The department's spreadsheets: Excel/LibreOffice import and export of groups and activities.

- `files`: reading and checking an uploaded file, writing exports and templates (through the
  guarded readers of `core.uploads` and `core.tabular`).
- `resources`: the layouts, column by column (django-import-export resources and widgets).
- `base`, `group_rows`, `activity_rows`, `places`: turning rows into validated changes.
- `merge`: writing the changes in short transactions (the staged compare-and-set merge).
- `importing`: the one entry point, `spreadsheet_import`.
- `views`, `urls`: the upload, preview and export pages.

Modules import downwards only (views → importing → rows → base → resources); nothing here
imports `views`.
"""
