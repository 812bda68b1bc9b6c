"""Who sees and changes what, by area. Every `visible_to(user)` is built from `area_q`.

District staff: their district. Provincial staff: their province. National staff: everything,
read only. A user with no office sees nothing.
"""

from django.db.models import Q

from accounts.models import Office

NOTHING = Q(pk__in=[])


def area_q(user, district_path: str) -> Q:
    """Filter for records whose district is reached by `district_path` (e.g. "district" or
    "group__district"), limited to the user's area."""
    if not getattr(user, "is_authenticated", False) or not user.office_id:
        return NOTHING
    office = user.office
    if office.level == Office.Level.NATIONAL:
        return Q()
    if office.level == Office.Level.PROVINCE:
        return Q(**{f"{district_path}__province": office.province_id})
    return Q(**{district_path: office.district_id})


def in_area(user, district) -> bool:
    """Whether a district lies inside the user's area (reading)."""
    if not getattr(user, "is_authenticated", False) or not user.office_id or district is None:
        return False
    office = user.office
    if office.level == Office.Level.NATIONAL:
        return True
    if office.level == Office.Level.PROVINCE:
        return district.province_id == office.province_id
    return district.pk == office.district_id


def may_write_registry(user) -> bool:
    """District and provincial staff keep the registry (each in their area); national staff read
    only. Whether a given district's records may be changed is `can_edit_district`."""
    return bool(getattr(user, "is_authenticated", False) and (user.is_district_staff or user.is_province_staff))


def can_edit_district(user, district) -> bool:
    """District staff keep their own district's records; provincial staff may too for their
    province (they correct and restore); national staff read only."""
    if not in_area(user, district):
        return False
    return user.office.level in (Office.Level.DISTRICT, Office.Level.PROVINCE)


def is_province_staff_for(user, province_id) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and user.office_id is not None
        and user.office.level == Office.Level.PROVINCE
        and user.office.province_id == province_id
    )


def districts_visible_to(user):
    """The districts (amphoe) in the user's area, for filters and pickers."""
    from geo.models import District

    if not getattr(user, "is_authenticated", False) or not user.office_id:
        return District.objects.none()
    office = user.office
    if office.level == Office.Level.NATIONAL:
        return District.objects.exclude(province_id="10")
    if office.level == Office.Level.PROVINCE:
        return District.objects.filter(province_id=office.province_id)
    return District.objects.filter(pk=office.district_id)
