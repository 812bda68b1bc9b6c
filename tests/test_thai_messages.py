"""The project's Thai catalogue (locale/th/LC_MESSAGES): Django's validator and form messages that its
own Thai catalogue leaves in English, so a careless entry cannot reach an officer in English."""

import ast
import gettext
import re
from pathlib import Path

import django
import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale" / "th" / "LC_MESSAGES"
DJANGO_EN_PO = Path(django.__file__).parent / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def read_po(path):
    """{msgid: msgstr} (plural entries keyed by their singular msgid), from a .po file's text."""
    entries, current, key = {}, {}, None
    for line in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        if match := re.match(r'^(msgid|msgid_plural|msgstr|msgstr\[0\]) (".*")$', line):
            key = match.group(1)
            current[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
        elif not line.strip():
            if current.get("msgid"):
                entries[current["msgid"]] = current.get("msgstr", current.get("msgstr[0]"))
            current, key = {}, None
    return entries


def test_every_entry_translates_a_message_django_uses():
    ours, djangos = read_po(LOCALE / "django.po"), read_po(DJANGO_EN_PO)
    assert ours
    assert sorted(set(ours) - set(djangos)) == []
    assert [msgid for msgid, msgstr in ours.items() if not msgstr] == []


def test_the_committed_mo_matches_the_po():
    """Run `python manage.py compilemessages -l th` after editing the .po, and commit both."""
    with open(LOCALE / "django.mo", "rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog
    compiled = {(key[0] if isinstance(key, tuple) else key): value for key, value in catalog.items() if key}
    assert compiled == {msgid.split("\x00")[0]: msgstr for msgid, msgstr in read_po(LOCALE / "django.po").items()}


def errors(field, value):
    with translation.override("th"):
        with pytest.raises(ValidationError) as caught:
            field.clean(value)
        return caught.value.messages


@pytest.mark.parametrize(("field", "value", "message"), [
    (forms.CharField(), "", "กรุณากรอกข้อมูลช่องนี้"),
    (forms.CharField(max_length=5), "กกกกกกก", "ยาวเกิน 5 ตัวอักษร (ตอนนี้ 7 ตัวอักษร)"),
    (forms.CharField(min_length=3), "ก", "สั้นเกินไป ต้องยาวอย่างน้อย 3 ตัวอักษร (ตอนนี้ 1 ตัวอักษร)"),
    (forms.IntegerField(max_value=99), "100", "ต้องไม่เกิน 99"),
    (forms.IntegerField(min_value=1), "0", "ต้องไม่น้อยกว่า 1"),
    (forms.IntegerField(), "สิบ", "กรุณากรอกเป็นจำนวนเต็ม"),
    (forms.DecimalField(), "สิบ", "กรุณากรอกเป็นตัวเลข"),
    (forms.DecimalField(max_digits=5, decimal_places=2), "12345.5", "ตัวเลขยาวเกิน 5 หลัก"),
    (forms.DecimalField(max_digits=9, decimal_places=2), "1.555", "ทศนิยมเกิน 2 ตำแหน่ง"),
    (forms.ChoiceField(choices=[("a", "ก")]), "b", "กรุณาเลือกจากรายการ: b ไม่อยู่ในตัวเลือกที่มี"),
    (forms.DateField(), "ไม่ใช่วันที่", "กรุณากรอกวันที่ให้ถูกต้อง"),
    (forms.EmailField(), "ไม่ใช่อีเมล", "กรุณากรอกอีเมลให้ถูกต้อง"),
])
def test_django_form_messages_read_in_thai(field, value, message):
    assert errors(field, value) == [message]


def test_model_uniqueness_and_formset_messages_read_in_thai():
    with translation.override("th"):
        unique = translation.gettext("%(model_name)s with this %(field_labels)s already exists.")
        management = forms.formset_factory(forms.Form)(data={}).non_form_errors()
    assert unique % {"model_name": "กลุ่ม", "field_labels": "ชื่อและหมู่บ้าน"} == "มีกลุ่มที่ชื่อและหมู่บ้านนี้อยู่แล้ว"
    assert management == ["ข้อมูลควบคุมของแบบฟอร์มไม่ครบ (form-TOTAL_FORMS, form-INITIAL_FORMS) "
                          "กรุณาเปิดหน้านี้ใหม่แล้วกรอกอีกครั้ง หากยังพบปัญหา โปรดแจ้งผู้ดูแลระบบ"]
