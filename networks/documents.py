"""The printed documents of networks: the district's order appointing a committee, and the
network's bylaws. Builds the plain contexts of printing.contexts from the records; the wording
is in templates/pdf/."""

from django.urls import reverse

from accounts.models import Office
from core.thai import BE_OFFSET
from networks import permissions
from networks.models import Committee, Level, Network, SeatKind
from printing import registry
from printing.contexts import Area, CommitteeOrder, NetworkBylaws, Seat, Signer, garuda_data_uri
from printing.models import DocumentKind

PRINTED_LEVELS = [Level.AMPHOE, Level.TAMBON]


def _area(network: Network) -> Area:
    return Area(
        province=network.province.name_th,
        district=network.district.name_th,
        tambon=network.subdistrict.name_th if network.subdistrict_id else "",
    )


def _district_office(district_id):
    return Office.objects.filter(level=Office.Level.DISTRICT, district_id=district_id).first()


def order_signer(committee: Committee, office: Office | None) -> Signer:
    """The district chief, or a deputy "ปฏิบัติราชการแทน นายอำเภอ…", as recorded on the committee;
    the office's chief while no signer is recorded."""
    chief_title = f"นายอำเภอ{committee.network.district.name_th}"
    if committee.signer_acting_for_chief:
        return Signer(committee.signer_name, (f"{committee.signer_position or 'ปลัดอำเภอ'} ปฏิบัติราชการแทน", chief_title))
    if committee.signer_name:
        return Signer(committee.signer_name, (committee.signer_position or chief_title,))
    return Signer(office.chief_name if office else "", (chief_title,))


def build_order(committee: Committee) -> CommitteeOrder:
    network = committee.network
    office = _district_office(network.district_id)
    year = committee.order_year or (committee.order_date.year + BE_OFFSET if committee.order_date else None)
    return CommitteeOrder(
        level=network.level,
        area=_area(network),
        seats=[Seat(title=h.seat_title, holder=h.full_name) for h in committee.seats_in_order()],
        signer=order_signer(committee, office),
        number=committee.order_number,
        year_be=year,
        ordered_on=committee.order_date,
        garuda=garuda_data_uri(office.garuda_for_print()) if office else None,
    )


def order_problems(committee: Committee) -> list[str]:
    """What the order still lacks before the district can issue it."""
    problems = []
    if committee.status not in (Committee.Status.READY, Committee.Status.APPOINTED):
        problems.append("คณะกรรมการยังไม่ได้ทำเครื่องหมาย “พร้อมออกคำสั่งแต่งตั้ง”")
    missing = [label for label, value in [
        ("เลขที่คำสั่ง", committee.order_number), ("วันที่สั่ง", committee.order_date),
        ("ผู้ลงนามคำสั่ง", committee.signer_name),
    ] if not value]
    if missing:
        problems.append("ยังไม่ได้บันทึก" + " ".join(missing))
    return problems


def order_register_entry(committee: Committee) -> dict:
    signer = order_signer(committee, _district_office(committee.network.district_id))
    return {"number": committee.order_number, "year_be": committee.order_year, "dated": committee.order_date,
            "signer": " ".join([signer.name, *signer.title_lines]).strip()}


def order_snapshot(committee: Committee) -> dict:
    """What the order names: each seat and its holder, the signer and the number."""
    signer = order_signer(committee, _district_office(committee.network.district_id))
    return {"seats": [[h.seat_title, h.full_name] for h in committee.seats_in_order()],
            "signer": signer.name, "number": committee.order_reference or ""}


def _order_title(committee: Committee) -> str:
    network = committee.network
    where = f" ({network.area_name})" if network.level == Level.TAMBON else ""
    number = f" ที่ {committee.order_reference}" if committee.order_reference else ""
    return f"คำสั่งอำเภอ{network.district.name_th}{number} แต่งตั้งคณะกรรมการ{network.name}{where}"


def _order_filename(committee: Committee) -> str:
    number = f"-{committee.order_number}-{committee.order_year}" if committee.order_number else "-ร่าง"
    return f"คำสั่งแต่งตั้ง-{committee.network.name}{number}.pdf"


def committees_visible_to(user):
    return (Committee.objects.visible_to(user).filter(network__level__in=PRINTED_LEVELS)
            .select_related("network__province", "network__district", "network__subdistrict"))


def committees_in_area(*, province=None, district=None):
    """Each amphoe and tambon network's latest committee, the amphoe's first, then by tambon code."""
    committees = (Committee.objects.latest_per_network().filter(network__level__in=PRINTED_LEVELS)
                  .select_related("network__province", "network__district", "network__subdistrict")
                  .order_by("network__district_id", "network__level", "network__subdistrict_id"))
    if district is not None:
        return committees.filter(network__district=district)
    return committees.filter(network__province=province)


ORDER = registry.register(registry.Printable(
    code=DocumentKind.ORDER,
    label="คำสั่งแต่งตั้งคณะกรรมการเครือข่าย",
    model=Committee,
    records=committees_visible_to,
    build=build_order,
    district_of=lambda committee: committee.network.district,
    title=_order_title,
    filename=_order_filename,
    issue_problems=order_problems,
    in_area=committees_in_area,
    record_url=lambda committee: reverse("networks:committee_detail", args=[committee.pk]),
    can_issue=lambda user, committee: permissions.can_edit_network(user, committee.network),
    applies=lambda committee: committee.network.level in PRINTED_LEVELS,
    register_entry=order_register_entry,
    snapshot=order_snapshot,
))


def build_bylaws(network: Network) -> NetworkBylaws:
    committee = network.current_committee()
    chair = committee.holders.filter(seat_kind__code=SeatKind.CHAIR).first() if committee else None
    announced = network.bylaws_announced_on
    return NetworkBylaws(
        level=network.level,
        area=_area(network),
        chair_name=chair.full_name if chair else "",
        announced_on=announced,
        year_be=announced.year + BE_OFFSET if announced else None,
    )


def bylaws_problems(network: Network) -> list[str]:
    """Bylaws are announced on a date, signed by the chair of a committee in place."""
    problems = []
    if not network.bylaws_announced_on:
        problems.append("ยังไม่ได้บันทึกวันที่ประกาศระเบียบ")
    committee = network.current_committee()
    if committee is None or not committee.holders.filter(seat_kind__code=SeatKind.CHAIR).exists():
        problems.append("ยังไม่มีประธานเครือข่ายผู้ลงนามในระเบียบ")
    return problems


def bylaws_register_entry(network: Network) -> dict:
    announced = network.bylaws_announced_on
    return {"number": None, "year_be": announced.year + BE_OFFSET if announced else None, "dated": announced,
            "signer": build_bylaws(network).chair_name}


def networks_visible_to(user):
    return (Network.objects.visible_to(user).filter(level__in=PRINTED_LEVELS)
            .select_related("province", "district", "subdistrict"))


def networks_in_area(*, province=None, district=None):
    networks = (Network.objects.filter(level__in=PRINTED_LEVELS)
                .select_related("province", "district", "subdistrict")
                .order_by("district_id", "level", "subdistrict_id"))
    if district is not None:
        return networks.filter(district=district)
    return networks.filter(province=province)


BYLAWS = registry.register(registry.Printable(
    code=DocumentKind.BYLAWS,
    label="ระเบียบเครือข่าย",
    model=Network,
    records=networks_visible_to,
    build=build_bylaws,
    district_of=lambda network: network.district,
    title=lambda network: f"ระเบียบ{network.name}",
    filename=lambda network: f"ระเบียบ-{network.name}.pdf",
    in_area=networks_in_area,
    record_url=lambda network: reverse("networks:detail", args=[network.pk]),
    applies=lambda network: network.level in PRINTED_LEVELS,
    # Issued like an order: numbered in the district's announcements of the year, frozen.
    issue_problems=bylaws_problems,
    register_entry=bylaws_register_entry,
    can_issue=lambda user, network: permissions.can_edit_network(user, network),
))
