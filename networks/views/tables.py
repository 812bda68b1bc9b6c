"""The table editors: a committee's seats (with the rules checked live as the officer types), the
corrections of an appointed committee's names and contacts, and a drive plan's activities. One
page each; no page load per row."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import apply_validation_error
from networks import permissions, rules, services
from networks.forms import CorrectionReasonForm, HolderCorrectionFormSet, PlanActivityFormSet, SeatFormSet
from networks.models import Committee, DrivePlan, Level, SeatKind
from networks.services.committees import APPOINTED_LOCKED_REFUSED
from networks.services.plans import PLAN_LOCKED_REFUSED
from networks.views.networks import visible_committee, visible_plan
from security import access

BLANK_ROWS = 5
ADD_ROWS = 10


def _represents(network, context):
    if network.level == Level.TAMBON:
        groups = sorted(context.member_groups.values(), key=lambda g: (g.village.moo, g.code))
        return [(g.pk, f"หมู่ที่ {g.village.moo} {g.name}") for g in groups], "ผู้แทนกลุ่ม"
    if network.level == Level.AMPHOE:
        return sorted(context.tambon_networks.items(), key=lambda item: item[1]), "ผู้แทนเครือข่ายตำบล"
    return [], "ผู้แทนของ"


def _rows_in_order(kinds, holders):
    """The seat table in print order: each seat kind's holders, then an empty row for each seat
    of the model order not yet filled (a new committee starts with the order's 20 seats)."""
    rows = []
    for kind in kinds:
        mine = [h for h in holders if h.seat_kind_id == kind.pk]
        rows += [{
            "id": h.pk, "seat_kind": h.seat_kind_id, "title": h.title, "first_name": h.first_name,
            "last_name": h.last_name, "represents": h.group_id or h.tambon_network_id, "phone": h.phone,
            "national_id": h.national_id,
        } for h in mine]
        rows += [{"seat_kind": kind.pk}] * max(kind.max_holders - len(mine), 0)
    return rows


def _member_kind(context):
    return next(k for k in context.seat_kinds.values() if k.code == SeatKind.MEMBER)


def _with_blank_rows(data, member, count=ADD_ROWS):
    """The posted seat table with `count` more blank ordinary-member rows: the no-JavaScript way
    to add rows without losing what was typed (nothing is saved)."""
    data = data.copy()
    total = int(data.get("seats-TOTAL_FORMS") or 0)
    count = max(min(count, SeatFormSet.absolute_max - total), 0)
    for index in range(total, total + count):
        data[f"seats-{index}-seat_kind"] = str(member.pk)
    data["seats-TOTAL_FORMS"] = str(total + count)
    return data


def _empty_row(formset, member):
    """The row the page's script clones when the officer adds rows (`__prefix__` in its names)."""
    row = formset.empty_form
    row.initial = {"seat_kind": member.pk}
    return row


def _seat_formset(request, committee, context, data=None):
    kinds = sorted(context.seat_kinds.values(), key=lambda k: k.order)
    member = _member_kind(context)
    represents, represents_label = _represents(committee.network, context)
    initial = _rows_in_order(kinds, committee.seats_in_order())
    extra = int(request.GET.get("more", 0) or 0) if data is None else 0
    initial += [{"seat_kind": member.pk}] * (BLANK_ROWS + min(max(extra, 0), 40))
    return SeatFormSet(data, initial=initial if data is None else None, form_kwargs={
        "seat_choices": [(k.pk, k.title) for k in kinds], "represents_choices": represents,
        "represents_label": represents_label,
    }, prefix="seats")


def _live_rules(formset, context, level):
    formset.is_valid()
    holders = [form.draft_holder(level) for form in formset.forms]
    return rules.check(holders, context)


@require_http_methods(["GET", "POST"])
def committee_seats(request, pk):
    committee = visible_committee(request, pk)
    network = committee.network
    permissions.require_edit(request.user, network)
    if committee.status == Committee.Status.APPOINTED:
        raise PermissionDenied(APPOINTED_LOCKED_REFUSED)
    context = rules.context_for(network)
    adding_rows = request.method == "POST" and "add_rows" in request.POST
    data = _with_blank_rows(request.POST, _member_kind(context)) if adding_rows else request.POST or None
    formset = _seat_formset(request, committee, context, data if request.method == "POST" else None)
    error = None
    if adding_rows:
        result = _live_rules(formset, context, network.level)
    elif request.method == "POST":
        if formset.is_valid():
            rows = [row for form in formset.forms if (row := form.row(network.level))]
            try:
                result = services.committee_save_seats(committee=committee, actor=request.user, rows=rows)
            except ValidationError as exc:
                error = exc.messages
            else:
                if rules.all_hold(result):
                    messages.success(request, "บันทึกรายชื่อแล้ว ครบตามหลักเกณฑ์ทุกข้อ")
                else:
                    messages.warning(request, "บันทึกรายชื่อเป็นร่างแล้ว ยังไม่ครบตามหลักเกณฑ์ (ดูรายการด้านล่าง)")
                return redirect("networks:committee_detail", pk=committee.pk)
        result = _live_rules(formset, context, network.level)
    else:
        result = rules.check(committee.holders.all(), context)
    if any(h.national_id for h in committee.holders.all()):
        access.national_ids_shown(request, subject=f"แก้ไขรายชื่อ{committee}", area=str(network))
    return render(request, "networks/committee_seats.html", {
        "committee": committee, "network": network, "formset": formset, "rules": result,
        "all_hold": rules.all_hold(result), "error": error, "adding_rows": adding_rows,
        "empty_row": _empty_row(formset, _member_kind(context)), "add_rows": ADD_ROWS,
        "show_ids": permissions.can_see_national_id(request.user, network),
    })


@require_POST
def committee_seats_check(request, pk):
    """The rules for the rows as typed, not saved: the committee page's live panel."""
    committee = visible_committee(request, pk)
    permissions.require_edit(request.user, committee.network)
    context = rules.context_for(committee.network)
    formset = _seat_formset(request, committee, context, request.POST)
    result = _live_rules(formset, context, committee.network.level)
    return render(request, "networks/committee_seats.html#rules", {
        "committee": committee, "rules": result, "all_hold": rules.all_hold(result),
    })


@require_http_methods(["GET", "POST"])
def committee_corrections(request, pk):
    """An appointed committee: put right a holder's spelling, phone or ID without a new term."""
    from printing.models import DocumentKind, IssuedDocument

    committee = visible_committee(request, pk)
    network = committee.network
    permissions.require_edit(request.user, network)
    if committee.status != Committee.Status.APPOINTED:
        messages.info(request, "คณะกรรมการชุดนี้ยังไม่แต่งตั้ง แก้ไขรายชื่อได้ในตารางนี้")
        return redirect("networks:committee_seats", pk=committee.pk)
    holders = committee.seats_in_order()
    initial = [{"id": h.pk, **{name: getattr(h, name) for name in services.CORRECTABLE}} for h in holders]
    data = request.POST if request.method == "POST" else None
    formset = HolderCorrectionFormSet(data, initial=initial, prefix="holders")
    reason_form = CorrectionReasonForm(data)
    if data is not None and formset.is_valid() and reason_form.is_valid():
        corrections = {form.cleaned_data["id"]: {name: form.cleaned_data[name] for name in services.CORRECTABLE}
                       for form in formset.forms}
        try:
            lines = services.committee_correct_holders(committee=committee, actor=request.user, corrections=corrections,
                                                       reason=reason_form.cleaned_data["reason"])
        except ValidationError as error:
            apply_validation_error(reason_form, error)
        else:
            messages.success(request, f"แก้ไขข้อมูลกรรมการ {len(lines)} คนแล้ว บันทึกค่าเดิมและค่าใหม่ไว้ในประวัติของเครือข่าย")
            return redirect("networks:committee_detail", pk=committee.pk)
    issued = IssuedDocument.objects.current().filter(kind=DocumentKind.ORDER, record_id=committee.pk).first()
    if any(h.national_id for h in holders):
        access.national_ids_shown(request, subject=f"แก้ไขข้อมูลกรรมการ{committee}", area=str(network))
    return render(request, "networks/committee_corrections.html", {
        "committee": committee, "network": network, "formset": formset, "reason_form": reason_form,
        "rows": list(zip(holders, formset.forms, strict=False)), "issued": issued,
    })


@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = visible_plan(request, pk)
    permissions.require_edit(request.user, plan.network)
    if plan.status == DrivePlan.Status.SUBMITTED:
        raise PermissionDenied(PLAN_LOCKED_REFUSED)
    form_kwargs = {"month_choices": plan.month_choices()}
    if request.method == "POST":
        formset = PlanActivityFormSet(request.POST, form_kwargs=form_kwargs, prefix="activities")
    else:
        initial = [{
            "name": a.name, "objective": a.objective, "month": a.month, "budget": a.budget, "responsible": a.responsible,
        } for a in plan.activities.all()] + [{}] * 4
        formset = PlanActivityFormSet(initial=initial, form_kwargs=form_kwargs, prefix="activities")
    error = None
    if request.method == "POST" and formset.is_valid():
        rows = [row for form in formset.forms if (row := form.row())]
        try:
            services.plan_save_activities(plan=plan, actor=request.user, activities=rows)
        except ValidationError as exc:
            error = exc.messages
        else:
            messages.success(request, f"บันทึกกิจกรรม {len(rows)} กิจกรรมแล้ว")
            return redirect("networks:plan_detail", pk=plan.pk)
    return render(request, "networks/plan_edit.html", {"plan": plan, "network": plan.network, "formset": formset,
                                                        "error": error})
