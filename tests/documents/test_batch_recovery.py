"""Batch prints survive a worker crash: a real `manage.py db_worker` is killed (SIGKILL) in the
middle of a batch; the next worker that starts picks the batch up again within a minute and the
page says what happened, in Thai. Cancel and retry from the page."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from geo.models import District, Subdistrict
from printing import jobs, services
from printing.models import PrintJob
from tests.documents import pdfcheck
from tests.networks.helpers import district_networks, groups_in

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = ["status", "done", "total", "attempts", "note", "error", "file"]


@pytest.fixture
def bylaws_batch(district_user):
    """เมืองลำปาง's amphoe network and 12 tambon networks: a batch of 13 bylaws."""
    for tambon in Subdistrict.objects.filter(district_id="5201").order_by("code")[:12]:
        groups_in(tambon.code, moos=(1,))
    district_networks(district_user)
    return services.print_job_create(kind="bylaws", actor=district_user, district=District.objects.get(pk="5201"))


class WorkerDatabase:
    """The database the worker processes use: the test database itself on PostgreSQL; on SQLite
    (in memory for the tests) a file copy of it, read back with sqlite3."""

    def __init__(self, tmp_path):
        connection.ensure_connection()
        self.sqlite = connection.vendor == "sqlite"
        if self.sqlite:
            self.path = tmp_path / "worker.sqlite3"
            target = sqlite3.connect(self.path)
            connection.connection.backup(target)
            target.close()
            self.url = f"sqlite:///{self.path}"
        else:
            s = connection.settings_dict
            self.url = f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"

    def query(self, sql, params=()):
        if self.sqlite:
            with sqlite3.connect(self.path) as db:
                return db.execute(sql, params).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql.replace("?", "%s"), params)
            return cursor.fetchall()

    def job(self, pk):
        row = self.query(f"SELECT {', '.join(COLUMNS)} FROM printing_printjob WHERE id = ?", (pk,))[0]
        return dict(zip(COLUMNS, row, strict=True))

    def tasks(self):
        return self.query(f"SELECT task_path, status FROM {DBTaskResult._meta.db_table} ORDER BY enqueued_at")


def _worker(db, settings):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DATABASE_URL=db.url, MEDIA_ROOT=str(settings.MEDIA_ROOT))
    return subprocess.Popen([sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.5",
                             "--no-startup-delay", "-v", "0"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for(condition, limit):
    """Polls the database until `condition()` holds; False after `limit` seconds."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.25)
    return False


@pytest.mark.django_db(transaction=True)  # the worker processes see only what is committed
def test_a_batch_survives_its_worker_being_killed(bylaws_batch, settings, tmp_path):
    db = WorkerDatabase(tmp_path)
    pk = bylaws_batch.pk
    first = _worker(db, settings)
    second = None
    try:
        assert _wait_for(lambda: db.job(pk)["done"] >= 2, 180), db.job(pk)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        stuck = db.job(pk)
        assert stuck["status"] == "running" and stuck["done"] < 13, stuck
        assert ("printing.tasks.print_batch", "RUNNING") in db.tasks()

        started = time.monotonic()
        second = _worker(db, settings)
        assert _wait_for(lambda: db.job(pk)["attempts"] == 2, 60), db.job(pk)
        assert time.monotonic() - started < 60  # picked up within a minute of the worker starting
        assert _wait_for(lambda: db.job(pk)["status"] == "done", 180), db.job(pk)
    finally:
        for worker in (first, second):
            if worker and worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=30)

    done = db.job(pk)
    assert (done["done"], done["total"], done["error"]) == (13, 13, "")
    assert done["note"].startswith(f"ตัวประมวลผลเบื้องหลังหยุดทำงานระหว่างพิมพ์ (พิมพ์ได้ {stuck['done']} จาก 13 ฉบับ")
    assert "ระบบเริ่มพิมพ์ชุดนี้ใหม่ตั้งแต่ต้นโดยอัตโนมัติ" in done["note"] and "(ครั้งที่ 2 จาก 3)" in done["note"]
    batches = [status for path, status in db.tasks() if path == "printing.tasks.print_batch"]
    assert batches == ["FAILED", "SUCCESSFUL"]  # the dead worker's task is closed, the new one ran
    content = (Path(settings.MEDIA_ROOT) / done["file"]).read_bytes()
    assert len(pdfcheck.reader(content).pages) >= 13


def _stale(job, attempts=1, done=4, total=13):
    """The row as a killed worker leaves it: running, its last beat a minute ago."""
    PrintJob.objects.filter(pk=job.pk).update(status="running", attempts=attempts, done=done, total=total,
                                              heartbeat_at=timezone.now() - timedelta(minutes=1))


def test_the_page_says_the_batch_was_started_again(client, bylaws_batch, district_user,
                                                  django_capture_on_commit_callbacks):
    _stale(bylaws_batch)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.watch(bylaws_batch.pk, 1) == "restarted"
    client.force_login(district_user)
    page = client.get(reverse("printing:batch", args=[bylaws_batch.pk])).content.decode()
    assert "รอคิว" in page
    assert "ตัวประมวลผลเบื้องหลังหยุดทำงานระหว่างพิมพ์ (พิมพ์ได้ 4 จาก 13 ฉบับ" in page
    assert "(ครั้งที่ 2 จาก 3)" in page and "ยกเลิกงานพิมพ์" in page
    assert DBTaskResult.objects.filter(task_path="printing.tasks.print_batch", status="READY").count() == 1  # queued again


def test_a_live_batch_is_left_alone(bylaws_batch, django_capture_on_commit_callbacks):
    PrintJob.objects.filter(pk=bylaws_batch.pk).update(status="running", attempts=1, heartbeat_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.watch(bylaws_batch.pk, 1) == "alive"
    assert PrintJob.objects.get(pk=bylaws_batch.pk).status == "running"
    assert DBTaskResult.objects.filter(task_path="printing.tasks.watch_batch").count() == 1  # looks again later


def test_after_three_dead_runs_the_job_fails_with_a_retry_button(client, bylaws_batch, district_user,
                                                                 django_capture_on_commit_callbacks):
    _stale(bylaws_batch, attempts=3)
    assert jobs.watch(bylaws_batch.pk, 3) == "failed"
    client.force_login(district_user)
    page = client.get(reverse("printing:batch", args=[bylaws_batch.pk])).content.decode()
    assert "ไม่สำเร็จ" in page and "เป็นครั้งที่ 3 จึงหยุดพิมพ์ชุดนี้ กด “พิมพ์ใหม่”" in page
    assert reverse("printing:batch_retry", args=[bylaws_batch.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("printing:batch_retry", args=[bylaws_batch.pk]), follow=True)
    assert "สั่งพิมพ์ใหม่แล้ว" in response.content.decode()
    job = PrintJob.objects.get(pk=bylaws_batch.pk)
    assert (job.status, job.attempts, job.error) == ("queued", 0, "")
    assert services.print_job_run(job.pk).status == "done"


def test_cancel_stops_the_batch_and_only_its_owner_may(client, bylaws_batch, district_user, other_district_user):
    client.force_login(other_district_user)
    assert client.post(reverse("printing:batch_cancel", args=[bylaws_batch.pk])).status_code == 404
    client.force_login(district_user)
    response = client.post(reverse("printing:batch_cancel", args=[bylaws_batch.pk]), follow=True)
    html = response.content.decode()
    assert "ยกเลิกงานพิมพ์แล้ว" in html and "ยกเลิกแล้ว" in html and "พิมพ์ใหม่" in html
    job = services.print_job_run(bylaws_batch.pk)  # the queued task finds it cancelled
    assert (job.status, job.done, job.file.name) == ("cancelled", 0, "")
    assert client.post(reverse("printing:batch_cancel", args=[job.pk]), follow=True).status_code == 200
    assert PrintJob.objects.get(pk=job.pk).status == "cancelled"


def test_the_sweep_queues_again_only_the_batches_whose_beat_stopped(bylaws_batch, district_user,
                                                                    django_capture_on_commit_callbacks):
    """print_jobs_watch (the RQ deployment's cron line) does what the deferred watchdog does, at once."""
    live = services.print_job_create(kind="bylaws", actor=district_user, district=District.objects.get(pk="5201"))
    long_ago = timezone.now() - timedelta(seconds=jobs.stale_after() + 5)
    PrintJob.objects.filter(pk=bylaws_batch.pk).update(status="running", attempts=1, heartbeat_at=long_ago)
    PrintJob.objects.filter(pk=live.pk).update(status="running", attempts=1, heartbeat_at=timezone.now())
    DBTaskResult.objects.all().delete()
    jobs.enqueue(bylaws_batch.pk)  # the dead run's task record, left RUNNING by the killed worker
    dead = DBTaskResult.objects.get()
    DBTaskResult.objects.filter(pk=dead.pk).update(status="RUNNING")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("print_jobs_watch")
    assert PrintJob.objects.get(pk=bylaws_batch.pk).status == "queued"
    assert PrintJob.objects.get(pk=live.pk).status == "running"
    assert DBTaskResult.objects.get(pk=dead.pk).status == "FAILED"  # closed, as the deferred watchdog does
    assert list(DBTaskResult.objects.exclude(pk=dead.pk).values_list("task_path", "args_kwargs__args")) == [
        ("printing.tasks.print_batch", [bylaws_batch.pk])]
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.watch_stale() == {}  # queued now: nothing more to do
        assert jobs.watch(bylaws_batch.pk, 1) == "superseded"  # the deferred watchdog, when it comes
    assert DBTaskResult.objects.count() == 2
