"""Puts every batch print whose worker stopped beating back in the task queue (printing.jobs.watch_stale).

    python manage.py print_jobs_watch              # once (cron: every minute, on one host)
    python manage.py print_jobs_watch --every 15   # or as a small long-running process

Needed with RQ (the watchdog tasks wait in RQ's scheduler, which moves to a surviving worker
slowly); harmless with the database worker, whose own watchdog usually gets there first.
"""

import time

from django.core.management.base import BaseCommand

from printing import jobs


class Command(BaseCommand):
    help = "ส่งงานพิมพ์ชุดที่ตัวประมวลผลหยุดรายงานตัวกลับเข้าคิว เพื่อให้ตัวประมวลผลอื่นพิมพ์ต่อ"

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=0, help="วินาทีระหว่างการตรวจแต่ละครั้ง (0: ตรวจครั้งเดียว)")

    def handle(self, *args, every, **options):
        while True:
            for job_id, outcome in jobs.watch_stale().items():
                self.stdout.write(f"งานพิมพ์ชุด {job_id}: {outcome}")
            if not every:
                return
            time.sleep(every)
