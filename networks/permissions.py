"""Who may change which network. Reading goes through `Network.objects.visible_to(user)`.

District staff keep their own district's tambon and amphoe networks; provincial staff keep their
province's network and read every other network of the province (they return drive plans);
national staff read only.
"""

from django.core.exceptions import PermissionDenied

from accounts.models import Office
from networks.models import Level


def _office(user):
    if not getattr(user, "is_authenticated", False) or not user.office_id:
        return None
    return user.office


def can_edit_network(user, network) -> bool:
    office = _office(user)
    if office is None:
        return False
    if network.level in (Level.TAMBON, Level.AMPHOE):
        return office.level == Office.Level.DISTRICT and office.district_id == network.district_id
    if network.level == Level.PROVINCE:
        return office.level == Office.Level.PROVINCE and office.province_id == network.province_id
    return False


def require_edit(user, network) -> None:
    if not can_edit_network(user, network):
        raise PermissionDenied("ท่านดูข้อมูลเครือข่ายนี้ได้อย่างเดียว แก้ไขไม่ได้")


def can_see_national_id(user, network) -> bool:
    """Seat holders' national IDs show in full only to the staff who keep the network."""
    return can_edit_network(user, network)


def can_review_plans(user, network) -> bool:
    """The provincial office receives (and may return) its districts' drive plans."""
    office = _office(user)
    return (
        office is not None and office.level == Office.Level.PROVINCE and network.province_id == office.province_id
    )


def can_set_up_networks(user) -> bool:
    office = _office(user)
    return office is not None and office.level in (Office.Level.DISTRICT, Office.Level.PROVINCE)
