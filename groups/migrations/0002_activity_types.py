from django.db import migrations

# The managed list of activity types; administrators can add more in the admin.
TYPES = [
    "กองทุนสวัสดิการ", "ร้านค้าชุมชน", "โรงสีข้าว", "กองทุนปุ๋ย", "ฌาปนกิจ", "สินเชื่อเพื่อการประกอบอาชีพ", "อื่น ๆ",
]


def add_types(apps, schema_editor):
    ActivityType = apps.get_model("groups", "ActivityType")
    for order, name in enumerate(TYPES, start=1):
        ActivityType.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("groups", "0001_initial")]
    operations = [migrations.RunPython(add_types, migrations.RunPython.noop)]
