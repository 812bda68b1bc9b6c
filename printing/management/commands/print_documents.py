"""Every order or bylaw of a district or a province as one PDF, from the command line:

    python manage.py print_documents orders OUT.pdf --district 5201
    python manage.py print_documents bylaws OUT.pdf --province 52

Orders already issued are printed from their stored file, the others as they stand now.
"""

import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from geo.models import District, Province
from printing import registry, services

KINDS = {"orders": "order", "bylaws": "bylaws"}


class Command(BaseCommand):
    help = "พิมพ์คำสั่งแต่งตั้งคณะกรรมการเครือข่าย (orders) หรือระเบียบเครือข่าย (bylaws) ทั้งอำเภอหรือทั้งจังหวัดเป็น PDF ไฟล์เดียว"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("out", type=Path)
        area = parser.add_mutually_exclusive_group(required=True)
        area.add_argument("--province", help="รหัสจังหวัด ๒ หลัก เช่น 52")
        area.add_argument("--district", help="รหัสอำเภอ ๔ หลัก เช่น 5201")

    def handle(self, *args, kind, out, province=None, district=None, **options):
        printable = registry.get(KINDS[kind])
        if printable is None or printable.in_area is None:
            raise CommandError("ยังไม่มีเอกสารประเภทนี้ในระบบ")
        try:
            area = {"district": District.objects.get(pk=district)} if district else {
                "province": Province.objects.get(pk=province)}
        except (District.DoesNotExist, Province.DoesNotExist) as error:
            raise CommandError(f"ไม่พบรหัสพื้นที่ {district or province}") from error
        records = list(printable.in_area(**area))
        started = time.perf_counter()

        def progress(number):
            self.stderr.write(f"\r{number}/{len(records)}", ending="")

        try:
            content = services.batch_bytes(printable, records, progress)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        out.write_bytes(content)
        self.stderr.write("")
        self.stdout.write(f"{printable.label} {len(records)} ฉบับ → {out} "
                          f"({len(content) / 1024:,.0f} KB, {time.perf_counter() - started:.1f} วินาที)")
