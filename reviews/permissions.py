"""Who may do what in a review round. Reading goes through `visible_to(user)` (else 404); these
guards decide the writes and raise PermissionDenied (a 403 with a Thai message)."""

from django.core.exceptions import PermissionDenied

from accounts import scope


def is_district_officer_for(user, district_id) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.office_id and user.is_district_staff
                and user.office.district_id == district_id)


def require_district_officer(user, submission):
    if not is_district_officer_for(user, submission.district_id):
        raise PermissionDenied("เฉพาะเจ้าหน้าที่สำนักงานพัฒนาชุมชนอำเภอนี้เท่านั้นที่จัดประเภทและส่งผลการทบทวนได้")


def is_province_reviewer_for(user, province_id) -> bool:
    return scope.is_province_staff_for(user, province_id)


def require_province_reviewer(user, province_id):
    if not is_province_reviewer_for(user, province_id):
        raise PermissionDenied("เฉพาะเจ้าหน้าที่สำนักงานพัฒนาชุมชนจังหวัดเท่านั้นที่ดำเนินการนี้ได้")


def can_open_round(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.office_id and user.is_province_staff)
