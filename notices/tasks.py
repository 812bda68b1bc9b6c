"""Background work for notices, run by the task worker (`manage.py db_worker`).

`run_reminders` re-enqueues itself for the next hour, so once `manage.py notices_schedule` has
queued it (`make run` does), reminders go out with no cron. See docs/notices.md for production.
"""

import datetime as dt

from django.utils import timezone
from django_tasks import task

REMINDER_INTERVAL = dt.timedelta(hours=1)
RUN_REMINDERS = "notices.tasks.run_reminders"


@task()
def send_notice_emails() -> int:
    """Sends the e-mail of every notice still pending."""
    from notices.services import notices_send_emails

    return notices_send_emails()


@task()
def run_reminders() -> int:
    """Creates the reminders due today, sends pending e-mails, and queues the next run."""
    from notices.services import notices_send_emails, reminders_create

    created = reminders_create()
    notices_send_emails()
    schedule_next(timezone.now() + REMINDER_INTERVAL)
    return created


def waiting(task_) -> bool | None:
    """Whether `task_` is queued and not yet run; None when its backend cannot tell (only the
    database backend keeps its queue where a query can read it; RQ keeps it in Redis)."""
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_.get_backend(), DatabaseBackend):
        return None
    return DBTaskResult.objects.filter(task_path=task_.module_path, status="READY").exists()


def enqueue_once(task_) -> bool:
    """Queues `task_` unless the same task is already waiting to run."""
    if waiting(task_):
        return False
    task_.enqueue()
    return True


def schedule_next(run_after: dt.datetime) -> bool:
    """Queues `run_reminders` unless one is already waiting. Only on the database backend: where
    the queue cannot be read (RQ), a second `notices_schedule` would start a second hourly chain,
    so there the reminders run from cron, `manage.py send_reminders` (docs/notices.md)."""
    if waiting(run_reminders) is not False:
        return False
    run_reminders.using(run_after=run_after).enqueue()
    return True
