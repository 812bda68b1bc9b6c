"""NetworkEvent takes the one event shape of core.events: `action` becomes `kind`, `detail` becomes
`note`, the old and new values get a `data` column and `at` is written by the service (its `now`),
no longer by the database. The texts become codes in 0006."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("networks", "0004_fund_entry_corrections_and_voids"),
    ]

    operations = [
        migrations.RenameField(model_name="networkevent", old_name="action", new_name="kind"),
        migrations.RenameField(model_name="networkevent", old_name="detail", new_name="note"),
        migrations.AlterField(
            model_name="networkevent",
            name="kind",
            field=models.CharField(choices=[
                    ("network_created", "สร้างเครือข่าย"), ("network_updated", "แก้ไขข้อมูลเครือข่าย"),
                    ("members_changed", "ปรับกลุ่มสมาชิก"), ("committee_created", "ตั้งคณะกรรมการ"),
                    ("committee_next_term", "เริ่มวาระใหม่"), ("committee_order_updated", "แก้ไขข้อมูลคำสั่งแต่งตั้ง"),
                    ("committee_seats_saved", "บันทึกรายชื่อกรรมการ"), ("committee_status", "เปลี่ยนสถานะคณะกรรมการ"),
                    ("committee_corrected", "แก้ไขข้อมูลกรรมการหลังแต่งตั้ง"),
                    ("representatives_named", "แจ้งผู้แทนระดับจังหวัด"), ("bank_account_saved", "บันทึกบัญชีเงินฝาก"),
                    ("income_recorded", "บันทึกรายรับ"), ("income_corrected", "แก้ไขรายรับ"),
                    ("income_voided", "ยกเลิกรายรับ"), ("spending_recorded", "บันทึกรายจ่าย"),
                    ("spending_corrected", "แก้ไขรายจ่าย"), ("spending_voided", "ยกเลิกรายจ่าย"),
                    ("plan_created", "สร้างแผนการขับเคลื่อน"), ("plan_activities_saved", "บันทึกกิจกรรมตามแผน"),
                    ("plan_submitted", "ส่งแผนการขับเคลื่อนให้จังหวัด"), ("plan_returned", "จังหวัดส่งแผนกลับแก้ไข"),
                    ("other", "อื่น ๆ"),
                ], max_length=50, verbose_name="การดำเนินการ"),
        ),
        migrations.AddField(
            model_name="networkevent",
            name="data",
            field=models.JSONField(blank=True, default=dict, verbose_name="ข้อมูลเดิมและข้อมูลใหม่"),
        ),
        migrations.AlterField(
            model_name="networkevent",
            name="at",
            field=models.DateTimeField(db_index=True, verbose_name="เมื่อ"),
        ),
    ]
