"""Forms of the review round. They read and check input; the rules live in the model and services."""

from django import forms

from core.forms import ThaiDateField
from geo.models import Subdistrict
from reviews.follow_up_models import FollowUpVisit
from reviews.models import FollowUpStatus, GroupReview, Submission


def thai_messages(field) -> dict:
    """Thai messages for Django's default errors (its Thai catalogue is partial: "ฟิลด์นี้จำเป็น", and the
    length limits are still English). A field's own messages win."""
    label = str(field.label or "ข้อมูลนี้")
    choosing = isinstance(field, (forms.ChoiceField, forms.ModelChoiceField))
    return {
        "required": f"กรุณา{'เลือก' if choosing else 'กรอก'}{label}",
        "max_length": "ยาวเกินไป: ไม่เกิน %(limit_value)d ตัวอักษร (ขณะนี้ %(show_value)d ตัวอักษร)",
        "min_length": "สั้นเกินไป: อย่างน้อย %(limit_value)d ตัวอักษร",
        "invalid_choice": "ตัวเลือกไม่ถูกต้อง กรุณาเลือกจากรายการ",
        "invalid_list": "ตัวเลือกไม่ถูกต้อง กรุณาเลือกจากรายการ",
        "empty": "แฟ้มว่างเปล่า กรุณาเลือกแฟ้มที่กรอกแล้ว",
        "missing": "ไม่ได้รับแฟ้ม กรุณาเลือกแฟ้มอีกครั้ง",
        "invalid": f"รูปแบบของ{label}ไม่ถูกต้อง",
        "contradiction": "กรุณาเลือกแฟ้ม หรือกดล้าง อย่างใดอย่างหนึ่ง",
    }


class ThaiForm(forms.Form):
    """Every form of the review pages speaks Thai, including Django's built-in checks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            defaults = {}
            for klass in reversed(type(field).__mro__):
                defaults.update(getattr(klass, "default_error_messages", {}))
            own = {code: message for code, message in field.error_messages.items() if defaults.get(code) is not message}
            field.error_messages = {**field.error_messages, **thai_messages(field), **own}


HINT_CHECK = "check"
HINT_CANCELLED = "cancelled"
UNCLASSIFIED = "none"


class RoundForm(ThaiForm):
    title = forms.CharField(label="ชื่อรอบการทบทวน", max_length=255, widget=forms.TextInput(
        attrs={"placeholder": "การตรวจสอบและทบทวนฐานข้อมูลกลุ่มออมทรัพย์เพื่อการผลิต ปี 2567"}))
    reference_number = forms.CharField(label="เลขที่หนังสือจังหวัด", max_length=100,
                                       widget=forms.TextInput(attrs={"placeholder": "ลป 0019.4/ว 27530"}))
    letter_date = ThaiDateField(label="ลงวันที่", error_messages={"required": "กรุณากรอกวันที่ของหนังสือจังหวัด"})
    due_on = ThaiDateField(label="กำหนดส่งภายในวันที่", error_messages={"required": "กรุณากรอกวันกำหนดส่ง"})
    locked_after = ThaiDateField(label="ปิดการแก้ไขหลังวันที่", required=False,
                                 help_text="หลังวันนี้ อำเภอจะแก้ไขหรือส่งผลการทบทวนไม่ได้ (เว้นว่างได้)")

    def clean(self):
        data = super().clean()
        letter, due, locked = data.get("letter_date"), data.get("due_on"), data.get("locked_after")
        if letter and due and due < letter:
            self.add_error("due_on", "กำหนดส่งต้องไม่ก่อนวันที่ของหนังสือ")
        if due and locked and locked < due:
            self.add_error("locked_after", "วันปิดการแก้ไขต้องไม่ก่อนกำหนดส่ง")
        return data


class ReviewForm(ThaiForm):
    category = forms.TypedChoiceField(label="ประเภท", coerce=int, choices=GroupReview.Category.choices,
                                      widget=forms.RadioSelect,
                                      error_messages={"required": "กรุณาเลือกประเภทของกลุ่ม"})
    issues = forms.MultipleChoiceField(label="รายการที่ไม่เป็นไปตามระเบียบฯ (ประเภทที่ 2)", required=False,
                                       choices=GroupReview.Issue.choices, widget=forms.CheckboxSelectMultiple)
    follow_up_officer = forms.CharField(label="พัฒนากรผู้ติดตาม (ประเภทที่ 2)", required=False, max_length=200)
    next_follow_up_on = ThaiDateField(label="ติดตามครั้งถัดไปวันที่ (ประเภทที่ 2)", required=False)
    intention = forms.ChoiceField(label="ความประสงค์ของกลุ่ม (ประเภทที่ 2)", required=False,
                                  choices=GroupReview.Intention.choices, widget=forms.RadioSelect)
    defunct_reason = forms.ChoiceField(label="เหตุผล (ประเภทที่ 3)", required=False,
                                       choices=GroupReview.DefunctReason.choices, widget=forms.RadioSelect)
    note = forms.CharField(label="หมายเหตุ / รายละเอียด", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    @classmethod
    def initial_for(cls, review: GroupReview) -> dict:
        if review.category is None and review.group.status == review.group.Status.CANCELLED:
            # Cancelled by the district during the round: typically category 3, dissolved or cancelled.
            return {"category": GroupReview.Category.DEFUNCT, "defunct_reason": GroupReview.DefunctReason.DISSOLVED,
                    "note": review.group.status_reason, "follow_up_officer": review.group.officer_name}
        return {"category": review.category, "issues": review.issues, "note": review.note,
                "follow_up_officer": review.follow_up_officer or review.group.officer_name,
                "next_follow_up_on": review.next_follow_up_on, "intention": review.intention,
                "defunct_reason": review.defunct_reason}


class ReviewFilterForm(ThaiForm):
    subdistrict = forms.ModelChoiceField(label="ตำบล", queryset=Subdistrict.objects.none(), required=False,
                                         empty_label="ทุกตำบล")
    category = forms.ChoiceField(label="ประเภท", required=False, choices=[
        ("", "ทุกประเภท"), (UNCLASSIFIED, "ยังไม่จัดประเภท"), ("1", "ประเภทที่ 1"), ("2", "ประเภทที่ 2"),
        ("3", "ประเภทที่ 3")])
    hint = forms.ChoiceField(label="ข้อสังเกต", required=False,
                             choices=[("", "ทั้งหมด"), (HINT_CHECK, "เฉพาะกลุ่มที่ควรตรวจสอบ"),
                                      (HINT_CANCELLED, "เฉพาะกลุ่มที่ยกเลิกระหว่างรอบ")])
    q = forms.CharField(label="ค้นหา", required=False,
                        widget=forms.TextInput(attrs={"placeholder": "ชื่อหรือรหัสกลุ่ม"}))

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subdistrict"].queryset = Subdistrict.objects.filter(district=district)


class SubmitForm(ThaiForm):
    signer_role = forms.ChoiceField(label="ผู้ลงนามในหนังสือของอำเภอ", choices=Submission.SignerRole.choices,
                                    widget=forms.RadioSelect,
                                    error_messages={"required": "กรุณาเลือกผู้ลงนาม"})
    signer_name = forms.CharField(label="ชื่อผู้ลงนาม", max_length=200,
                                  error_messages={"required": "กรุณากรอกชื่อผู้ลงนาม"})
    signer_position = forms.CharField(label="ตำแหน่งผู้ลงนาม", max_length=200,
                                      error_messages={"required": "กรุณากรอกตำแหน่งผู้ลงนาม"})
    letter_number = forms.CharField(label="เลขที่หนังสือของอำเภอ", max_length=100,
                                    widget=forms.TextInput(attrs={"placeholder": "ลป 0019.1/"}),
                                    error_messages={"required": "กรุณากรอกเลขที่หนังสือของอำเภอ"})
    letter_date = ThaiDateField(label="ลงวันที่", error_messages={"required": "กรุณากรอกวันที่ของหนังสือ"})


class ReturnForm(ThaiForm):
    reason = forms.CharField(label="เหตุผลที่ส่งกลับให้อำเภอแก้ไข", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "กรุณาระบุเหตุผลที่ส่งกลับให้อำเภอแก้ไข"})

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("กรุณาระบุเหตุผลที่ส่งกลับให้อำเภอแก้ไข")
        return reason


class SheetUploadForm(ThaiForm):
    """The file itself is checked by the upload guard (reviews.sheets.store_upload), from its bytes."""

    file = forms.FileField(label="แฟ้มแบบทบทวน (.xlsx, .xls, .ods หรือ .csv)", error_messages={
        "required": "กรุณาเลือกแฟ้ม", "empty": "ไฟล์ว่างเปล่า ไม่มีข้อมูล", "invalid": "กรุณาเลือกแฟ้ม"})


class FollowUpVisitForm(ThaiForm):
    visited_on = ThaiDateField(label="วันที่ติดตาม", error_messages={"required": "กรุณากรอกวันที่ติดตาม"})
    outcome = forms.ChoiceField(label="ผลการติดตาม", choices=FollowUpVisit.Outcome.choices, widget=forms.RadioSelect,
                                error_messages={"required": "กรุณาเลือกผลการติดตาม",
                                                "invalid_choice": "กรุณาเลือกผลการติดตามจากรายการ"})
    next_follow_up_on = ThaiDateField(label="ติดตามครั้งถัดไปวันที่ (เมื่อยังอยู่ระหว่างปรับปรุงแก้ไข)",
                                      required=False)
    note = forms.CharField(label="บันทึกการติดตาม", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="สิ่งที่พบ และเหตุผลเมื่อกลุ่มไม่ประสงค์ดำเนินการตามระเบียบฯ")

    def clean(self):
        """Every missing detail at once (the service checks them again, and more)."""
        data = super().clean()
        outcome = data.get("outcome")
        if outcome == FollowUpVisit.Outcome.CORRECTING and not data.get("next_follow_up_on") \
                and "next_follow_up_on" not in self.errors:
            self.add_error("next_follow_up_on", "กลุ่มยังอยู่ระหว่างปรับปรุงแก้ไข กรุณากำหนดวันที่ติดตามครั้งถัดไป")
        if outcome == FollowUpVisit.Outcome.REFUSED and not (data.get("note") or "").strip():
            self.add_error("note", "กรุณาบันทึกเหตุผลที่กลุ่มไม่ประสงค์ดำเนินการตามระเบียบฯ")
        return data


class FollowUpRemoveForm(ThaiForm):
    reason = forms.CharField(label="เหตุผลที่นำกลุ่มออกจากฐานข้อมูล", widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "กรุณาระบุเหตุผลที่นำกลุ่มออกจากฐานข้อมูล"})


class FollowUpFilterForm(ThaiForm):
    status = forms.ChoiceField(label="สถานะการติดตาม", required=False,
                               choices=[("", "ทุกสถานะ")] + list(FollowUpStatus.choices))
    overdue = forms.ChoiceField(label="กำหนดติดตาม", required=False,
                                choices=[("", "ทั้งหมด"), ("on", "เฉพาะที่เลยกำหนดติดตาม")])
    district = forms.CharField(required=False, widget=forms.HiddenInput)
