"""Background work for the task worker (`manage.py db_worker`, started by `make run`)."""

from django_tasks import task


@task()
def print_batch(job_id: int) -> int:
    """Makes a batch print's PDF, counting progress in its PrintJob row."""
    from printing.services import print_job_run

    return print_job_run(job_id).done
