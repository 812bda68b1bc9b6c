"""Stored files are private: random names, no /media/ URL even with DEBUG, served only by the
views that apply visible_to (issued PDF, signed scan, batch file)."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import Resolver404, resolve, reverse
from PIL import Image

from accounts.admin import OfficeForm
from accounts.models import Office
from printing.models import IssuedDocument
from printing.services import print_job_create, print_job_run
from tests.documents.test_batch import batchable_reports  # noqa: F401 (fixture)

RANDOM = r"[0-9a-f]{32}"


@pytest.fixture
def issued_with_scan(client, submitted, district_user):
    client.force_login(district_user)
    client.post(reverse("printing:issue", args=["report", submitted.pk]), {"confirm_without_garuda": "1"})
    document = IssuedDocument.objects.get()
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(buffer, "PNG")
    client.post(reverse("printing:issued", args=[document.pk]), {"scan": SimpleUploadedFile("s.png", buffer.getvalue())})
    client.logout()
    document.refresh_from_db()
    return document


def test_issued_pdfs_and_scans_get_random_names(issued_with_scan):
    assert re.fullmatch(rf"issued/\d{{4}}/{RANDOM}\.pdf", issued_with_scan.file.name)
    assert re.fullmatch(rf"scans/\d{{4}}/{RANDOM}\.png", issued_with_scan.scan.name)


@override_settings(DEBUG=True)
def test_media_is_never_served_not_even_with_debug(client, issued_with_scan, district_user):
    client.force_login(district_user)
    for name in (issued_with_scan.file.name, issued_with_scan.scan.name):
        with pytest.raises(Resolver404):
            resolve(f"/media/{name}")
        assert client.get(f"/media/{name}").status_code == 404
    # Through its view, in the user's area, the same file is there.
    assert client.get(reverse("printing:issued_scan", args=[issued_with_scan.pk])).status_code == 200


def test_the_scan_view_applies_visible_to(client, issued_with_scan, users):
    for role, status in [("district", 200), ("province", 200), ("other_district", 404), ("other_province", 404)]:
        client.force_login(users[role])
        assert client.get(reverse("printing:issued_scan", args=[issued_with_scan.pk])).status_code == status, role


def test_batch_files_get_random_names_and_only_their_owner_downloads_them(client, batchable_reports, district_user,  # noqa: F811
                                                                         other_district_user, province_user):
    from geo.models import District

    job = print_job_create(kind="report", actor=district_user, district=District.objects.get(pk="5201"))
    job = print_job_run(job.pk)
    assert re.fullmatch(rf"batches/\d{{4}}/{RANDOM}\.pdf", job.file.name)
    url = reverse("printing:batch_download", args=[job.pk])
    for user, status in [(district_user, 200), (other_district_user, 404), (province_user, 404)]:
        client.force_login(user)
        assert client.get(url).status_code == status


def test_the_garuda_image_goes_through_the_guard_and_gets_a_random_name(district_user):
    office = district_user.office
    buffer = io.BytesIO()
    Image.new("RGB", (120, 120), "white").save(buffer, "PNG")
    data = {f.name: getattr(office, f.attname) for f in Office._meta.fields if f.name not in ("id", "garuda")}
    form = OfficeForm(data, {"garuda": SimpleUploadedFile("ครุฑ.png", buffer.getvalue())}, instance=office)
    assert form.is_valid(), form.errors
    assert re.fullmatch(rf"{RANDOM}\.png", form.cleaned_data["garuda"].name)
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    form = OfficeForm(data, {"garuda": SimpleUploadedFile("ครุฑ.gif", gif.getvalue())}, instance=office)
    assert not form.is_valid()
    assert form.errors["garuda"] == ["ไฟล์ต้องเป็นภาพ JPEG หรือ PNG"]
