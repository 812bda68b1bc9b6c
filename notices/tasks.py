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


def _waiting(task_path: str) -> bool:
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another backend
        return False
    return DBTaskResult.objects.filter(task_path=task_path, status="READY").exists()


def enqueue_once(task_) -> bool:
    """Queues `task_` unless the same task is already waiting to run."""
    if _waiting(task_.module_path):
        return False
    task_.enqueue()
    return True


def schedule_next(run_after: dt.datetime) -> bool:
    """Queues `run_reminders` unless one is already waiting (database backend); other backends
    that cannot defer a task are scheduled by cron instead (docs/notices.md)."""
    from django_tasks import default_task_backend

    if not default_task_backend.supports_defer or _waiting(RUN_REMINDERS):
        return False
    run_reminders.using(run_after=run_after).enqueue()
    return True
