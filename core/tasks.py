"""Background work for the task worker (`manage.py db_worker`, started by `make run`)."""

from django_tasks import task


@task()
def delete_stale_uploads() -> int:
    """Deletes pending uploads past PENDING_UPLOAD_HOURS (queued for that moment by each upload)."""
    from core.uploads.pending import delete_stale

    return delete_stale()
