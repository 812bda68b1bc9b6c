"""Background work for the task worker (`manage.py db_worker`, started by `make run`)."""

from django_tasks import task


@task(takes_context=True)
def print_batch(context, job_id: int) -> int:
    """Makes a batch print's PDF, counting progress in its PrintJob row."""
    from printing.services import print_job_run

    return print_job_run(job_id, task_id=str(context.task_result.id)).done


@task()
def watch_batch(job_id: int, attempt: int, task_id: str = "") -> str:
    """Starts a batch again when the worker running it died (printing.jobs)."""
    from printing.jobs import watch

    return watch(job_id, attempt, task_id)
