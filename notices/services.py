"""Everything that writes notices: who is told about a review event, the deadline reminders, and
sending the e-mails. The unique (user, key) constraint makes each of them happen once per person.

Reminders go to every district that has not submitted, 7, 3 and 1 days before the deadline and on
the day after it. A run that was missed catches up with the one reminder now due (never several).
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Office, User
from core import thai
from notices.models import Notice, NoticeSettings

log = logging.getLogger(__name__)

REMINDER_DAYS = (7, 3, 1)   # days before the deadline
AFTER_DEADLINE_DAYS = 1     # and this many days after it


def _district_users(district_id):
    return User.objects.filter(is_active=True, office__level=Office.Level.DISTRICT, office__district_id=district_id)


def _province_users(province_id):
    return User.objects.filter(is_active=True, office__level=Office.Level.PROVINCE, office__province_id=province_id)


def _create(users, *, kind, key, title, body, url, now) -> int:
    """One notice per user for the event `key`; users already told are skipped (the constraint)."""
    rows = [Notice(user=user, kind=kind, key=key, title=title, body=body, url=url, created_at=now)
            for user in users]
    before = Notice.objects.filter(key=key).count()
    Notice.objects.bulk_create(rows, ignore_conflicts=True)
    created = Notice.objects.filter(key=key).count() - before
    if created:
        transaction.on_commit(_enqueue_emails)
    return created


def _enqueue_emails():
    """Queues the e-mail task unless one is already waiting (it sends every pending notice)."""
    from notices.tasks import enqueue_once, send_notice_emails

    enqueue_once(send_notice_emails)


def submission_moved(*, submission, event, now=None) -> int:
    """Tells the right people that a submission moved (called by reviews.services.workflow.move, in the move's
    transaction): the province when one arrives, the district when it is returned or accepted."""
    from reviews.models import Submission

    Status = Submission.Status
    now = now or event.at or timezone.now()
    district = submission.district
    url = reverse("reviews:submission", kwargs={"pk": submission.pk})
    key = f"status:{event.pk}"
    if event.to_value == Status.SUBMITTED:
        late = " (ส่งเกินกำหนด)" if submission.is_late else ""
        return _create(_province_users(district.province_id), kind=Notice.Kind.ARRIVED, key=key, url=url, now=now,
                       title=f"{district.display_name} ส่งผลการทบทวนแล้ว รอจังหวัดพิจารณา{late}",
                       body=f"{submission.round.title}\nหนังสืออำเภอที่ {thai.to_arabic_digits(submission.letter_number)}")
    if event.to_value == Status.RETURNED:
        return _create(_district_users(district.pk), kind=Notice.Kind.RETURNED, key=key, url=url, now=now,
                       title="จังหวัดส่งผลการทบทวนกลับให้แก้ไข",
                       body=f"{submission.round.title}\nเหตุผล: {submission.return_reason}")
    if event.to_value == Status.ACCEPTED:
        return _create(_district_users(district.pk), kind=Notice.Kind.ACCEPTED, key=key, url=url, now=now,
                       title="จังหวัดรับผลการทบทวนของอำเภอแล้ว", body=submission.round.title)
    return 0


def reminder_stage(days_left: int) -> int | None:
    """Which reminder is due with `days_left` days to go (negative: overdue), or None."""
    if days_left == -AFTER_DEADLINE_DAYS:
        return -AFTER_DEADLINE_DAYS
    if 0 <= days_left <= max(REMINDER_DAYS):
        return min(stage for stage in REMINDER_DAYS if stage >= max(days_left, 1))
    return None


@transaction.atomic
def reminders_create(*, today: dt.date | None = None, now: dt.datetime | None = None) -> int:
    """Reminds every district that has not submitted to a round whose deadline is near or just passed."""
    from home.selectors import WAITING
    from reviews.models import Submission

    now = now or timezone.now()
    today = today or timezone.localdate(now)
    window = (today - dt.timedelta(days=AFTER_DEADLINE_DAYS), today + dt.timedelta(days=max(REMINDER_DAYS)))
    submissions = (Submission.objects.filter(status__in=WAITING, round__due_on__range=window)
                   .select_related("round", "district"))
    created = 0
    for submission in submissions:
        days_left = submission.round.days_left(today)
        stage = reminder_stage(days_left)
        if stage is None:
            continue
        due = thai.format_date(submission.round.due_on, "long")
        if days_left > 0:
            title = f"อีก {days_left} วันครบกำหนดส่งผลการทบทวน (ภายใน {due})"
        elif days_left == 0:
            title = f"วันนี้ครบกำหนดส่งผลการทบทวน ({due})"
        else:
            title = f"เกินกำหนดส่งผลการทบทวนแล้ว {-days_left} วัน (กำหนด {due})"
        status = submission.get_status_display()
        created += _create(
            _district_users(submission.district_id), kind=Notice.Kind.REMINDER,
            key=f"reminder:{submission.pk}:{stage}", title=title, now=now,
            url=reverse("reviews:submission", kwargs={"pk": submission.pk}),
            body=f"{submission.round.title}\n{submission.district.display_name}: สถานะ “{status}”",
        )
    return created


def notices_send_emails(*, now: dt.datetime | None = None) -> int:
    """Sends each pending notice's e-mail once: the row is claimed (pending → sent) before sending, so
    two workers never send the same one; a failure is recorded on the row."""
    now = now or timezone.now()
    pending = list(Notice.objects.filter(email=Notice.Email.PENDING).select_related("user").order_by("pk")[:500])
    off = set(NoticeSettings.objects.filter(user__in={n.user_id for n in pending}, email_enabled=False)
              .values_list("user_id", flat=True))
    sent = 0
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    for notice in pending:
        outcome = (Notice.Email.OFF if notice.user_id in off
                   else Notice.Email.NO_ADDRESS if not notice.user.email else Notice.Email.SENT)
        claimed = Notice.objects.filter(pk=notice.pk, email=Notice.Email.PENDING).update(
            email=outcome, emailed_at=now if outcome == Notice.Email.SENT else None)
        if not claimed or outcome != Notice.Email.SENT:
            continue
        body = f"{notice.title}\n\n{notice.body}\n\n{base}{notice.url}\n\n— ทะเบียนกลุ่มออมทรัพย์เพื่อการผลิต"
        try:
            send_mail(f"[ทะเบียนกลุ่มออมทรัพย์ฯ] {notice.title}", body, None, [notice.user.email])
        except Exception as error:  # an SMTP failure is recorded, the other notices still go
            log.warning("notice %s: e-mail failed: %s", notice.pk, error)
            Notice.objects.filter(pk=notice.pk).update(email=Notice.Email.FAILED, email_error=str(error)[:1000])
            continue
        sent += 1
    return sent


def notice_mark_read(*, user, notice_ids=None, now=None) -> int:
    """Marks the user's own notices read (all unread ones when `notice_ids` is None)."""
    notices = Notice.objects.visible_to(user).unread()
    if notice_ids is not None:
        notices = notices.filter(pk__in=list(notice_ids))
    return notices.update(read_at=now or timezone.now())


def notice_settings_set(*, user, email_enabled: bool) -> NoticeSettings:
    settings_row, _ = NoticeSettings.objects.update_or_create(user=user, defaults={"email_enabled": email_enabled})
    return settings_row
