"""Creates the demo data, repeatably: each app's `demo.seed()` in dependency order.

The demo includes the superuser `admin` with a published password, so it runs only on demand:
with DEBUG=1 (`make run`), with --i-know, or on a database that holds no real data yet (no user
and no group other than the demo's own).
"""

import importlib
import re

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_PROVINCES
from accounts.models import User
from geo.models import Province
from groups.models import SavingsGroup

_PROVINCES = "|".join(DEMO_PROVINCES)
DEMO_USERNAME = re.compile(rf"^(admin|province({_PROVINCES})|amphoe({_PROVINCES})\d\d)$")


def real_data_present() -> bool:
    """True once the database holds a user or a group that the demo did not create."""
    if SavingsGroup.objects.exclude(district__province_id__in=DEMO_PROVINCES).exists():
        return True
    return any(not DEMO_USERNAME.match(name) for name in User.objects.values_list("username", flat=True).iterator())

# Each module's seed() is idempotent: a second run creates nothing new.
SEEDERS = ["accounts.demo", "groups.demo", "reviews.demo", "reviews.demo_current", "networks.demo", "demo.documents"]


class Command(BaseCommand):
    help = "สร้างข้อมูลตัวอย่าง: ผู้ใช้ กลุ่ม กิจกรรม รอบการทบทวน และเครือข่าย ของจังหวัดลำปางและสุราษฎร์ธานี"

    def add_arguments(self, parser):
        parser.add_argument("--i-know", action="store_true", dest="i_know",
                            help="สร้างข้อมูลตัวอย่างแม้ฐานข้อมูลมีข้อมูลจริงแล้ว (รวมผู้ดูแลระบบ admin รหัสผ่าน demo1234)")

    def handle(self, *args, **options):
        if not (settings.DEBUG or options["i_know"]) and real_data_present():
            raise CommandError(
                "ไม่สร้างข้อมูลตัวอย่าง: ฐานข้อมูลนี้มีข้อมูลจริงแล้ว และข้อมูลตัวอย่างมีผู้ดูแลระบบ admin ที่ใช้รหัสผ่านที่เปิดเผย "
                "(demo1234) ถ้าเป็นเครื่องทดลองจริง ๆ ให้ตั้ง DEBUG=1 หรือสั่งใหม่พร้อม --i-know"
            )
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
