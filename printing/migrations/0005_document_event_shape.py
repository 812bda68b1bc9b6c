"""DocumentEvent takes the one event shape of core.events: `action` becomes `kind`, `detail` becomes
`note`, the old and new values get a `data` column and `at` is written by the service (its `now`),
no longer by the database. The texts become codes in 0006."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("printing", "0004_signing"),
    ]

    operations = [
        migrations.RenameField(model_name="documentevent", old_name="action", new_name="kind"),
        migrations.RenameField(model_name="documentevent", old_name="detail", new_name="note"),
        migrations.AlterField(
            model_name="documentevent",
            name="kind",
            field=models.CharField(choices=[
                ("issued", "ออกเอกสาร"), ("superseded", "ถูกแทนที่ด้วยฉบับใหม่"),
                ("scan_attached", "แนบสำเนาที่ลงนามแล้ว"), ("signed", "ลงลายมือชื่ออิเล็กทรอนิกส์"),
                ("cancelled", "ยกเลิก"), ("job_requested", "สั่งพิมพ์ชุด"), ("job_cancelled", "ยกเลิกงานพิมพ์ชุด"),
                ("job_retried", "สั่งพิมพ์ชุดใหม่"), ("job_restarted", "เริ่มพิมพ์ชุดใหม่หลังตัวประมวลผลหยุด"),
                ("other", "อื่น ๆ"),
            ], max_length=50, verbose_name="การดำเนินการ"),
        ),
        migrations.AddField(
            model_name="documentevent",
            name="data",
            field=models.JSONField(blank=True, default=dict, verbose_name="ข้อมูลเดิมและข้อมูลใหม่"),
        ),
        migrations.AlterField(
            model_name="documentevent",
            name="at",
            field=models.DateTimeField(db_index=True, verbose_name="เมื่อ"),
        ),
    ]
