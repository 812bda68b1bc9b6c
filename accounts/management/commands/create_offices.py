"""Every district and provincial office (and the department's) from the loaded geography."""

from django.core.management.base import BaseCommand

from accounts.services import offices_create


class Command(BaseCommand):
    help = "สร้างสำนักงานพัฒนาชุมชนอำเภอและจังหวัดทุกแห่งจากข้อมูลภูมิศาสตร์ (รันซ้ำได้ ไม่สร้างซ้ำ)"

    def handle(self, *args, **options):
        created = offices_create()
        self.stdout.write(f"สร้างสำนักงาน: กรม {created['national']} จังหวัด {created['province']:,} "
                          f"อำเภอ {created['district']:,} แห่ง")
