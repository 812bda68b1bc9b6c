"""Request bodies are refused from their Content-Length before a byte is read: the body below
is a stream that fails the test if anything reads it."""

import pytest

from core.models import PendingUpload
from tests.conftest import login


class Unreadable:
    """A wsgi.input that no one may read."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def post(client, url, length, **extra):
    return client.generic("POST", url, b"", content_type="multipart/form-data; boundary=x",
                          CONTENT_LENGTH=str(length), **{"wsgi.input": Unreadable()}, **extra)


def test_a_300_mb_anonymous_post_to_login_is_refused_unread(client, db):
    response = post(client, "/login/", 300 * 1024 * 1024)
    assert response.status_code == 413
    assert response["Connection"] == "close"
    assert "ข้อมูลที่ส่งมามีขนาด 300.0 MB ใหญ่เกินที่หน้านี้รับได้" in response.content.decode()


def test_an_anonymous_post_over_the_small_cap_is_refused(client, db, settings):
    assert post(client, "/login/", settings.UPLOAD_ANONYMOUS_LIMIT_KB * 1024 + 1).status_code == 413


@pytest.mark.parametrize("url", ["/spreadsheets/import/", "/reviews/submissions/1/sheet/", "/printing/issued/1/"])
def test_an_officer_upload_over_the_limit_is_refused_unread(client, district_user, settings, url):
    settings.UPLOAD_LIMIT_MB = 25
    login(client, district_user)
    response = post(client, url, 300 * 1024 * 1024)
    assert response.status_code == 413
    page = response.content.decode()
    assert "ไฟล์มีขนาด 300.0 MB เกินขนาดที่รับได้ 25 MB" in page
    assert "ระบบยังไม่ได้อ่านหรือบันทึกสิ่งใดจากคำขอนี้" in page
    assert not PendingUpload.objects.exists()
    assert not any(settings.PENDING_UPLOAD_DIR.iterdir())


def test_bodies_under_the_cap_go_through(client, district_user, settings):
    settings.UPLOAD_LIMIT_MB = 1
    login(client, district_user)
    # 1 MB of file plus its form: under the cap, read, and then refused by the file guard itself.
    response = client.post("/spreadsheets/import/", {"kind": "groups", "file": _file(1024 * 1024 + 1)})
    assert response.status_code == 400
    assert "ไฟล์มีขนาด 1.0 MB เกินขนาดที่รับได้ 1 MB" in response.content.decode()
    client.logout()
    response = client.post("/login/", {"username": district_user.username, "password": "pass-for-tests"})
    assert response.status_code == 302


def _file(size):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("big.xlsx", b"PK" + b"\0" * (size - 2))
