"""Two-step uploads: the file waits under a random name in the private folder (never the session,
never MEDIA_ROOT), only its owner reaches it, and it goes on confirm, discard, or after 24 h
through the task worker."""

import datetime as dt
import os
import re
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.models import PendingUpload
from core.tasks import delete_stale_uploads
from core.uploads.pending import delete_stale
from groups.models import GroupChange, SavingsGroup
from reviews.models import GroupReview
from security.middleware import SESSION_STAMP
from tests.conftest import login
from tests.groups.spreadsheet_support import group_row, write_xlsx


def upload_groups(client, tmp_path):
    path = write_xlsx(tmp_path / "upload.xlsx", [group_row()])
    return client.post("/spreadsheets/import/", {"kind": "groups", "file": SimpleUploadedFile("กลุ่ม.xlsx",
                                                                                             path.read_bytes())})


def test_the_pending_file_has_a_random_name_in_the_private_folder_and_nothing_in_the_session(
        client, district_user, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path / "media"
    login(client, district_user)
    with django_capture_on_commit_callbacks(execute=True):
        assert upload_groups(client, tmp_path).status_code == 302
    pending = PendingUpload.objects.get()
    assert (pending.owner, pending.kind, pending.original_name, pending.format) == (
        district_user, "groups", "กลุ่ม.xlsx", "xlsx")
    assert re.fullmatch(r"[0-9a-f]{32}\.xlsx", pending.path.name)
    assert pending.path.parent == settings.PENDING_UPLOAD_DIR
    assert not (tmp_path / "media").exists()
    session = client.session.load()
    # Only the login and the idle-timeout stamp (security.middleware): nothing of the file.
    assert set(session) - {SESSION_STAMP} == {"_auth_user_id", "_auth_user_backend", "_auth_user_hash"}
    # Its cleanup is queued for the moment it goes stale.
    task = DBTaskResult.objects.get(task_path="core.tasks.delete_stale_uploads")
    assert abs(task.run_after - (pending.created_at + dt.timedelta(hours=24, minutes=1))) < dt.timedelta(seconds=5)


def test_another_user_cannot_confirm_someone_elses_pending_file(client, district_user, other_district_user,
                                                              province_user, tmp_path):
    login(client, district_user)
    upload_groups(client, tmp_path)
    token = PendingUpload.objects.get().token
    for intruder in (other_district_user, province_user):
        login(client, intruder)
        response = client.post("/spreadsheets/import/confirm/", {"token": token})
        assert (response.status_code, response["Location"]) == (302, "/spreadsheets/")
        assert client.get("/spreadsheets/import/preview/").status_code == 302
    assert SavingsGroup.objects.count() == 0
    assert GroupChange.objects.count() == 0
    assert PendingUpload.objects.get().path.is_file()  # the owner's file is untouched


def test_a_new_upload_replaces_the_users_earlier_pending_file(client, district_user, tmp_path):
    login(client, district_user)
    upload_groups(client, tmp_path)
    first = PendingUpload.objects.get()
    upload_groups(client, tmp_path)
    second = PendingUpload.objects.get()
    assert second.token != first.token
    assert not first.path.exists() and second.path.is_file()


def test_stale_pending_files_and_orphans_are_deleted_fresh_ones_kept(client, district_user, settings, tmp_path):
    login(client, district_user)
    upload_groups(client, tmp_path)
    stale = PendingUpload.objects.get()
    PendingUpload.objects.filter(pk=stale.pk).update(created_at=timezone.now() - dt.timedelta(hours=25))
    old_orphan = settings.PENDING_UPLOAD_DIR / ("a" * 32 + ".xlsx")
    old_orphan.write_bytes(b"left by a killed process")
    day_ago = time.time() - 25 * 3600
    os.utime(old_orphan, (day_ago, day_ago))
    young_orphan = settings.PENDING_UPLOAD_DIR / ("b" * 32 + ".upload")
    young_orphan.write_bytes(b"being written now")
    assert delete_stale() == 2

    assert not stale.path.exists() and not old_orphan.exists() and young_orphan.exists()
    assert not PendingUpload.objects.filter(pk=stale.pk).exists()


@pytest.mark.django_db(transaction=True)  # the worker commits and closes its connection
def test_the_task_worker_deletes_stale_uploads(client, district_user, tmp_path):
    login(client, district_user)
    upload_groups(client, tmp_path)
    pending = PendingUpload.objects.get()
    PendingUpload.objects.filter(pk=pending.pk).update(created_at=timezone.now() - dt.timedelta(hours=25))
    DBTaskResult.objects.all().delete()  # the one queued by the upload runs in 24 h
    delete_stale_uploads.enqueue()

    call_command("db_worker", batch=True, startup_delay=False, queue_name="*", reload=False, verbosity=0)

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert not PendingUpload.objects.exists()
    assert not pending.path.exists()


# ---------------------------------------------------------------- the review sheet


def test_the_review_sheet_waits_as_a_private_file_and_goes_once_saved(client, district_user, submission):
    from tests.reviews.test_sheets import CATEGORY, _download, _fill

    login(client, district_user)
    upload = _fill(_download(client, submission), {"A1": {CATEGORY: 1}})
    url = reverse("reviews:sheet_upload", kwargs={"pk": submission.pk})
    response = client.post(url, {"file": upload})
    pending = PendingUpload.objects.get()
    assert (pending.purpose, pending.subject, pending.owner) == ("review-sheet", str(submission.pk), district_user)
    assert pending.path.is_file()
    assert f'name="token" value="{pending.token}"' in response.content.decode()
    assert len(client.session.encode(client.session.load())) < 1024  # no file in the session

    response = client.post(url, {"action": "confirm", "token": pending.token})

    assert response.status_code == 302
    assert GroupReview.objects.filter(category=1).count() == 1
    assert not PendingUpload.objects.exists() and not pending.path.exists()


@pytest.mark.parametrize(("name", "message"), [
    ("zip_bomb", "ไฟล์นี้มีข้อมูลเมื่อแตกไฟล์แล้วใหญ่ผิดปกติ"),
    ("shared_strings_bomb", "ไฟล์นี้มีข้อมูลเมื่อแตกไฟล์แล้วใหญ่ผิดปกติ"),
    ("far_cell", "มีเซลล์มากเกินไป"),
    ("billion_laughs", "ไฟล์นี้มีโครงสร้าง XML ที่ไม่ปลอดภัย"),
])
def test_review_sheet_bombs_are_refused_in_thai_and_nothing_is_kept(client, district_user, submission, bomb,
                                                                    name, message):
    login(client, district_user)
    url = reverse("reviews:sheet_upload", kwargs={"pk": submission.pk})
    response = client.post(url, {"file": SimpleUploadedFile("review.xlsx", bomb(name).read_bytes())})
    assert message in response.content.decode()
    assert response.context["rows"] is None
    assert not PendingUpload.objects.exists()
    assert GroupReview.objects.filter(category__isnull=False).count() == 0


@pytest.mark.parametrize("name", ["zip_bomb", "shared_strings_bomb", "far_cell", "lying_member", "xls_far_cell",
                                  "xls_dimensions"])
def test_group_import_bombs_are_refused_at_upload_and_nothing_is_kept(client, district_user, settings, bomb, name):
    login(client, district_user)
    path = bomb(name)
    response = client.post("/spreadsheets/import/", {
        "kind": "groups", "file": SimpleUploadedFile(f"groups{path.suffix}", path.read_bytes())})
    assert response.status_code == 400
    assert "ไฟล์" in response.content.decode()
    if name.startswith("xls"):
        assert "มีเซลล์มากเกินไป (อย่างน้อย 16,777,216 เซลล์" in response.content.decode()
    assert not PendingUpload.objects.exists()
    assert not any(settings.PENDING_UPLOAD_DIR.iterdir())
    assert SavingsGroup.objects.count() == 0
