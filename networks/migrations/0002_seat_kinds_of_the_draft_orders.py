"""The seats of the draft appointment orders (Surat Thani letter, enclosure 3), in print order,
with their titles as printed and how many may hold each (20 seats in the model order)."""

from django.db import migrations

SEAT_KINDS = [
    # code, order, title as printed, max holders, a tambon committee may have more
    ("chair", 1, "ประธานเครือข่าย", 1, False),
    ("vice-chair", 2, "รองประธาน", 2, False),
    ("secretary", 3, "เลขานุการ", 1, False),
    ("assistant-secretary", 4, "ผู้ช่วยเลขานุการ", 1, False),
    ("treasurer", 5, "เหรัญญิก", 1, False),
    ("assistant-treasurer", 6, "ผู้ช่วยเหรัญญิก", 1, False),
    ("public-relations", 7, "ประชาสัมพันธ์", 1, False),
    ("assistant-public-relations", 8, "ผู้ช่วยประชาสัมพันธ์", 1, False),
    ("assistant-registrar", 9, "ผู้ช่วยนายทะเบียน", 1, False),
    ("member-group-activities", 10, "กรรมการส่งเสริมและสนับสนุนกิจกรรมกลุ่มออมทรัพย์เพื่อการผลิต", 1, False),
    ("member-occupations", 11, "กรรมการส่งเสริมและพัฒนาอาชีพ", 1, False),
    ("member-personnel", 12, "กรรมการส่งเสริมและพัฒนาศักยภาพบุคลากร", 1, False),
    ("member-funding", 13, "กรรมการส่งเสริมและสนับสนุนแหล่งทุน", 1, False),
    ("member", 14, "กรรมการ", 6, True),
]


def load(apps, schema_editor):
    SeatKind = apps.get_model("networks", "SeatKind")
    for code, order, title, max_holders, tambon_may_exceed in SEAT_KINDS:
        SeatKind.objects.update_or_create(
            code=code, defaults={"order": order, "title": title, "max_holders": max_holders,
                                 "tambon_may_exceed": tambon_may_exceed},
        )


def unload(apps, schema_editor):
    apps.get_model("networks", "SeatKind").objects.filter(code__in=[k[0] for k in SEAT_KINDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("networks", "0001_networks_committees_money_plans")]
    operations = [migrations.RunPython(load, unload)]
