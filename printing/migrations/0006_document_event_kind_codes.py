"""The free Thai texts DocumentEvent stored as its kind become the codes of DocumentEvent.Kind.

The map names every text the services have ever written (git history of printing/). A text it
does not know becomes "other" and is kept at the head of the note, and in `data`, so the history
still says it and the reverse puts it back.
"""

from django.db import migrations

TEXT_TO_CODE = {
    "ออกเอกสาร": "issued",
    "ถูกแทนที่ด้วยฉบับใหม่": "superseded",
    "แนบสำเนาที่ลงนามแล้ว": "scan_attached",
    "ลงลายมือชื่ออิเล็กทรอนิกส์": "signed",
    "ยกเลิก": "cancelled",
    "สั่งพิมพ์ชุด": "job_requested",
    "ยกเลิกงานพิมพ์ชุด": "job_cancelled",
    "สั่งพิมพ์ชุดใหม่": "job_retried",
    "เริ่มพิมพ์ชุดใหม่หลังตัวประมวลผลหยุด": "job_restarted",
}
CODE_TO_TEXT = {code: text for text, code in TEXT_TO_CODE.items()}
OTHER = "other"


def texts_to_codes(apps, schema_editor):
    Event = apps.get_model("printing", "DocumentEvent")
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
    Event = apps.get_model("printing", "DocumentEvent")
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
        ("printing", "0005_document_event_shape"),
    ]

    operations = [
        migrations.RunPython(texts_to_codes, codes_to_texts),
    ]
