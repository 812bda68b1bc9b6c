"""Networks themselves: the province's network, a district's amphoe and tambon networks, their
names and a tambon network's member groups."""

from django.core.exceptions import ValidationError
from django.db import transaction

from geo.models import District, Province
from groups.models import SavingsGroup
from networks import permissions
from networks.models import Level, Network
from networks.services.events import Kind, record_event

# Member groups belong to a tambon network only (the page says it too).
MEMBERS_TAMBON_ONLY = "กลุ่มสมาชิกกำหนดได้เฉพาะเครือข่ายระดับตำบล"


@transaction.atomic
def province_network_ensure(*, province: Province, actor) -> Network:
    network, created = Network.objects.get_or_create(
        level=Level.PROVINCE, province=province,
        defaults={"name": Network.default_name(Level.PROVINCE, province=province)},
    )
    if created:
        record_event(network, actor, Kind.NETWORK_CREATED, network.name)
        Network.objects.filter(level=Level.AMPHOE, province=province, parent__isnull=True).update(parent=network)
    return network


@transaction.atomic
def district_networks_ensure(*, district: District, actor) -> dict:
    """The amphoe network of `district` and a tambon network for every tambon with an active
    group, each with its default name; a tambon network's members are the tambon's active groups.
    Networks already there are left as they are."""
    if not permissions.can_edit_network(actor, Network(level=Level.AMPHOE, district=district, province_id=district.province_id)):
        raise ValidationError("ท่านสร้างเครือข่ายได้เฉพาะอำเภอของท่าน")
    province_network = Network.objects.filter(level=Level.PROVINCE, province_id=district.province_id).first()
    amphoe, created = Network.objects.get_or_create(
        level=Level.AMPHOE, district=district,
        defaults={"province_id": district.province_id, "parent": province_network,
                  "name": Network.default_name(Level.AMPHOE, district=district)},
    )
    made = {"amphoe": int(created), "tambon": 0}
    if created:
        record_event(amphoe, actor, Kind.NETWORK_CREATED, amphoe.name)
    groups_by_tambon = {}
    for group in SavingsGroup.objects.active().filter(district=district).select_related("village__subdistrict"):
        groups_by_tambon.setdefault(group.village.subdistrict, []).append(group)
    existing = set(Network.objects.tambon().filter(district=district).values_list("subdistrict_id", flat=True))
    for tambon, groups in sorted(groups_by_tambon.items(), key=lambda item: item[0].code):
        if tambon.code in existing:
            continue
        network = Network.objects.create(
            level=Level.TAMBON, subdistrict=tambon, district=district, province_id=district.province_id,
            parent=amphoe, name=Network.default_name(Level.TAMBON, subdistrict=tambon),
        )
        network.member_groups.set(groups)
        record_event(network, actor, Kind.NETWORK_CREATED, f"{network.name} กลุ่มสมาชิก {len(groups)} กลุ่ม")
        made["tambon"] += 1
    return made


@transaction.atomic
def network_update(*, network: Network, actor, name: str, bylaws_announced_on) -> Network:
    permissions.require_edit(actor, network)
    if not name.strip():
        raise ValidationError({"name": "กรุณาระบุชื่อเครือข่าย"})
    changes = []
    if network.name != name.strip():
        changes.append(f"ชื่อ: {network.name} → {name.strip()}")
    if network.bylaws_announced_on != bylaws_announced_on:
        changes.append("วันที่ประกาศระเบียบเครือข่าย")
    network.name = name.strip()
    network.bylaws_announced_on = bylaws_announced_on
    network.full_clean()
    network.save()
    record_event(network, actor, Kind.NETWORK_UPDATED, "; ".join(changes))
    return network


@transaction.atomic
def network_set_member_groups(*, network: Network, actor, groups) -> Network:
    permissions.require_edit(actor, network)
    if network.level != Level.TAMBON:
        raise ValidationError(MEMBERS_TAMBON_ONLY)
    groups = list(groups)
    outside = [g for g in groups if g.village.subdistrict_id != network.subdistrict_id]
    if outside:
        raise ValidationError({"groups": f"{outside[0].name} ไม่ได้อยู่ในตำบล{network.subdistrict.name_th}"})
    before = set(network.member_groups.values_list("pk", flat=True))
    network.member_groups.set(groups)
    after = {g.pk for g in groups}
    record_event(network, actor, Kind.MEMBERS_CHANGED, f"เพิ่ม {len(after - before)} กลุ่ม ถอน {len(before - after)} กลุ่ม")
    return network
