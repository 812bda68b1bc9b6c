"""A batch print's lifecycle around the worker: started, kept alive, recovered after a crash,
cancelled, started again.

While a batch runs, its worker writes `heartbeat_at` every HEARTBEAT seconds (a thread beside
the rendering). Each run also queues a watchdog task (`printing.tasks.watch_batch`) due STALE
seconds later. A watchdog that finds the run still beating looks again later; one that finds the
beat stopped knows the worker died (killed, out of memory, the machine restarted): it marks the
dead task failed and queues the batch again, up to MAX_ATTEMPTS runs, then marks the job failed
with a retry button. The watchdog waits in the task queue like any task, so the first worker that
starts after a crash runs it, within STALE seconds of the last beat.
"""

import logging
import threading
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone

from core import thai
from printing.models import DocumentEvent, PrintJob

logger = logging.getLogger(__name__)

HEARTBEAT = 5  # seconds between two beats of a running batch
MAX_ATTEMPTS = 3


def stale_after() -> int:
    """Seconds without a beat after which a run is taken for dead (four missed beats by default)."""
    return settings.PRINT_JOB_STALE_SECONDS


class Cancelled(Exception):
    """Raised inside a run when its job was cancelled from the page."""


def enqueue(job_id: int) -> None:
    from printing.tasks import print_batch

    print_batch.enqueue(job_id)


def _watch_later(job_id: int, attempt: int, task_id: str, at) -> None:
    from printing.tasks import watch_batch

    watch_batch.using(run_after=at).enqueue(job_id, attempt, task_id)


def begin(job: PrintJob, task_id: str = "") -> int:
    """Marks the job running (one more attempt) and queues its watchdog; returns the attempt."""
    now = timezone.now()
    PrintJob.objects.filter(pk=job.pk).update(status=PrintJob.Status.RUNNING, attempts=F("attempts") + 1,
                                              heartbeat_at=now, done=0)
    job.refresh_from_db(fields=["status", "attempts", "heartbeat_at", "done"])
    _watch_later(job.pk, job.attempts, task_id, now + timedelta(seconds=stale_after()))
    return job.attempts


def progress(job_id: int, number: int) -> None:
    """After each document: counts it, beats, and stops the run if the job was cancelled."""
    PrintJob.objects.filter(pk=job_id).update(done=number, heartbeat_at=timezone.now())
    if PrintJob.objects.filter(pk=job_id, status=PrintJob.Status.CANCELLED).exists():
        raise Cancelled


@contextmanager
def heartbeat(job_id: int):
    """Beats every HEARTBEAT seconds while the block runs, also through one long step (a merge)."""
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(HEARTBEAT):
                try:
                    PrintJob.objects.filter(pk=job_id).update(heartbeat_at=timezone.now())
                except DatabaseError:  # a missed beat is harmless; only several in a row count
                    logger.warning("batch print %s: heartbeat not written", job_id, exc_info=True)
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"print-job-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _time(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def watch(job_id: int, attempt: int, task_id: str = "") -> str:
    """The watchdog: what it found (for the task's result)."""
    now = timezone.now()
    with transaction.atomic():
        job = PrintJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.is_finished:
            return "finished"
        if job.attempts != attempt or job.status != PrintJob.Status.RUNNING:
            return "superseded"  # a newer run has its own watchdog
        last = job.heartbeat_at or job.requested_at
        due = last + timedelta(seconds=stale_after())
        if due > now:
            transaction.on_commit(lambda: _watch_later(job_id, attempt, task_id, due + timedelta(seconds=1)))
            return "alive"
        _fail_dead_task(task_id)
        stopped = (f"ตัวประมวลผลเบื้องหลังหยุดทำงานระหว่างพิมพ์ (พิมพ์ได้ {job.done:,} จาก {job.total:,} ฉบับ "
                   f"รายงานตัวครั้งสุดท้ายเวลา {_time(last)} น.)")
        if job.attempts >= MAX_ATTEMPTS:
            job.status = PrintJob.Status.FAILED
            job.error = (f"{stopped} เป็นครั้งที่ {job.attempts:,} จึงหยุดพิมพ์ชุดนี้ "
                         "กด “พิมพ์ใหม่” เพื่อลองอีกครั้ง ถ้ายังไม่สำเร็จ กรุณาแจ้งผู้ดูแลระบบ")
            job.finished_at = now
            job.note = ""
            job.save(update_fields=["status", "error", "finished_at", "note"])
            return "failed"
        job.status = PrintJob.Status.QUEUED
        job.note = (f"{stopped} ระบบเริ่มพิมพ์ชุดนี้ใหม่ตั้งแต่ต้นโดยอัตโนมัติเมื่อเวลา {_time(now)} น. "
                    f"(ครั้งที่ {job.attempts + 1:,} จาก {MAX_ATTEMPTS:,})")
        job.save(update_fields=["status", "note"])
        DocumentEvent.objects.create(job=job, actor_id=job.requested_by_id, kind=DocumentEvent.Kind.JOB_RESTARTED,
                                     note=job.note, at=now)
        transaction.on_commit(lambda: enqueue(job_id))
        return "restarted"


def watch_stale() -> dict[int, str]:
    """Runs the watchdog now for every running batch whose beat stopped, whatever the task
    backend: {job id: what the watchdog did}.

    The watchdog task queued by `begin` waits for its moment in the task queue. The database worker
    runs such deferred tasks itself; RQ keeps them in its scheduled registry, which only a worker
    started `--with-scheduler` that holds the scheduler lock moves to the queue, and when that
    worker is the one killed, the survivor takes the lock over only at its next maintenance (up to
    10 minutes). `manage.py print_jobs_watch` (cron, every minute, on one host) calls this, so a
    batch of a killed worker goes back to the queue within a minute of its last beat on any
    backend; a second watchdog for the same run finds it queued already ("superseded")."""
    cutoff = timezone.now() - timedelta(seconds=stale_after())
    stale = PrintJob.objects.filter(status=PrintJob.Status.RUNNING, heartbeat_at__lt=cutoff)
    return {job_id: watch(job_id, attempt, _running_task_id(job_id))
            for job_id, attempt in stale.values_list("pk", "attempts")}


def _running_task_id(job_id: int) -> str:
    """The database backend's record of the batch's dead run, closed by the watchdog ("" on RQ)."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:
        return ""
    task = (DBTaskResult.objects.filter(status="RUNNING", task_path="printing.tasks.print_batch",
                                        args_kwargs__args=[job_id]).values_list("pk", flat=True).first())
    return str(task) if task else ""


def _fail_dead_task(task_id: str) -> None:
    """The dead worker's task stays RUNNING in the database backend's table: it is closed too."""
    if not task_id:
        return
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another task backend keeps its own record
        return
    DBTaskResult.objects.filter(pk=task_id, status="RUNNING").update(
        status="FAILED", finished_at=timezone.now(), exception_class_path="printing.jobs.WorkerDied",
        traceback="ตัวประมวลผลหยุดทำงานระหว่างงานนี้ (ไม่มีการรายงานตัว)")


def _own_job(job: PrintJob, actor) -> PrintJob:
    job = PrintJob.objects.select_for_update().filter(pk=job.pk).first()
    if job is None or not PrintJob.objects.visible_to(actor).filter(pk=job.pk).exists():
        raise PermissionDenied
    return job


@transaction.atomic
def print_job_cancel(*, job: PrintJob, actor) -> PrintJob:
    """Stops a waiting or running batch; the running worker stops after its current document."""
    job = _own_job(job, actor)
    if not job.may_cancel:
        raise ValidationError("งานพิมพ์นี้จบไปแล้ว ยกเลิกไม่ได้")
    job.status = PrintJob.Status.CANCELLED
    job.finished_at = timezone.now()
    job.note = f"ยกเลิกเมื่อเวลา {_time(job.finished_at)} น. {thai.format_date(timezone.localdate())}"
    job.save(update_fields=["status", "finished_at", "note"])
    DocumentEvent.objects.create(job=job, actor=actor, kind=DocumentEvent.Kind.JOB_CANCELLED, note=str(job),
                                 at=job.finished_at)
    return job


@transaction.atomic
def print_job_retry(*, job: PrintJob, actor) -> PrintJob:
    """Queues a failed or cancelled batch again, from the start."""
    job = _own_job(job, actor)
    if not job.may_retry:
        raise ValidationError("งานพิมพ์นี้ยังไม่จบหรือเสร็จแล้ว ไม่ต้องพิมพ์ใหม่")
    job.status = PrintJob.Status.QUEUED
    job.done = job.total = job.attempts = 0
    job.error = ""
    job.finished_at = job.heartbeat_at = None
    now = timezone.now()
    job.note = f"สั่งพิมพ์ใหม่เมื่อเวลา {_time(now)} น."
    job.save(update_fields=["status", "done", "total", "attempts", "error", "finished_at", "heartbeat_at", "note"])
    DocumentEvent.objects.create(job=job, actor=actor, kind=DocumentEvent.Kind.JOB_RETRIED, note=str(job), at=now)
    transaction.on_commit(lambda: enqueue(job.pk))
    return job
