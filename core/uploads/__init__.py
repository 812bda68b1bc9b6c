"""The one guarded reader every upload goes through (see docs/deploy.md, "Uploads and files").

- Request bodies: `middleware.RequestBodyLimitMiddleware` (Content-Length, before the body).
- Spreadsheets (.xlsx, .xls, .ods, .csv): `guard_spreadsheet(path) -> GuardedSpreadsheet`, then
  a reader is called on that path.
- Images and PDFs: `guard_image`, `guard_pdf`, `guard_scan`.
- Two-step uploads: `pending_store` / `pending_get` / `pending_discard` (files under
  PENDING_UPLOAD_DIR with random names, never in the session, deleted after 24 h by a task).
- Stored files: `random_name`.
"""

from core.uploads.errors import SpreadsheetRefused, UploadRefused
from core.uploads.limits import check_size, upload_limit
from core.uploads.media import guard_image, guard_pdf, guard_scan, random_name
from core.uploads.spreadsheets import FORMATS, GuardedSpreadsheet, detect_format, guard_spreadsheet

__all__ = [
    "FORMATS", "GuardedSpreadsheet", "SpreadsheetRefused", "UploadRefused", "check_size", "detect_format",
    "guard_image", "guard_pdf", "guard_scan", "guard_spreadsheet", "random_name", "upload_limit",
]
