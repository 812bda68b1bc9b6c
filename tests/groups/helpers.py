"""Helpers for the group tests: form payloads and a snapshot that proves nothing was written."""

from geo.models import Village
from groups.models import Activity, ActivityType, GroupChange, SavingsGroup


def group_form_data(group=None, **overrides):
    """The POST body of the group form, from an existing group (edit) or a new one (create)."""
    if group is not None:
        data = {
            "code": group.code, "name": group.name, "subdistrict": group.village.subdistrict_id,
            "moo": group.village.moo, "village_name": group.village.name,
            "founded_on": group.founded_on.strftime("%d/%m/") + str(group.founded_on.year + 543)
            if group.founded_on else "",
            "members_total": group.members_total, "members_men": group.members_men or "",
            "members_women": group.members_women or "", "savings_balance": str(group.savings_balance),
            "loans_outstanding": str(group.loans_outstanding),
            "figures_as_of": group.figures_as_of.isoformat() if group.figures_as_of else "",
            "chair_name": group.chair_name, "chair_phone": group.chair_phone, "officer_name": group.officer_name,
            "version": group.version,
        }
        if group.under_regulation:
            data["under_regulation"] = "on"
    else:
        data = {
            "code": "5201019901", "name": "กลุ่มออมทรัพย์เพื่อการผลิตบ้านใหม่พัฒนา", "subdistrict": "520101",
            "moo": 9, "village_name": "บ้านใหม่พัฒนา", "founded_on": "15/03/2530", "under_regulation": "on",
            "members_total": 120, "members_men": 50, "members_women": 70, "savings_balance": "1,234,567.50",
            "loans_outstanding": "800,000", "figures_as_of": "30 ก.ย. 2567", "chair_name": "นางสมศรี ใจดี",
            "chair_phone": "0812345678", "officer_name": "นายพัฒนา ชุมชน",
        }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def activity_form_data(**overrides):
    data = {
        "activity_type": ActivityType.objects.get(name="กองทุนสวัสดิการ").pk, "name": "กองทุนสวัสดิการสมาชิก",
        "started_on": "1 ต.ค. 2565", "capital": "45,000.00", "members_taking_part": 40, "status": "running",
    }
    data.update(overrides)
    return data


def database_state():
    """Everything a group view could write, as comparable values."""
    return {
        "groups": list(SavingsGroup.objects.order_by("pk").values_list(
            "pk", "code", "name", "version", "status", "village_id", "members_total", "savings_balance")),
        "activities": list(Activity.objects.order_by("pk").values_list("pk", "name", "capital", "status")),
        "changes": GroupChange.objects.count(),
        "villages": list(Village.objects.order_by("code").values_list("code", "name")),
    }
