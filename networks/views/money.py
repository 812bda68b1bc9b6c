"""The money pages of a network: its bank account and signatories, and its income and spending
(recorded, corrected with a reason, voided). Thin views over networks.services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from core.forms import apply_validation_error
from core.pages import form_saved
from networks import permissions, services
from networks.forms import BankAccountForm, FundEntryCorrectionForm, FundEntryForm, FundEntryVoidForm
from networks.models import BankAccount, FundEntry, Network
from networks.selectors import fund_ledger
from networks.views.networks import visible_network


@require_http_methods(["GET"])
def money(request, pk):
    network = visible_network(request, pk)
    # The signatories once, for the page and for the flags.
    account = BankAccount.objects.filter(network=network).prefetch_related("signatories").first()
    ledger = fund_ledger(network)
    can_edit = permissions.can_edit_network(request.user, network)
    return render(request, "networks/money.html", {
        "network": network, "account": account, "entries": ledger.entries, "balance": ledger.balance,
        "income_by_source": ledger.income_by_source, "spending": ledger.spending, "can_edit": can_edit,
        "flags": services.signatory_flags(network, account) if account else [],
        "form": FundEntryForm(initial={"occurred_on": timezone.localdate()}) if can_edit else None,
    })


@require_http_methods(["GET", "POST"])
def bank_account(request, pk):
    network = visible_network(request, pk)
    permissions.require_edit(request.user, network)
    committee = network.current_committee()
    account = getattr(network, "bank_account", None)
    initial = {}
    if account:
        initial = {n: getattr(account, n) for n in ["bank", "bank_other", "branch", "account_name", "account_number"]}
        holders = list(committee.holders.select_related("seat_kind")) if committee else []
        for signatory in account.signatories.all():
            seat = services.SIGNATORY_SEATS[signatory.role]
            match = next((h for h in holders if h.person_key == signatory.person_key and h.seat_kind.code == seat), None)
            if match:
                initial[f"signatory_{signatory.role.replace('-', '_')}"] = match.pk
    else:
        initial["account_name"] = network.name
    form = BankAccountForm(request.POST or None, committee=committee, initial=initial)
    if form_saved(request, form, lambda: services.bank_account_save(
            network=network, actor=request.user, data=form.cleaned_data, signatories=form.signatories())):
        messages.success(request, "บันทึกบัญชีเงินฝากและผู้มีอำนาจลงนามแล้ว")
        return redirect("networks:money", pk=network.pk)
    return render(request, "networks/bank_account_form.html", {"form": form, "network": network, "committee": committee})


@require_http_methods(["GET", "POST"])
def fund_entry_add(request, pk):
    network = visible_network(request, pk)
    permissions.require_edit(request.user, network)
    form = FundEntryForm(request.POST or None, initial={"occurred_on": timezone.localdate()})
    if form_saved(request, form, lambda: services.fund_entry_add(network=network, actor=request.user, data=form.cleaned_data)):
        messages.success(request, "บันทึกรายการแล้ว")
        return redirect("networks:money", pk=network.pk)
    return render(request, "networks/fund_entry_form.html", {"form": form, "network": network})


def visible_fund_entry(request, pk):
    return get_object_or_404(
        FundEntry.objects.filter(network__in=Network.objects.visible_to(request.user)).select_related("network"), pk=pk
    )


@require_http_methods(["GET", "POST"])
def fund_entry_edit(request, pk):
    entry = visible_fund_entry(request, pk)
    network = entry.network
    permissions.require_edit(request.user, network)
    if entry.is_voided:
        messages.error(request, "รายการนี้ยกเลิกแล้ว แก้ไขไม่ได้")
        return redirect("networks:money", pk=network.pk)
    initial = {name: getattr(entry, name) for name in services.FUND_FIELDS}
    form = FundEntryCorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.FUND_FIELDS}
        try:
            services.fund_entry_update(entry=entry, actor=request.user, data=data, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "แก้ไขรายการแล้ว บันทึกค่าเดิมและเหตุผลไว้ในประวัติของเครือข่าย")
            return redirect("networks:money", pk=network.pk)
    return render(request, "networks/fund_entry_edit.html", {"form": form, "entry": entry, "network": network})


@require_http_methods(["GET", "POST"])
def fund_entry_void(request, pk):
    entry = visible_fund_entry(request, pk)
    network = entry.network
    permissions.require_edit(request.user, network)
    if entry.is_voided:
        messages.error(request, "รายการนี้ยกเลิกแล้ว")
        return redirect("networks:money", pk=network.pk)
    form = FundEntryVoidForm(request.POST or None)
    if form_saved(request, form, lambda: services.fund_entry_void(entry=entry, actor=request.user, reason=form.cleaned_data["reason"])):
        messages.success(request, "ยกเลิกรายการแล้ว รายการยังแสดงเป็นขีดฆ่าและไม่นับในยอดคงเหลือ")
        return redirect("networks:money", pk=network.pk)
    return render(request, "networks/fund_entry_void.html", {"form": form, "entry": entry, "network": network})
