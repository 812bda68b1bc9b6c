from django.core.management.base import BaseCommand

from geo.loader import load_geography


class Command(BaseCommand):
    help = "โหลดจังหวัด อำเภอ ตำบล พร้อมรหัสกรมการปกครอง จากแพ็กเกจ geothai (ข้อมูล CC-BY-4.0)"

    def add_arguments(self, parser):
        parser.add_argument("--province", action="append", help="รหัสจังหวัด (ซ้ำได้); ไม่ระบุ = ทุกจังหวัด")

    def handle(self, *args, province=None, **options):
        result = load_geography(province)
        self.stdout.write(
            f"ภูมิศาสตร์: เพิ่ม {result.created:,} แก้ไข {result.updated:,} ไม่เปลี่ยน {result.unchanged:,}"
        )
