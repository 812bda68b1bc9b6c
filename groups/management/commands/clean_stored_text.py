"""python manage.py clean_stored_text [--dry-run]: names and codes stored before the registry
normalised text, put right, each change recorded in its group's history."""

from django.core.management.base import BaseCommand, CommandError

from groups.services import stored_text_clean


class Command(BaseCommand):
    help = ("ปรับชื่อและรหัสที่บันทึกไว้ก่อนหน้าให้เป็นรูปแบบมาตรฐาน (ตัดอักขระที่มองไม่เห็น ช่องว่างแปลก ๆ "
            "เรียงสระและวรรณยุกต์) บันทึกทุกการแก้ไขในประวัติของกลุ่ม")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="แสดงรายการที่จะแก้ไขอย่างเดียว ไม่บันทึก")

    def handle(self, *args, dry_run, **options):
        report = stored_text_clean(dry_run=dry_run)
        for line in report.changed:
            self.stdout.write(line)
        for line in report.conflicts:
            self.stderr.write(line)
        verb = "จะแก้ไข" if dry_run else "แก้ไขแล้ว"
        self.stdout.write(f"{verb} {len(report.changed):,} รายการ · รหัสซ้ำที่ต้องตรวจสอบ {len(report.conflicts):,} รายการ")
        if report.conflicts and not dry_run:
            raise CommandError("มีรหัสกลุ่มที่ซ้ำกันเมื่อตัดอักขระที่มองไม่เห็น ต้องตรวจสอบด้วยตนเอง (รายการด้านบน)")
