"""Creates today's reminders and sends pending notice e-mails now (for cron, or by hand)."""

from django.core.management.base import BaseCommand

from notices.services import notices_send_emails, reminders_create


class Command(BaseCommand):
    help = "สร้างการเตือนกำหนดส่งของวันนี้และส่งอีเมลการแจ้งเตือนที่ค้างอยู่"

    def handle(self, *args, **options):
        created = reminders_create()
        sent = notices_send_emails()
        self.stdout.write(f"เตือน {created} รายการ ส่งอีเมล {sent} ฉบับ")
