"""python manage.py import_registry groups|activities FILE --as USERNAME [--dry-run]"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from groups.spreadsheets.files import SpreadsheetRefused
from groups.spreadsheets.importing import KINDS, spreadsheet_import


class Command(BaseCommand):
    help = "นำเข้าข้อมูลกลุ่มหรือกิจกรรมจากไฟล์ Excel (.xlsx): ทั้งไฟล์หรือไม่นำเข้าเลย"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="ตรวจสอบอย่างเดียว ไม่บันทึก")
        parser.add_argument("--as", dest="username",
                            help="ผู้ใช้ที่นำเข้า (จำเป็น): เขตของผู้ใช้จำกัดแถวที่นำเข้าได้ และบันทึกในประวัติ")

    def handle(self, *args, kind, file, dry_run, username, **options):
        # Checked here rather than by argparse (required=True) so that the message is Thai.
        if not username:
            raise CommandError("กรุณาระบุผู้ใช้ที่นำเข้าด้วย --as USERNAME (เจ้าหน้าที่อำเภอหรือจังหวัด) "
                               "การนำเข้าทำได้เฉพาะในเขตของผู้ใช้นั้น และบันทึกชื่อผู้ใช้ในประวัติ")
        actor = get_user_model().objects.select_related("office").filter(username=username).first()
        if actor is None:
            raise CommandError(f"ไม่พบผู้ใช้ {username}")
        try:
            report = spreadsheet_import(kind=kind, path=file, actor=actor, dry_run=dry_run,
                                        file_name=file.rsplit("/", 1)[-1])
        except FileNotFoundError as error:
            raise CommandError(f"ไม่พบไฟล์ {file}") from error
        except (SpreadsheetRefused, PermissionDenied) as error:
            raise CommandError(str(error)) from error
        for column in report.ignored_columns:
            self.stdout.write(f"ไม่นำเข้าคอลัมน์ที่ระบบไม่รู้จัก: {column}")
        for error in report.errors:
            where = f"แถว {error.row}" + (f" คอลัมน์ {error.column}" if error.column else "")
            self.stderr.write(f"{where}: {error.message}")
        summary = (f"{report.rows:,} แถว: ใหม่ {report.created:,} · แก้ไข {report.updated:,} · "
                   f"ไม่เปลี่ยนแปลง {report.unchanged:,} · ผิดพลาด {report.error_rows:,} แถว")
        if report.errors:
            raise CommandError(f"{summary}\nไม่ได้นำเข้า: ไฟล์มีข้อผิดพลาด {len(report.errors):,} รายการ")
        self.stdout.write(summary)
        self.stdout.write("ตรวจสอบแล้ว ยังไม่ได้บันทึก (--dry-run)" if dry_run else "นำเข้าเรียบร้อย")
