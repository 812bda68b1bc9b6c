"""A Lampang round like the letter's (21 Nov 2567, due 9 Dec 2567) with groups in two districts."""

import datetime as dt
import zoneinfo

import pytest

from geo.models import Subdistrict
from reviews import services
from tests.factories import GroupFactory, VillageFactory

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
LETTER_DATE = dt.date(2024, 11, 21)
DUE = dt.date(2024, 12, 9)


def bangkok(year, month, day, hour=10, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=BANGKOK)


OPENED = bangkok(2024, 11, 21, 9)
BEFORE_DUE = bangkok(2024, 12, 2)


@pytest.fixture(autouse=True)
def fast_test_settings(settings):
    # Production serves hashed files from `collectstatic`; tests render pages without running it.
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    # PBKDF2 costs ~0.3 s per test user; the matrices create five users per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def lampang_groups(geography):
    """Three active groups in เมืองลำปาง (5201), two in แม่เมาะ (5202), one cancelled in 5201."""
    village = VillageFactory(subdistrict=Subdistrict.objects.get(code="520101"), moo=1)
    other_village = VillageFactory(subdistrict=Subdistrict.objects.get(code="520201"), moo=1)
    groups = {
        "a": GroupFactory(code="A1", village=village),
        "b": GroupFactory(code="B1", village=village),
        "c": GroupFactory(code="C1", village=village),
        "x": GroupFactory(code="X1", village=other_village),
        "y": GroupFactory(code="Y1", village=other_village),
        "cancelled": GroupFactory(code="Z9", village=village, status="cancelled"),
    }
    return groups


@pytest.fixture
def round_(province_user, lampang_groups):
    return services.round_open(actor=province_user, title="ทบทวนฐานข้อมูล ๒๕๖๗", reference_number="ลป ๐๐๑๙.๔/ว ๒๗๕๓๐",
                               letter_date=LETTER_DATE, due_on=DUE, now=OPENED)


@pytest.fixture
def submission(round_):
    return round_.submissions.get(district_id="5201")


@pytest.fixture
def other_submission(round_):
    return round_.submissions.get(district_id="5202")


def classify_all(submission, actor, now=BEFORE_DUE):
    ids = list(submission.reviews.values_list("pk", flat=True))
    services.reviews_mark_compliant(submission=submission, review_ids=ids, actor=actor, now=now)


def submit(submission, actor, now=BEFORE_DUE):
    return services.submission_submit(
        submission=submission, actor=actor, signer_role="deputy", signer_name="นายวีระ ศรีสุข",
        signer_position="ปลัดอำเภอ", letter_number="ลป ๐๐๑๙.๑/๓๐๑๒", letter_date=now.date(), now=now,
    )


CAT2 = {"category": 2, "issues": ["committee", "meeting"], "note": "", "follow_up_officer": "นางสาวศิริพร ทองมา",
        "next_follow_up_on": dt.date(2025, 1, 15), "intention": "correct"}
CAT2_REFUSE = {**CAT2, "intention": "refuse"}
CAT3 = {"category": 3, "defunct_reason": "stopped", "note": ""}


def login(client, user):
    # tests.factories.UserFactory sets the password without saving it (skip_postgeneration_save),
    # so the session's password hash would not match the stored one: save it first.
    user.save(update_fields=["password"])
    client.force_login(user)
    return client
