"""Queues the hourly reminder task once (it then re-queues itself); `make run` calls this."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from notices.tasks import schedule_next


class Command(BaseCommand):
    help = "ตั้งเวลางานเตือนกำหนดส่งผลการทบทวน (ทำงานทุกชั่วโมงผ่านตัวประมวลผลเบื้องหลัง)"

    def handle(self, *args, **options):
        queued = schedule_next(timezone.now())
        self.stdout.write("ตั้งเวลางานเตือนแล้ว" if queued else "มีงานเตือนรออยู่แล้ว")
