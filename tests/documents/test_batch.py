"""Batch printing through the task worker: a job row counts progress, the file is kept for
download, and each person sees only their own jobs. The machinery is the same for every kind;
here it prints report letters of a province's submissions."""

import dataclasses

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from geo.models import District, Province
from printing import registry, services
from printing.models import PrintJob
from printing.tasks import print_batch
from reviews.models import Submission
from tests.documents import pdfcheck


def _submissions_in_area(*, province=None, district=None):
    submissions = Submission.objects.select_related("round", "district__province").order_by("district_id")
    if district is not None:
        return submissions.filter(district=district)
    return submissions.filter(district__province=province)


@pytest.fixture
def batchable_reports(monkeypatch, round_):
    """Report letters made batchable for these tests (13 Lampang districts, one round)."""
    printable = dataclasses.replace(registry.get("report"), in_area=_submissions_in_area)
    monkeypatch.setitem(registry._KINDS, "report", printable)
    return printable


def test_a_province_batch_prints_every_district_and_counts_progress(batchable_reports, province_user,
                                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.print_job_create(kind="report", actor=province_user, province=Province.objects.get(pk="52"))
    assert DBTaskResult.objects.count() == 1  # queued for the worker, not run in the request
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("queued", 0, 0)
    services.print_job_run(job.pk)  # what the worker does
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.percent) == ("done", 13, 13, 100)
    document = pdfcheck.reader(job.file.read())
    # Each district's letter starts on its own first page (no page number there).
    firsts = [i for i, page in enumerate(document.pages) if pdfcheck.header(page) == ""]
    assert len(firsts) >= 13


@pytest.mark.django_db(transaction=True)  # the worker commits and closes its connection
def test_the_database_worker_runs_the_queued_job(batchable_reports, district_user):
    """The real backend and worker `make run` starts: the job waits in the database until
    `db_worker` picks it up."""
    job = PrintJob.objects.create(kind="report", district=District.objects.get(pk="5201"), requested_by=district_user)
    print_batch.enqueue(job.pk)
    job.refresh_from_db()
    assert job.status == "queued"
    call_command("db_worker", batch=True, startup_delay=False, queue_name="*", reload=False, verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("done", 1, 1)
    assert DBTaskResult.objects.get(task_path="printing.tasks.print_batch").status == "SUCCESSFUL"


def test_batch_page_starts_a_job_shows_progress_and_offers_the_file(client, batchable_reports, province_user,
                                                                   django_capture_on_commit_callbacks):
    client.force_login(province_user)
    page = client.get(reverse("printing:batches")).content.decode()
    assert 'value="p52"' in page and 'value="d5201"' in page and 'value="p84"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("printing:batches"), {"kind": "report", "area": "d5201"})
    job = PrintJob.objects.get()
    assert response["Location"] == reverse("printing:batch", args=[job.pk])
    waiting = client.get(reverse("printing:batch", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "รอคิว" in waiting and 'hx-trigger="every 2s"' in waiting and "<html" not in waiting
    services.print_job_run(job.pk)
    done = client.get(reverse("printing:batch", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "เสร็จแล้ว" in done and "hx-trigger" not in done
    assert reverse("printing:batch_download", args=[job.pk]) in done
    download = client.get(reverse("printing:batch_download", args=[job.pk]))
    assert download.status_code == 200 and download.content.startswith(b"%PDF-")


def test_a_district_cannot_batch_another_district_or_the_province(batchable_reports, district_user):
    for area in ({"district": District.objects.get(pk="5202")}, {"province": Province.objects.get(pk="52")}):
        with pytest.raises(PermissionDenied):
            services.print_job_create(kind="report", actor=district_user, **area)
    assert PrintJob.objects.count() == 0


def test_a_district_user_is_offered_only_their_district(client, batchable_reports, district_user):
    client.force_login(district_user)
    page = client.get(reverse("printing:batches")).content.decode()
    assert 'value="d5201"' in page and 'value="d5202"' not in page and 'value="p52"' not in page
    response = client.post(reverse("printing:batches"), {"kind": "report", "area": "d5202"})
    assert response.status_code == 200 and PrintJob.objects.count() == 0


@pytest.mark.parametrize("role", ["other_district", "province", "other_province", "national"])
def test_someone_elses_job_is_404(client, batchable_reports, users, role):
    job = PrintJob.objects.create(kind="report", district=District.objects.get(pk="5201"), requested_by=users["district"])
    services.print_job_run(job.pk)
    client.force_login(users[role])
    assert client.get(reverse("printing:batch", args=[job.pk])).status_code == 404
    assert client.get(reverse("printing:batch_download", args=[job.pk])).status_code == 404


def test_a_failed_job_says_why_in_thai(batchable_reports, district_user, monkeypatch):
    monkeypatch.setitem(registry._KINDS, "report", dataclasses.replace(
        batchable_reports, in_area=lambda **area: Submission.objects.none()))
    job = PrintJob.objects.create(kind="report", district=District.objects.get(pk="5201"), requested_by=district_user)
    services.print_job_run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "ไม่มีเอกสารในพื้นที่ที่เลือก")
