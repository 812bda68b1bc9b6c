"""Forms of the review round. They read and check input; the rules live in the model and services and
reach the form through core.forms.RuleMessagesMixin (Django's own texts come from locale/th)."""

from django import forms

from core.forms import RuleMessagesMixin, ThaiDateField, choices_from
from geo.models import Subdistrict
from geo.selectors import tambons_of
from reviews.models import FollowUpStatus, GroupReview, Round, Submission
from reviews.models.follow_up import FollowUpVisit
from reviews.services import follow_up
from reviews.services.submissions import RETURN_REASON_REQUIRED, SUBMIT_REQUIRED, THAI_MODEL_MESSAGES


class ThaiForm(RuleMessagesMixin, forms.Form):
    """Every form of the review pages: a choice not offered is refused in the review service's words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            defaults = {}
            for klass in reversed(type(field).__mro__):
                defaults.update(getattr(klass, "default_error_messages", {}))
            field.error_messages = {**field.error_messages, **{
                code: THAI_MODEL_MESSAGES["invalid_choice"] for code in ("invalid_choice", "invalid_list")
                if code in field.error_messages and field.error_messages[code] is defaults.get(code)}}


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
        """The dates' order is the round's own constraints (reviews.models.Round)."""
        data = super().clean()
        if data.get("letter_date") and data.get("due_on"):
            dates = Round(letter_date=data["letter_date"], due_on=data["due_on"], locked_after=data.get("locked_after"))
            self.check_rule(dates.validate_constraints, exclude={"province", "reference_number"})
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
        choices_from(self.fields["subdistrict"], lambda: tambons_of(district.pk))


class SubmitForm(ThaiForm):
    # What is missing is said in the submit service's words (reviews.services.SUBMIT_REQUIRED).
    signer_role = forms.ChoiceField(label="ผู้ลงนามในหนังสือของอำเภอ", choices=Submission.SignerRole.choices,
                                    widget=forms.RadioSelect,
                                    error_messages={"required": SUBMIT_REQUIRED["signer_role"]})
    signer_name = forms.CharField(label="ชื่อผู้ลงนาม", max_length=200,
                                  error_messages={"required": SUBMIT_REQUIRED["signer_name"]})
    signer_position = forms.CharField(label="ตำแหน่งผู้ลงนาม", max_length=200,
                                      error_messages={"required": SUBMIT_REQUIRED["signer_position"]})
    letter_number = forms.CharField(label="เลขที่หนังสือของอำเภอ", max_length=100,
                                    widget=forms.TextInput(attrs={"placeholder": "ลป 0019.1/"}),
                                    error_messages={"required": SUBMIT_REQUIRED["letter_number"]})
    letter_date = ThaiDateField(label="ลงวันที่", error_messages={"required": SUBMIT_REQUIRED["letter_date"]})


class ReturnForm(ThaiForm):
    reason = forms.CharField(label="เหตุผลที่ส่งกลับให้อำเภอแก้ไข", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": RETURN_REASON_REQUIRED})  # blank after strip too


class SheetUploadForm(ThaiForm):
    """The file itself is checked by the upload guard (reviews.sheets.store_upload), from its bytes."""

    file = forms.FileField(label="ไฟล์แบบทบทวน (.xlsx, .xls, .ods หรือ .csv)",
                           error_messages={"required": forms.FileField.default_error_messages["missing"]})


class FollowUpVisitForm(ThaiForm):
    visited_on = ThaiDateField(label="วันที่ติดตาม")
    outcome = forms.ChoiceField(label="ผลการติดตาม", choices=FollowUpVisit.Outcome.choices, widget=forms.RadioSelect,
                                error_messages={"invalid_choice": "กรุณาเลือกผลการติดตามจากรายการ"})
    next_follow_up_on = ThaiDateField(label="ติดตามครั้งถัดไปวันที่ (เมื่อยังอยู่ระหว่างปรับปรุงแก้ไข)",
                                      required=False)
    note = forms.CharField(label="บันทึกการติดตาม", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="สิ่งที่พบ และเหตุผลเมื่อกลุ่มไม่ประสงค์ดำเนินการตามระเบียบฯ")

    def clean(self):
        """Every missing detail at once, by the visit's own rules (reviews.follow_up.visit_errors)."""
        data = super().clean()
        self.check_rule(follow_up.check_visit_details, visited_on=data.get("visited_on"),
                        outcome=data.get("outcome"), note=(data.get("note") or "").strip(),
                        next_follow_up_on=data.get("next_follow_up_on"))
        return data


class FollowUpRemoveForm(ThaiForm):
    reason = forms.CharField(label="เหตุผลที่นำกลุ่มออกจากฐานข้อมูล", widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": follow_up.REMOVE_REASON_REQUIRED})


class FollowUpFilterForm(ThaiForm):
    status = forms.ChoiceField(label="สถานะการติดตาม", required=False,
                               choices=[("", "ทุกสถานะ")] + list(FollowUpStatus.choices))
    overdue = forms.ChoiceField(label="กำหนดติดตาม", required=False,
                                choices=[("", "ทั้งหมด"), ("on", "เฉพาะที่เลยกำหนดติดตาม")])
    district = forms.CharField(required=False, widget=forms.HiddenInput)
