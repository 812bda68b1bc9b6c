"""Queues the hourly reminder task once (it then re-queues itself); `make run` calls this.

On a task backend whose queue cannot be read (RQ), it queues nothing: the reminders then run from
cron (`manage.py send_reminders`, docs/deploy.md), or every deploy would start another chain.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from notices.tasks import run_reminders, schedule_next, waiting


class Command(BaseCommand):
    help = "ตั้งเวลางานเตือนกำหนดส่งผลการทบทวน (ทำงานทุกชั่วโมงผ่านตัวประมวลผลเบื้องหลัง)"

    def handle(self, *args, **options):
        if schedule_next(timezone.now()):
            self.stdout.write("ตั้งเวลางานเตือนแล้ว")
        elif waiting(run_reminders) is None:
            self.stdout.write("ระบบงานเบื้องหลังนี้ไม่ตั้งเวลางานเตือนเอง: ให้ cron เรียก "
                              "manage.py send_reminders ทุกชั่วโมง (docs/deploy.md)")
        else:
            self.stdout.write("มีงานเตือนรออยู่แล้ว")
