"""Two-step uploads (upload → preview → confirm): one way for every such upload.

The file is written to PENDING_UPLOAD_DIR (outside MEDIA_ROOT, never served) under a random
128-bit name, checked there by the caller's guard, and referenced by a PendingUpload row bound to
the user. A user has at most one pending file per purpose and subject: a new upload replaces the
old one. The file goes when the upload is confirmed or discarded, and in any case after
PENDING_UPLOAD_HOURS: storing a file queues core.tasks.delete_stale_uploads for that moment.
"""

import datetime as dt
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.models import PendingUpload
from core.uploads.errors import UploadRefused
from core.uploads.limits import check_size


def pending_dir() -> Path:
    return Path(settings.PENDING_UPLOAD_DIR)


def stale_after() -> dt.timedelta:
    return dt.timedelta(hours=settings.PENDING_UPLOAD_HOURS)


def pending_store(*, upload, owner, purpose: str, subject: str = "", kind: str = "", guard) -> PendingUpload:
    """Writes an uploaded file under a random name and runs `guard(path)` on it (which returns
    an object with `.format`, or raises UploadRefused). A refused file is deleted at once and
    nothing else changes; an accepted one replaces the user's earlier pending file."""
    check_size(upload)
    folder = pending_dir()
    folder.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(16)
    path = folder / f"{token}.upload"
    try:
        with open(path, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        guarded = guard(path)
        final = folder / f"{token}.{guarded.format}"
        path.rename(final)
        path = final
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    name = Path(upload.name or "").name[:150] or f"upload.{guarded.format}"
    with transaction.atomic():
        for old in PendingUpload.objects.filter(owner=owner, purpose=purpose, subject=subject):
            pending_discard(old)
        pending = PendingUpload.objects.create(token=token, owner=owner, purpose=purpose, subject=subject, kind=kind,
                                               original_name=name, format=guarded.format, size=path.stat().st_size)
    _schedule_cleanup(pending.created_at + stale_after())
    return pending


def pending_get(*, owner, purpose: str, subject: str = "", token: str | None = None) -> PendingUpload | None:
    """The user's pending upload (with `token`, only that one), if its file is still there."""
    uploads = PendingUpload.objects.visible_to(owner).filter(purpose=purpose, subject=subject,
                                                             created_at__gt=timezone.now() - stale_after())
    if token is not None:
        uploads = uploads.filter(token=token)
    pending = uploads.first()
    if pending is None or not pending.path.is_file():
        return None
    return pending


def pending_discard(pending: PendingUpload) -> None:
    """Deletes the file and its row (a row whose file is gone counts as no pending upload)."""
    pending.path.unlink(missing_ok=True)
    if pending.pk:
        pending.delete()


def delete_stale(now=None) -> int:
    """Deletes pending uploads older than PENDING_UPLOAD_HOURS, and any file in the folder that no
    row names (left by a process killed between writing the file and its row); returns how many
    files went."""
    now = now or timezone.now()
    deleted = 0
    for pending in PendingUpload.objects.filter(created_at__lte=now - stale_after()):
        pending_discard(pending)
        deleted += 1
    folder = pending_dir()
    if folder.is_dir():
        known = set(PendingUpload.objects.values_list("token", flat=True))
        cutoff = time.time() - stale_after().total_seconds()
        for path in folder.iterdir():
            if path.is_file() and path.stem not in known and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                deleted += 1
    return deleted


def _schedule_cleanup(when):
    from core.tasks import delete_stale_uploads

    run_after = when + dt.timedelta(minutes=1)
    transaction.on_commit(lambda: delete_stale_uploads.using(run_after=run_after).enqueue())


__all__ = ["UploadRefused", "delete_stale", "pending_discard", "pending_dir", "pending_get", "pending_store"]
