"""Forms of the networks pages. They read input; the rules and writes are in rules/services."""

from django import forms
from django.core.exceptions import ValidationError

from core import thai
from core.forms import RuleMessagesMixin, ThaiDateField, ThaiDecimalField
from networks.models import (
    BankAccount,
    FundEntry,
    Level,
    SeatHolder,
    Signatory,
    fiscal_year_be,
    validate_national_id,
)
from networks.models.committees import ORDER_YEAR_REQUIRED
from networks.models.money import signatory_required
from networks.services.corrections import CORRECTION_REASON_REQUIRED
from networks.services.funds import EDIT_REASON_REQUIRED, VOID_REASON_REQUIRED


class NetworkForm(forms.Form):
    name = forms.CharField(label="ชื่อเครือข่าย", max_length=255)
    bylaws_announced_on = ThaiDateField(label="วันที่ประกาศระเบียบเครือข่าย", required=False)


class MemberGroupsForm(forms.Form):
    groups = forms.ModelMultipleChoiceField(
        label="กลุ่มสมาชิก", queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        from groups.models import SavingsGroup

        self.fields["groups"].queryset = (
            SavingsGroup.objects.filter(village__subdistrict_id=network.subdistrict_id)
            .select_related("village").order_by("village__moo", "code")
        )
        self.fields["groups"].label_from_instance = (
            lambda g: f"หมู่ที่ {g.village.moo} {g.name} ({g.code})" + ("" if g.is_active else f" — {g.get_status_display()}")
        )


class CommitteeCreateForm(forms.Form):
    term_start = ThaiDateField(label="วันเริ่มวาระ")
    adviser_name = forms.CharField(label="ที่ปรึกษา (เจ้าหน้าที่พัฒนาชุมชน)", max_length=200, required=False)
    adviser_position = forms.CharField(label="ตำแหน่งที่ปรึกษา", max_length=200, required=False)


class CommitteeDetailsForm(forms.Form):
    term_start = ThaiDateField(label="วันเริ่มวาระ")
    adviser_name = forms.CharField(label="ที่ปรึกษา (เจ้าหน้าที่พัฒนาชุมชน)", max_length=200, required=False)
    adviser_position = forms.CharField(label="ตำแหน่งที่ปรึกษา", max_length=200, required=False)
    order_number = forms.IntegerField(label="เลขที่คำสั่ง", min_value=1, required=False,
                                      help_text="ลำดับคำสั่งของอำเภอในปีนั้น เช่น 12 ในคำสั่งที่ 12/2569")
    order_year = forms.IntegerField(label="ปี พ.ศ. ของคำสั่ง", min_value=2500, max_value=2700, required=False,
                                    help_text="เว้นว่างได้ ระบบใช้ปีของวันที่สั่ง")
    order_date = ThaiDateField(label="วันที่สั่ง", required=False)
    signer_name = forms.CharField(label="ผู้ลงนามคำสั่ง", max_length=200, required=False)
    signer_position = forms.CharField(label="ตำแหน่งผู้ลงนาม", max_length=200, required=False)
    signer_acting_for_chief = forms.BooleanField(
        label="ลงนามปฏิบัติราชการแทนนายอำเภอ (ผู้ลงนามเป็นปลัดอำเภอหรือผู้ได้รับมอบหมาย)", required=False,
    )

    def clean(self):
        data = super().clean()
        year = data.get("order_year")
        if year is not None:
            data["order_year"] = thai.year_to_ce(year) + 543 if year < 2400 else year
        if data.get("order_number") and not (data.get("order_year") or data.get("order_date")):
            self.add_error("order_year", ORDER_YEAR_REQUIRED)
        return data


class SeatForm(forms.Form):
    """One row of the committee's seat table. An empty row is skipped; clearing a name removes
    that person."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    seat_kind = forms.TypedChoiceField(label="ตำแหน่ง", coerce=int)
    title = forms.ChoiceField(label="คำนำหน้า", choices=[("", "—")] + [(t, t) for t in SeatHolder.TITLES], required=False)
    first_name = forms.CharField(label="ชื่อ", max_length=100, required=False)
    last_name = forms.CharField(label="นามสกุล", max_length=100, required=False)
    represents = forms.TypedChoiceField(label="ผู้แทนของ", coerce=int, required=False, empty_value=None)
    phone = forms.CharField(label="โทรศัพท์", max_length=30, required=False)
    national_id = forms.CharField(label="เลขประจำตัวประชาชน", max_length=20, required=False)

    def __init__(self, *args, seat_choices=(), represents_choices=(), represents_label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seat_kind"].choices = seat_choices
        self.fields["represents"].choices = [("", "—")] + list(represents_choices)
        self.fields["represents"].label = represents_label
        for name in ["first_name", "last_name", "phone", "national_id"]:
            self.fields[name].widget.attrs["aria-label"] = self.fields[name].label

    @property
    def is_blank(self):
        data = getattr(self, "cleaned_data", {})
        return not (data.get("first_name") or "").strip() and not (data.get("last_name") or "").strip()

    def clean_national_id(self):
        value = thai.to_arabic_digits(self.cleaned_data.get("national_id") or "").replace("-", "").replace(" ", "")
        validate_national_id(value)
        return value

    def clean(self):
        data = super().clean()
        if self.is_blank:
            return data
        if not (data.get("first_name") or "").strip():
            self.add_error("first_name", "กรุณากรอกชื่อ")
        if not (data.get("last_name") or "").strip():
            self.add_error("last_name", "กรุณากรอกนามสกุล")
        if not data.get("title"):
            self.add_error("title", "กรุณาเลือกคำนำหน้า")
        return data

    def row(self, level):
        """The service's dict for this row (None for a blank row)."""
        data = self.cleaned_data
        if self.is_blank:
            return None
        represents = data.get("represents")
        return {
            "id": data.get("id"), "seat_kind_id": data["seat_kind"], "title": data["title"],
            "first_name": data["first_name"].strip(), "last_name": data["last_name"].strip(),
            "group_id": represents if level == Level.TAMBON else None,
            "tambon_network_id": represents if level == Level.AMPHOE else None,
            "phone": data.get("phone", "").strip(), "national_id": data.get("national_id", ""),
        }

    def draft_holder(self, level):
        """An unsaved SeatHolder from whatever of this row is readable, for the live rule check."""
        data = getattr(self, "cleaned_data", {})
        represents = data.get("represents")
        return SeatHolder(
            seat_kind_id=data.get("seat_kind"), title=data.get("title") or "", first_name=data.get("first_name") or "",
            last_name=data.get("last_name") or "", national_id=data.get("national_id") or "",
            group_id=represents if level == Level.TAMBON else None,
            tambon_network_id=represents if level == Level.AMPHOE else None,
        )


SeatFormSet = forms.formset_factory(SeatForm, extra=0, max_num=80, absolute_max=80)


class HolderCorrectionForm(RuleMessagesMixin, forms.Form):
    """One person of an appointed committee: only the spelling and contact fields are here."""

    id = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.ChoiceField(label="คำนำหน้า", choices=[(t, t) for t in SeatHolder.TITLES])
    first_name = forms.CharField(label="ชื่อ", max_length=100)  # "กรุณากรอกชื่อ" from the label (the mixin)
    last_name = forms.CharField(label="นามสกุล", max_length=100)
    phone = forms.CharField(label="โทรศัพท์", max_length=30, required=False)
    national_id = forms.CharField(label="เลขประจำตัวประชาชน", max_length=20, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["first_name", "last_name", "phone", "national_id"]:
            self.fields[name].widget.attrs["aria-label"] = self.fields[name].label

    def clean_national_id(self):
        value = thai.to_arabic_digits(self.cleaned_data.get("national_id") or "").replace("-", "").replace(" ", "")
        validate_national_id(value)
        return value


HolderCorrectionFormSet = forms.formset_factory(HolderCorrectionForm, extra=0, max_num=80, absolute_max=80)


class CorrectionReasonForm(forms.Form):
    reason = forms.CharField(label="เหตุผลที่แก้ไข", max_length=255, help_text="เช่น สะกดนามสกุลผิดจากบัตรประชาชน",
                             error_messages={"required": CORRECTION_REASON_REQUIRED})


class RepresentativesForm(forms.Form):
    member = forms.ModelChoiceField(label="กรรมการอีก 1 คน", queryset=SeatHolder.objects.none(), empty_label="— เลือกกรรมการ —")

    def __init__(self, *args, committee, chair, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = committee.holders.select_related("seat_kind").order_by("seat_kind__order", "position")
        if chair:
            queryset = queryset.exclude(pk=chair.pk)
        self.fields["member"].queryset = queryset
        self.fields["member"].label_from_instance = lambda h: f"{h.full_name} ({h.seat_kind.title})"


class BankAccountForm(forms.Form):
    bank = forms.ChoiceField(label="ธนาคาร", choices=BankAccount.Bank.choices)
    bank_other = forms.CharField(label="ชื่อสถาบันการเงิน (กรณีอื่น)", max_length=200, required=False)
    branch = forms.CharField(label="สาขา", max_length=200, required=False)
    account_name = forms.CharField(label="ชื่อบัญชี", max_length=255)
    account_number = forms.CharField(label="เลขที่บัญชี", max_length=30)

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        holders = list(committee.holders.select_related("seat_kind")) if committee else []
        from networks.services import SIGNATORY_SEATS

        for role, seat in SIGNATORY_SEATS.items():
            choices = [(h.pk, h.full_name) for h in holders if h.seat_kind.code == seat]
            self.fields[f"signatory_{role.replace('-', '_')}"] = forms.TypedChoiceField(
                label=f"ผู้ลงนาม: {Signatory.Role(role).label}", coerce=int,
                choices=[("", "— เลือก —")] + choices,
                error_messages={"required": signatory_required(role)},
            )
        self.holders = {h.pk: h for h in holders}

    def clean_account_number(self):
        value = thai.to_arabic_digits(self.cleaned_data["account_number"]).strip()
        if not value.replace("-", "").isdigit():
            raise ValidationError("เลขที่บัญชีต้องเป็นตัวเลข (มีขีดคั่นได้)")
        return value

    def signatories(self):
        from networks.services import SIGNATORY_SEATS

        return {role: self.holders.get(self.cleaned_data.get(f"signatory_{role.replace('-', '_')}")) for role in SIGNATORY_SEATS}


class FundEntryForm(RuleMessagesMixin, forms.Form):
    kind = forms.ChoiceField(label="ประเภท", choices=FundEntry.Kind.choices)
    source = forms.ChoiceField(label="แหล่งที่มา (รายรับ)", choices=[("", "—")] + FundEntry.Source.choices, required=False)
    occurred_on = ThaiDateField(label="วันที่")
    description = forms.CharField(label="รายการ", max_length=255)
    amount = ThaiDecimalField(label="จำนวนเงิน (บาท)", max_digits=14, decimal_places=2, min_value=0.01)
    resolution = forms.CharField(label="มติที่ประชุมคณะกรรมการที่อนุมัติ (รายจ่าย)", max_length=255, required=False,
                                 help_text="เช่น มติที่ประชุมคณะกรรมการ ครั้งที่ 3/2569 วันที่ 15 ม.ค. 2569")

    def clean(self):
        """An income's source and a spending's resolution: FundEntry.clean's rules and words."""
        data = super().clean()
        entry = FundEntry(kind=data.get("kind") or "", source=data.get("source") or "",
                          resolution=data.get("resolution") or "")
        self.check_rule(entry.clean)
        if data.get("kind") == FundEntry.Kind.SPENDING:
            data["source"] = ""
        return data


class FundEntryCorrectionForm(FundEntryForm):
    reason = forms.CharField(label="เหตุผลที่แก้ไข", max_length=255,
                             help_text="เช่น พิมพ์จำนวนเงินผิด ตรงกับใบเสร็จเลขที่ ...",
                             error_messages={"required": EDIT_REASON_REQUIRED})


class FundEntryVoidForm(forms.Form):
    reason = forms.CharField(label="เหตุผลที่ยกเลิก", max_length=255, help_text="เช่น บันทึกซ้ำกับรายการวันที่ ...",
                             error_messages={"required": VOID_REASON_REQUIRED})


class PlanCreateForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label="ปีงบประมาณ", coerce=int)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        current = fiscal_year_be(today)
        self.fields["fiscal_year"].choices = [(y, f"ปีงบประมาณ พ.ศ. {y}") for y in range(current - 1, current + 2)]
        self.fields["fiscal_year"].initial = current


class PlanActivityForm(forms.Form):
    name = forms.CharField(label="กิจกรรม", max_length=255, required=False)
    objective = forms.CharField(label="วัตถุประสงค์", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    month = forms.TypedChoiceField(label="เดือน", coerce=int, required=False, empty_value=None)
    budget = ThaiDecimalField(label="งบประมาณ (บาท)", max_digits=14, decimal_places=2, min_value=0, required=False)
    responsible = forms.CharField(label="ผู้รับผิดชอบ", max_length=255, required=False)

    def __init__(self, *args, month_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [("", "—")] + list(month_choices)

    def clean(self):
        data = super().clean()
        if not (data.get("name") or "").strip():
            return data
        for name, message in [("objective", "กรุณาระบุวัตถุประสงค์"), ("month", "กรุณาเลือกเดือน"),
                              ("responsible", "กรุณาระบุผู้รับผิดชอบ")]:
            if not data.get(name):
                self.add_error(name, message)
        return data

    def row(self):
        data = self.cleaned_data
        if not (data.get("name") or "").strip():
            return None
        return {"name": data["name"].strip(), "objective": data["objective"].strip(), "month": data["month"],
                "budget": data.get("budget") or 0, "responsible": data["responsible"].strip()}


PlanActivityFormSet = forms.formset_factory(PlanActivityForm, extra=0, max_num=60, absolute_max=60)


class ReturnPlanForm(forms.Form):
    reason = forms.CharField(label="เหตุผลที่ส่งกลับ", widget=forms.Textarea(attrs={"rows": 3}))

