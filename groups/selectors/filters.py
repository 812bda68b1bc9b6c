"""The group list's search, filters and sort: shared by the list page and its spreadsheet export."""

from django import forms
from django.db.models import Q

from accounts import scope
from core.forms import choices_from
from core.text import clean_code, clean_text
from geo.models import Province, Subdistrict, Village
from geo.selectors import tambons_of
from groups.models import SavingsGroup

SORTS = {
    "code": ("code", "รหัสกลุ่ม"),
    "name": ("name", "ชื่อกลุ่ม"),
    "village": ("village__code", "หมู่บ้าน"),
    "members": ("-members_total", "สมาชิกมากไปน้อย"),
    "savings": ("-savings_balance", "เงินสัจจะมากไปน้อย"),
    "updated": ("-updated_at", "แก้ไขล่าสุด"),
}
STATUS_ALL = "all"


class GroupFilterForm(forms.Form):
    q = forms.CharField(label="ค้นหา", required=False,
                        widget=forms.TextInput(attrs={"placeholder": "ชื่อหรือรหัสกลุ่ม", "type": "search"}))
    province = forms.ModelChoiceField(label="จังหวัด", queryset=None, required=False, empty_label="ทุกจังหวัด")
    district = forms.ModelChoiceField(label="อำเภอ", queryset=None, required=False, empty_label="ทุกอำเภอ")
    subdistrict = forms.ModelChoiceField(label="ตำบล", queryset=None, required=False, empty_label="ทุกตำบล")
    village = forms.ModelChoiceField(label="หมู่บ้าน", queryset=None, required=False, empty_label="ทุกหมู่บ้าน")
    status = forms.ChoiceField(
        label="สถานะ", required=False,
        choices=[("", "ดำเนินการอยู่"), ("cancelled", "ยกเลิก"), ("removed", "นำออกจากฐานข้อมูล"), (STATUS_ALL, "ทุกสถานะ")],
    )
    regulation = forms.ChoiceField(
        label="ตามระเบียบฯ 2555", required=False, choices=[("", "ทั้งหมด"), ("yes", "ดำเนินการตามระเบียบ"), ("no", "ไม่ได้ดำเนินการตามระเบียบ")]
    )
    sort = forms.ChoiceField(label="เรียงตาม", required=False, choices=[(k, v[1]) for k, v in SORTS.items()])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        districts = scope.districts_visible_to(user)
        data = self.data.copy() if self.is_bound else {}
        # National staff choose a province first: the amphoe list then holds that province's
        # amphoe only and the tambon list that amphoe's tambon (the whole country's 879 amphoe and
        # 7,257 tambon made the page 739 KB). A choice left over from another province, amphoe or
        # tambon is dropped rather than reported.
        national = user.is_national_staff
        if national:
            self.fields["province"].queryset = Province.objects.filter(
                pk__in=districts.values("province_id")).order_by("name_th")
            if data.get("province") and self.fields["province"].queryset.filter(pk=data["province"]).exists():
                districts = districts.filter(province_id=data["province"])
            else:
                data.pop("province", None)
                districts = districts.none()
                data.pop("district", None)
                self.fields["district"].empty_label = "เลือกจังหวัดก่อน"
        else:
            del self.fields["province"]
        self.fields["district"].queryset = districts
        subdistricts = Subdistrict.objects.filter(district__in=districts)
        if user.is_district_staff:
            del self.fields["district"]
        else:  # each tambon is named with its amphoe, which comes in the same query
            subdistricts = subdistricts.select_related("district")
            self.fields["subdistrict"].label_from_instance = lambda s: f"{s.name_th} (อ.{s.district.name_th})"
        if data.get("district") and not districts.filter(pk=data["district"]).exists():
            data.pop("district")
        if national and not data.get("district"):
            subdistricts = subdistricts.none()
            data.pop("subdistrict", None)
            self.fields["subdistrict"].empty_label = "เลือกอำเภอก่อน"
        if data.get("district"):
            subdistricts = subdistricts.filter(district_id=data["district"])
            if data.get("subdistrict") and not subdistricts.filter(pk=data["subdistrict"]).exists():
                data.pop("subdistrict")
        self.fields["subdistrict"].queryset = subdistricts
        if user.is_district_staff:  # the officer's own amphoe: the same tambon, read as prepared
            choices_from(self.fields["subdistrict"], lambda: tambons_of(user.office.district_id))
        if data.get("subdistrict"):
            villages = Village.objects.filter(subdistrict__district__in=districts, subdistrict_id=data["subdistrict"])
            if data.get("village") and not villages.filter(pk=data["village"]).exists():
                data.pop("village")
        else:
            villages = Village.objects.none()
            data.pop("village", None)
            self.fields["village"].empty_label = "เลือกตำบลก่อน"
        self.fields["village"].queryset = villages
        if self.is_bound:
            self.data = data

    def status_only(self):
        """The status chosen (a status, or STATUS_ALL) when nothing else narrows the list, else
        None: the list page then counts and sums its matches from the figures it reads of the
        whole area (two queries fewer). Mirrors filter() below, invalid data included."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if any(data.get(name) for name in ("q", "province", "district", "subdistrict", "village")) \
                or data.get("regulation") in ("yes", "no"):
            return None
        return data.get("status") or SavingsGroup.Status.ACTIVE

    def opens_first_page(self, page_number: int):
        """Whether the list shows its first page of one status in code order, nothing else chosen:
        the page that opens when an officer comes to the list (groups.selectors.rows.first_page)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return page_number == 1 and self.status_only() not in (None, STATUS_ALL) \
            and (data.get("sort") or "code") == "code"

    def filter(self, queryset):
        """Applies the valid filters; an invalid value (a tambon outside the area) filters nothing out
        but is reported by the form."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        # The query in the same normal form as stored names (core.text): a name pasted with
        # invisible characters or typed with its marks out of order still finds the group.
        query = clean_text(data.get("q"))
        if query:
            queryset = queryset.filter(Q(name__icontains=query) | Q(code__icontains=clean_code(query)))
        if data.get("province"):
            queryset = queryset.filter(district__province=data["province"])
        if data.get("district"):
            queryset = queryset.filter(district=data["district"])
        if data.get("subdistrict"):
            queryset = queryset.filter(village__subdistrict=data["subdistrict"])
        if data.get("village"):
            queryset = queryset.filter(village=data["village"])
        queryset = with_status(queryset, data.get("status") or SavingsGroup.Status.ACTIVE)
        if data.get("regulation") in ("yes", "no"):
            queryset = queryset.filter(under_regulation=data["regulation"] == "yes")
        return ordered(queryset, data.get("sort"))


def with_status(queryset, status):
    """The groups of that status (STATUS_ALL: of every status)."""
    return queryset if status == STATUS_ALL else queryset.filter(status=status)


def ordered(queryset, sort):
    """In the order of the list's sort (by code when none is chosen), ties by code."""
    return queryset.order_by(SORTS.get(sort or "code", SORTS["code"])[0], "code")


def filtered_groups(user, params):
    """The groups a user sees with the list's filters applied, ready for a page or an export."""
    form = GroupFilterForm(params or None, user=user)
    return form, form.filter(SavingsGroup.objects.visible_to(user))
