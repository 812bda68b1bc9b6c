"""Creates the demo data, repeatably: each app's `demo.seed()` in dependency order."""

import importlib

from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts.demo import DEMO_PROVINCES
from geo.models import Province

# Each module's seed() is idempotent: a second run creates nothing new.
SEEDERS = ["accounts.demo", "groups.demo", "reviews.demo", "reviews.demo_current", "networks.demo", "printing.demo"]


class Command(BaseCommand):
    help = "สร้างข้อมูลตัวอย่าง: ผู้ใช้ กลุ่ม กิจกรรม รอบการทบทวน และเครือข่าย ของจังหวัดลำปางและสุราษฎร์ธานี"

    def handle(self, *args, **options):
        if Province.objects.filter(code__in=DEMO_PROVINCES).count() < len(DEMO_PROVINCES):
            call_command("load_geography", province=DEMO_PROVINCES, stdout=self.stdout)
        for name in SEEDERS:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as error:
                if error.name != name:
                    raise
                continue
            result = module.seed()
            self.stdout.write(f"{name}: " + ", ".join(f"{k} {v:,}" for k, v in result.items()))
