"""python manage.py export_registry groups|activities OUT.xlsx [--province CODE] [--district CODE]"""

from django.core.management.base import BaseCommand, CommandError

from groups.models import SavingsGroup
from groups.spreadsheets.files import export_activities, export_groups


class Command(BaseCommand):
    help = "ส่งออกข้อมูลกลุ่มหรือกิจกรรมเป็นไฟล์ Excel (.xlsx) ตามแบบฟอร์มนำเข้า (ทุกสถานะ)"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["groups", "activities"])
        parser.add_argument("out")
        parser.add_argument("--province", help="รหัสจังหวัด ๒ หลัก")
        parser.add_argument("--district", help="รหัสอำเภอ ๔ หลัก")

    def handle(self, *args, kind, out, province, district, **options):
        groups = SavingsGroup.objects.order_by("code")
        if province:
            groups = groups.filter(district__province_id=province)
        if district:
            groups = groups.filter(district_id=district)
        if not out.endswith(".xlsx"):
            raise CommandError("ชื่อไฟล์ต้องลงท้ายด้วย .xlsx")
        count = export_groups(groups, out) if kind == "groups" else export_activities(groups, out)
        self.stdout.write(f"ส่งออก {count:,} แถว ไปที่ {out}")
