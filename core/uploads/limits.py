"""Every upload limit, read from settings in one place (documented in .env.example and
docs/deploy.md, "Uploads and files")."""

import os

from django.conf import settings

from core.uploads.errors import UploadRefused

MB = 1024 * 1024


def upload_limit() -> int:
    """Largest file an officer may upload, in bytes."""
    return settings.UPLOAD_LIMIT_MB * MB


def body_limit(authenticated: bool) -> int:
    """Largest request body: a file under the upload limit plus the form around it; a page that
    is not logged in only ever posts a login form."""
    if not authenticated:
        return settings.UPLOAD_ANONYMOUS_LIMIT_KB * 1024
    return upload_limit() + settings.UPLOAD_FORM_MARGIN_KB * 1024


SPLIT_HINT = "กรุณาแบ่งเป็นหลายไฟล์ (เช่น ทีละอำเภอ)"
SCAN_HINT = "กรุณาสแกนด้วยความละเอียดที่ต่ำลงหรือแบ่งไฟล์"


def too_large_message(size: int | None = None, hint: str = SPLIT_HINT) -> str:
    limit = settings.UPLOAD_LIMIT_MB
    shown = f"ไฟล์มีขนาด {size / MB:,.1f} MB " if size else "ไฟล์มีขนาด"
    return f"{shown}เกินขนาดที่รับได้ {limit} MB {hint}"


def file_size(source) -> int:
    """The size of an uploaded file (Django's UploadedFile) or of a file on disk."""
    if hasattr(source, "size") and not isinstance(source, (str, os.PathLike)):
        return source.size
    return os.path.getsize(source)


def check_size(source, hint: str = SPLIT_HINT) -> int:
    """The file's size, or UploadRefused when it is empty or over the upload limit."""
    size = file_size(source)
    if size == 0:
        raise UploadRefused("ไฟล์ว่างเปล่า ไม่มีข้อมูล", code="empty")
    if size > upload_limit():
        raise UploadRefused(too_large_message(size, hint), code="too_large")
    return size
