from django import forms

from printing import registry, services


class ScanForm(forms.Form):
    scan = forms.FileField(
        label="ไฟล์สแกนเอกสารที่ลงนามแล้ว (PDF, JPEG หรือ PNG)",
        error_messages={"required": forms.FileField.default_error_messages["missing"]},  # locale/th
    )

    def clean_scan(self):
        upload = self.cleaned_data["scan"]
        self.content_type = services.check_scan(upload)
        return upload


class BatchForm(forms.Form):
    kind = forms.ChoiceField(label="เอกสาร")
    area = forms.ChoiceField(label="พื้นที่")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(p.code, p.label) for p in registry.batchable()]
        districts = list(services.areas_for(user))
        choices = []
        provinces = {}
        for district in districts:
            provinces.setdefault(district.province_id, district.province)
        for province in provinces.values():
            if services.may_print_area(user, province=province):
                choices.append((f"p{province.pk}", f"ทั้งจังหวัด{province.name_th}"))
        choices += [(f"d{d.pk}", f"{d.display_name} จังหวัด{d.province.name_th}") for d in districts]
        self.fields["area"].choices = choices
        self._districts = {d.pk: d for d in districts}
        self._provinces = provinces

    def chosen_area(self):
        """(province, district): one of them set."""
        value = self.cleaned_data["area"]
        if value.startswith("p"):
            return self._provinces[value[1:]], None
        return None, self._districts[value[1:]]


class SigningCertificateForm(forms.ModelForm):
    """A national administrator uploads an office's PKCS#12; it must open with the passphrase."""

    MAX_BYTES = 100_000  # a certificate with its chain is a few kilobytes

    certificate = forms.FileField(label="ไฟล์ใบรับรอง (.p12 หรือ .pfx)",
                                  error_messages={"required": "กรุณาเลือกไฟล์ใบรับรอง"})
    passphrase = forms.CharField(label="รหัสผ่านของไฟล์ใบรับรอง", required=False, strip=False,
                                 widget=forms.PasswordInput(render_value=False))

    class Meta:
        from printing.models import SigningCertificate

        model = SigningCertificate
        fields = ["office"]

    def clean(self):
        from printing import signing

        cleaned = super().clean()
        upload = cleaned.get("certificate")
        if upload is None:
            return cleaned
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("ไฟล์ใบรับรองใหญ่เกินไป (ไม่เกิน 100 KB)")
        self.content = upload.read()
        signing.read_pkcs12(self.content, cleaned.get("passphrase") or "")
        return cleaned
