from django import forms

from accounts import scope
from core import text
from core.forms import CleanTextMixin, ThaiDateField, ThaiDecimalField
from geo.models import MOO_RANGE, MOO_REQUIRED, Subdistrict, Village
from groups.models import Activity, ActivityType, SavingsGroup

NOT_NEGATIVE = {"min_value": "จำนวนต้องไม่ติดลบ", "invalid": "กรุณากรอกเป็นตัวเลขจำนวนเต็ม"}


class GroupForm(CleanTextMixin, forms.ModelForm):
    """A group's fields as an officer fills them; the village is tambon + moo number + name."""

    subdistrict = forms.ModelChoiceField(
        label="ตำบล", queryset=Subdistrict.objects.none(), empty_label="เลือกตำบล",
        error_messages={"invalid_choice": "ตำบลนี้ไม่อยู่ในเขตพื้นที่ที่ท่านดูแล", "required": "กรุณาเลือกตำบล"},
    )
    moo = forms.IntegerField(
        label="หมู่ที่", min_value=1, max_value=99,
        error_messages={"min_value": MOO_RANGE, "max_value": MOO_RANGE,
                        "required": MOO_REQUIRED, "invalid": "หมู่ที่ต้องเป็นตัวเลข"},
    )
    village_name = forms.CharField(label="ชื่อหมู่บ้าน", max_length=150, required=False,
                                   help_text="จำเป็นเมื่อเป็นหมู่บ้านที่ยังไม่มีในทะเบียน")
    founded_on = ThaiDateField(label="วันที่จัดตั้ง", required=False)
    figures_as_of = ThaiDateField(label="ข้อมูล ณ วันที่", required=False)
    savings_balance = ThaiDecimalField(label="เงินสัจจะสะสม (บาท)", max_digits=14, decimal_places=2, min_value=0,
                                       initial=0, error_messages={"required": "กรุณากรอกเงินสัจจะสะสม (ไม่มีให้กรอก 0)"})
    loans_outstanding = ThaiDecimalField(label="เงินให้กู้คงค้าง (บาท)", max_digits=14, decimal_places=2, min_value=0,
                                         initial=0, error_messages={"required": "กรุณากรอกเงินให้กู้คงค้าง (ไม่มีให้กรอก 0)"})
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # The order the page shows them, so the error summary lists fields top to bottom.
    field_order = [
        "code", "name", "subdistrict", "moo", "village_name", "founded_on", "under_regulation", "members_total",
        "members_men", "members_women", "savings_balance", "loans_outstanding", "figures_as_of", "chair_name",
        "chair_phone", "officer_name",
    ]

    class Meta:
        model = SavingsGroup
        fields = [
            "code", "name", "founded_on", "under_regulation", "members_total", "members_men", "members_women",
            "savings_balance", "loans_outstanding", "figures_as_of", "chair_name", "chair_phone", "officer_name",
        ]
        error_messages = {
            "code": {"required": "กรุณากรอกรหัสกลุ่ม"},
            "name": {"required": "กรุณากรอกชื่อกลุ่ม"},
            "members_total": {**NOT_NEGATIVE, "required": "กรุณากรอกจำนวนสมาชิก"},
            "members_men": NOT_NEGATIVE,
            "members_women": NOT_NEGATIVE,
        }

    def __init__(self, *args, user, villages_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        if villages_url:
            # Choosing a tambon lists its villages already in the registry (htmx; without
            # JavaScript the list shows the tambon the form opened with).
            self.fields["subdistrict"].widget.attrs.update({
                "hx-get": villages_url, "hx-trigger": "change", "hx-target": "#villages", "hx-swap": "outerHTML",
                "hx-include": "this",
            })
        self.fields["subdistrict"].queryset = (
            Subdistrict.objects.filter(district__in=scope.districts_visible_to(user)).select_related("district")
        )
        if user.is_district_staff:
            self.fields["subdistrict"].label_from_instance = lambda s: s.name_th
        else:
            self.fields["subdistrict"].label_from_instance = lambda s: f"{s.name_th} (อ.{s.district.name_th})"
        for name in ("members_total", "members_men", "members_women"):
            self.fields[name].widget.attrs["min"] = 0
        self.fields["moo"].widget.attrs.update(min=1, max=99)
        if self.instance.pk:
            village = self.instance.village
            self.initial.setdefault("subdistrict", village.subdistrict_id)
            self.initial.setdefault("moo", village.moo)
            self.initial.setdefault("village_name", village.name)
            self.initial.setdefault("version", self.instance.version)

    def clean_code(self):
        return text.clean_code(self.cleaned_data["code"])

    def chosen_subdistrict(self):
        """The tambon the form currently points at (posted or initial), for the village list."""
        value = self["subdistrict"].value()
        if not value:
            return None
        return self.fields["subdistrict"].queryset.filter(pk=value).first()

    def existing_villages(self):
        """The villages of the chosen tambon already in the registry, for the village picker."""
        subdistrict = self.chosen_subdistrict()
        return list(Village.objects.filter(subdistrict=subdistrict)) if subdistrict else []

    def clean(self):
        cleaned = super().clean()
        subdistrict, moo = cleaned.get("subdistrict"), cleaned.get("moo")
        if subdistrict and moo and not cleaned.get("village_name"):
            if not subdistrict.villages.filter(moo=moo).exists():
                self.add_error("village_name", Village.name_required(moo, subdistrict.name_th))
        return cleaned

    def _post_clean(self):
        # When the total itself is not a valid number, the model's "men + women > total" check
        # compares against the unchanged old total; that second message would only confuse.
        own_errors = len(self._errors.get("members_total", []))
        super()._post_clean()
        if own_errors:
            del self._errors["members_total"].data[own_errors:]

    def service_data(self) -> dict:
        """What the group services take: the model fields plus the village's parts."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data.update(subdistrict=self.cleaned_data["subdistrict"], moo=self.cleaned_data["moo"],
                    village_name=self.cleaned_data["village_name"])
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(label="เหตุผลที่ยกเลิก", widget=forms.Textarea,
                             error_messages={"required": "กรุณาระบุเหตุผลที่ยกเลิกกลุ่ม"})


class RestoreForm(forms.Form):
    reason = forms.CharField(label="เหตุผลที่คืนสถานะ", widget=forms.Textarea,
                             error_messages={"required": "กรุณาระบุเหตุผลที่คืนสถานะกลุ่ม"})


class ActivityForm(CleanTextMixin, forms.ModelForm):
    started_on = ThaiDateField(label="วันที่เริ่ม", required=False)
    capital = ThaiDecimalField(label="ทุนดำเนินการ (บาท)", max_digits=14, decimal_places=2, min_value=0,
                               initial=0, error_messages={"required": "กรุณากรอกทุนดำเนินการ (ไม่มีให้กรอก 0)"})

    class Meta:
        model = Activity
        fields = ["activity_type", "name", "started_on", "capital", "members_taking_part", "status"]
        error_messages = {
            "activity_type": {"required": "กรุณาเลือกประเภทกิจกรรม"},
            "name": {"required": "กรุณากรอกชื่อกิจกรรม"},
            "members_taking_part": {**NOT_NEGATIVE, "required": "กรุณากรอกจำนวนสมาชิกที่เข้าร่วม"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity_type"].queryset = ActivityType.objects.filter(is_active=True)
        self.fields["activity_type"].empty_label = "เลือกประเภท"
        self.fields["members_taking_part"].widget.attrs["min"] = 0
