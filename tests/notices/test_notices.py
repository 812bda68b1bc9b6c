"""Notices: who is told what when a submission moves, the deadline reminders (7, 3, 1 days before
and the day after, once each), the e-mails (sent once, recorded, off when the user says so) and the
read/unread list, which only shows a user's own notices."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import Office
from notices import services, tasks
from notices.models import Notice, NoticeSettings
from reviews import services as review_services
from tests.factories import UserFactory, office_for
from tests.reviews.conftest import BEFORE_DUE, DUE, bangkok, classify_all, submit


def _notices(user):
    return list(Notice.objects.filter(user=user).values_list("kind", flat=True))


def test_submit_tells_the_province_return_and_accept_tell_the_district(
        submission, district_user, province_user, other_province_user, other_district_user):
    district_user.email, province_user.email = "d@example.org", "p@example.org"
    district_user.save(), province_user.save()
    classify_all(submission, district_user)
    submit(submission, district_user)
    assert _notices(province_user) == [Notice.Kind.ARRIVED]
    assert _notices(district_user) == [] and _notices(other_province_user) == []
    review_services.submission_return(submission=submission, actor=province_user, reason="แก้วันที่ติดตาม",
                                      now=bangkok(2024, 12, 3))
    returned = Notice.objects.get(user=district_user)
    assert returned.kind == Notice.Kind.RETURNED and "แก้วันที่ติดตาม" in returned.body
    assert returned.url == reverse("reviews:submission", kwargs={"pk": submission.pk})
    submit(submission, district_user, now=bangkok(2024, 12, 4))
    review_services.submission_accept(submission=submission, actor=province_user, now=bangkok(2024, 12, 5))
    assert sorted(_notices(district_user)) == [Notice.Kind.ACCEPTED, Notice.Kind.RETURNED]
    assert _notices(province_user) == [Notice.Kind.ARRIVED, Notice.Kind.ARRIVED]  # two arrivals, two notices
    assert _notices(other_district_user) == []


def test_each_notice_e_mail_is_sent_once_and_recorded(submission, district_user, province_user):
    province_user.email = "p@example.org"
    province_user.save()
    classify_all(submission, district_user)
    submit(submission, district_user)
    mail.outbox.clear()
    assert services.notices_send_emails() == 1
    assert services.notices_send_emails() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["p@example.org"] and "ส่งผลการทบทวนแล้ว" in mail.outbox[0].subject
    notice = Notice.objects.get(user=province_user)
    assert notice.email == Notice.Email.SENT and notice.emailed_at is not None


def test_a_user_who_turned_e_mail_off_gets_the_notice_but_no_e_mail(submission, district_user, province_user, client):
    province_user.email = "p@example.org"
    province_user.save()
    client.force_login(province_user)
    response = client.post(reverse("notices:settings"), {})  # the box unticked
    assert response.status_code == 302
    assert NoticeSettings.objects.get(user=province_user).email_enabled is False
    classify_all(submission, district_user)
    submit(submission, district_user)
    mail.outbox.clear()
    assert services.notices_send_emails() == 0
    assert mail.outbox == []
    assert Notice.objects.get(user=province_user).email == Notice.Email.OFF


@pytest.mark.parametrize(("today", "stage"), [
    (dt.date(2024, 12, 2), 7), (dt.date(2024, 12, 4), 7), (dt.date(2024, 12, 6), 3), (dt.date(2024, 12, 8), 1),
    (dt.date(2024, 12, 9), 1), (dt.date(2024, 12, 10), -1),
])
def test_the_reminder_due_on_a_day(submission, district_user, today, stage):
    assert services.reminder_stage((DUE - today).days) == stage


def test_reminders_go_to_districts_not_yet_submitted_once_per_stage(
        submission, district_user, other_district_user, province_user, round_):
    other = round_.submissions.get(district_id="5202")
    classify_all(other, other_district_user)
    submit(other, other_district_user)
    for user in (district_user, other_district_user):
        user.email = f"{user.username}@example.org"
        user.save()
    days = [DUE - dt.timedelta(days=n) for n in range(10, -4, -1)]  # every day from 10 before to 3 after
    for day in days:
        for _ in range(2):  # the task runs hourly: twice a day changes nothing
            services.reminders_create(today=day, now=bangkok(day.year, day.month, day.day, 8))
    keys = sorted(Notice.objects.filter(user=district_user, kind=Notice.Kind.REMINDER).values_list("key", flat=True))
    assert keys == sorted(f"reminder:{submission.pk}:{stage}" for stage in (7, 3, 1, -1))
    assert not Notice.objects.filter(user=other_district_user, kind=Notice.Kind.REMINDER).exists()
    mail.outbox.clear()
    assert services.notices_send_emails() == 4
    assert [m.to for m in mail.outbox] == [["d5201@example.org"]] * 4
    assert "อีก 7 วันครบกำหนด" in mail.outbox[0].subject
    assert "เกินกำหนดส่งผลการทบทวนแล้ว 1 วัน" in mail.outbox[-1].subject


def test_the_database_refuses_a_second_notice_for_the_same_event(district_user):
    Notice.objects.create(user=district_user, kind="reminder", key="reminder:1:7", title="t", created_at=BEFORE_DUE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Notice.objects.create(user=district_user, kind="reminder", key="reminder:1:7", title="t", created_at=BEFORE_DUE)


def test_the_reminder_task_queues_its_next_run_once(db):
    from django_tasks_db.models import DBTaskResult

    assert tasks.schedule_next(BEFORE_DUE) is True
    assert tasks.schedule_next(BEFORE_DUE) is False
    assert DBTaskResult.objects.filter(task_path=tasks.RUN_REMINDERS, status="READY").count() == 1


def test_notices_schedule_says_whether_it_queued_the_reminders(db):
    first, second = io.StringIO(), io.StringIO()
    call_command("notices_schedule", stdout=first)
    call_command("notices_schedule", stdout=second)
    assert first.getvalue().strip() == "ตั้งเวลางานเตือนแล้ว"
    assert second.getvalue().strip() == "มีงานเตือนรออยู่แล้ว"


def test_where_the_queue_cannot_be_read_the_reminders_are_left_to_cron(db, settings):
    """RQ keeps its queue in Redis: queuing there on every deploy would start one more hourly chain."""
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    out = io.StringIO()
    call_command("notices_schedule", stdout=out)
    assert tasks.schedule_next(BEFORE_DUE) is False
    assert "manage.py send_reminders" in out.getvalue()
    assert default_task_backend.results == []


def test_marking_read_only_touches_ones_own_notices(client, district_user, geography):
    other = UserFactory(username="d5201b", office=office_for(Office.Level.DISTRICT, district="5201"))
    mine = Notice.objects.create(user=district_user, kind="accepted", key="status:1", title="รับแล้ว",
                                 url="/reviews/", created_at=BEFORE_DUE)
    theirs = Notice.objects.create(user=other, kind="accepted", key="status:1", title="รับแล้ว", created_at=BEFORE_DUE)
    client.force_login(district_user)
    assert client.post(reverse("notices:read"), {"notice": theirs.pk}).status_code == 404
    response = client.post(reverse("notices:read"), {"notice": mine.pk})
    assert response.status_code == 302 and response["Location"] == "/reviews/"
    mine.refresh_from_db(), theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None
    page = client.get(reverse("home")).content.decode()
    assert "รับแล้ว" in page and "ยังไม่อ่าน" not in page
