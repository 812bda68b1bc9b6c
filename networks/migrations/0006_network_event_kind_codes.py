"""The free Thai texts NetworkEvent stored as its kind become the codes of NetworkEvent.Kind.

The map names every text the services have ever written (git history of networks/services*). A
text it does not know becomes "other" and is kept at the head of the note, and in `data`, so
the history still says it and the reverse puts it back.
"""

from django.db import migrations

TEXT_TO_CODE = {
    "สร้างเครือข่าย": "network_created",
    "แก้ไขข้อมูลเครือข่าย": "network_updated",
    "ปรับกลุ่มสมาชิก": "members_changed",
    "ตั้งคณะกรรมการ": "committee_created",
    "เริ่มวาระใหม่": "committee_next_term",
    "แก้ไขข้อมูลคำสั่งแต่งตั้ง": "committee_order_updated",
    "บันทึกรายชื่อกรรมการ": "committee_seats_saved",
    "เปลี่ยนสถานะคณะกรรมการ": "committee_status",
    "แก้ไขข้อมูลกรรมการหลังแต่งตั้ง": "committee_corrected",
    "แจ้งผู้แทนระดับจังหวัด": "representatives_named",
    "บันทึกบัญชีเงินฝาก": "bank_account_saved",
    "บันทึกรายรับ": "income_recorded",
    "แก้ไขรายรับ": "income_corrected",
    "ยกเลิกรายรับ": "income_voided",
    "บันทึกรายจ่าย": "spending_recorded",
    "แก้ไขรายจ่าย": "spending_corrected",
    "ยกเลิกรายจ่าย": "spending_voided",
    "สร้างแผนการขับเคลื่อน": "plan_created",
    "บันทึกกิจกรรมตามแผน": "plan_activities_saved",
    "ส่งแผนการขับเคลื่อนให้จังหวัด": "plan_submitted",
    "จังหวัดส่งแผนกลับแก้ไข": "plan_returned",
}
CODE_TO_TEXT = {code: text for text, code in TEXT_TO_CODE.items()}
OTHER = "other"


def texts_to_codes(apps, schema_editor):
    Event = apps.get_model("networks", "NetworkEvent")
    for text, code in TEXT_TO_CODE.items():
        Event.objects.filter(kind=text).update(kind=code)
    known = [*TEXT_TO_CODE.values(), OTHER]
    for event in Event.objects.exclude(kind__in=known).only("kind", "note", "data"):
        text = event.kind
        event.data = {**(event.data or {}), "kind_text": text, "note_before": event.note}
        event.note = f"{text}: {event.note}" if event.note else text
        event.kind = OTHER
        event.save(update_fields=["kind", "note", "data"])


def codes_to_texts(apps, schema_editor):
    Event = apps.get_model("networks", "NetworkEvent")
    for code, text in CODE_TO_TEXT.items():
        Event.objects.filter(kind=code).update(kind=text)
    for event in Event.objects.filter(kind=OTHER).only("kind", "note", "data"):
        data = dict(event.data or {})
        event.kind = data.pop("kind_text", OTHER)
        event.note = data.pop("note_before", event.note)
        event.data = data
        event.save(update_fields=["kind", "note", "data"])


class Migration(migrations.Migration):

    dependencies = [
        ("networks", "0005_network_event_shape"),
    ]

    operations = [
        migrations.RunPython(texts_to_codes, codes_to_texts),
    ]
