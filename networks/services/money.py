"""Province representatives and the bank account with its signatories."""

from django.core.exceptions import ValidationError
from django.db import transaction

from networks import permissions
from networks.models import (
    BankAccount,
    Level,
    Network,
    ProvinceRepresentatives,
    SeatHolder,
    SeatKind,
    Signatory,
)
from networks.models.money import BANK_NAME_REQUIRED, signatory_required
from networks.services.events import Kind, record_event

# Province representatives -------------------------------------------------------------------------


@transaction.atomic
def representatives_name(*, network: Network, actor, member: SeatHolder) -> ProvinceRepresentatives:
    """The amphoe network's chair and `member` go to the provincial committee."""
    permissions.require_edit(actor, network)
    if network.level != Level.AMPHOE:
        raise ValidationError("ผู้แทนเข้าร่วมคณะกรรมการระดับจังหวัดแจ้งโดยเครือข่ายระดับอำเภอ")
    committee = network.current_committee()
    if committee is None:
        raise ValidationError("เครือข่ายนี้ยังไม่มีคณะกรรมการ")
    chairs = list(committee.holders.filter(seat_kind__code=SeatKind.CHAIR))
    if len(chairs) != 1:
        raise ValidationError("คณะกรรมการต้องมีประธานเครือข่าย 1 คนก่อนจึงจะแจ้งผู้แทนได้")
    if member.committee_id != committee.pk:
        raise ValidationError({"member": "ผู้แทนอีกคนต้องเป็นกรรมการเครือข่ายชุดปัจจุบัน"})
    if member.pk == chairs[0].pk:
        raise ValidationError({"member": "ประธานเครือข่ายเป็นผู้แทนอยู่แล้ว กรุณาเลือกกรรมการอีก 1 คน"})
    reps, _ = ProvinceRepresentatives.objects.update_or_create(
        network=network, defaults={"chair": chairs[0], "member": member, "named_by": actor},
    )
    record_event(network, actor, Kind.REPRESENTATIVES_NAMED, f"{chairs[0].full_name}, {member.full_name}", committee)
    return reps


# Money ------------------------------------------------------------------------------------------

SIGNATORY_SEATS = {
    Signatory.Role.CHAIR: SeatKind.CHAIR,
    Signatory.Role.VICE_CHAIR: SeatKind.VICE_CHAIR,
    Signatory.Role.TREASURER: SeatKind.TREASURER,
}


def signatory_flags(network, account) -> list[str]:
    """Signatories who no longer hold their seat in the current committee, in Thai."""
    committee = network.current_committee()
    holders = list(committee.holders.select_related("seat_kind")) if committee else []
    flags = []
    for signatory in account.signatories.all():
        seat = SIGNATORY_SEATS[signatory.role]
        if not any(h.person_key == signatory.person_key and h.seat_kind.code == seat for h in holders):
            flags.append(
                f"{signatory.full_name} (ผู้ลงนามในฐานะ{signatory.get_role_display()}) ไม่ได้ดำรงตำแหน่ง"
                f"{signatory.get_role_display()}ในคณะกรรมการชุดปัจจุบันแล้ว ควรเปลี่ยนผู้มีอำนาจลงนามที่ธนาคาร"
            )
    return flags


@transaction.atomic
def bank_account_save(*, network: Network, actor, data: dict, signatories: dict) -> BankAccount:
    """`signatories`: role → SeatHolder of the current committee holding that seat."""
    permissions.require_edit(actor, network)
    committee = network.current_committee()
    errors = {}
    for role, seat in SIGNATORY_SEATS.items():
        holder = signatories.get(role)
        if holder is None:
            errors[role] = signatory_required(role)
        elif committee is None or holder.committee_id != committee.pk or holder.seat_kind.code != seat:
            errors[role] = f"ผู้ลงนามต้องเป็น{Signatory.Role(role).label}ของคณะกรรมการชุดปัจจุบัน"
    account = BankAccount.objects.filter(network=network).first() or BankAccount(network=network)
    for name in ["bank", "bank_other", "branch", "account_name", "account_number"]:
        setattr(account, name, (data.get(name) or "").strip())
    if account.bank != BankAccount.Bank.OTHER:
        account.bank_other = ""
    elif not account.bank_other:
        errors["bank_other"] = BANK_NAME_REQUIRED
    if errors:
        raise ValidationError(errors)
    account.full_clean(exclude=["network"])
    account.save()
    account.signatories.all().delete()
    Signatory.objects.bulk_create([
        Signatory(account=account, role=role, title=holder.title, first_name=holder.first_name, last_name=holder.last_name)
        for role, holder in signatories.items()
    ])
    record_event(network, actor, Kind.BANK_ACCOUNT_SAVED, f"{account.bank_name} {account.account_number}")
    return account
