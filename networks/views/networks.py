"""Thin views over networks.services; every lookup goes through visible_to(user) (else 404)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import apply_validation_error
from core.pages import form_saved, htmx_template
from networks import permissions, rules, services
from networks.forms import (
    CommitteeCreateForm,
    CommitteeDetailsForm,
    MemberGroupsForm,
    NetworkForm,
    ReturnPlanForm,
)
from networks.models import Committee, DrivePlan, Level, Network
from networks.selectors import overview_context
from networks.services.network import MEMBERS_TAMBON_ONLY
from networks.services.plans import PLAN_RETURN_REASON_REQUIRED, PLAN_RETURN_REFUSED
from security import access


def visible_network(request, pk):
    return get_object_or_404(
        Network.objects.visible_to(request.user).select_related("district", "subdistrict", "province", "parent"), pk=pk
    )


def visible_committee(request, pk):
    return get_object_or_404(
        Committee.objects.visible_to(request.user).select_related(
            "network__district", "network__subdistrict", "network__province", "previous"
        ),
        pk=pk,
    )


@require_http_methods(["GET"])
def network_list(request):
    context = overview_context(request.user, request.GET.get("year"), request.GET.get("province"))
    return render(request, htmx_template(request, "networks/list.html", "overview"), context)


@require_POST
def network_setup(request):
    """District staff: create the amphoe network and one per tambon with groups; provincial
    staff: the province's network."""
    user = request.user
    if not permissions.can_set_up_networks(user):
        raise PermissionDenied("ท่านไม่มีสิทธิ์สร้างเครือข่าย")
    if user.is_province_staff:
        services.province_network_ensure(province=user.office.province, actor=user)
        messages.success(request, "สร้างเครือข่ายระดับจังหวัดแล้ว")
    else:
        made = services.district_networks_ensure(district=user.office.district, actor=user)
        messages.success(request, f"สร้างเครือข่ายระดับอำเภอ {made['amphoe']} เครือข่าย ระดับตำบล {made['tambon']} เครือข่าย")
    return redirect("networks:list")


@require_http_methods(["GET"])
def network_detail(request, pk):
    network = visible_network(request, pk)
    committees = list(network.committees.order_by("-term_start").prefetch_related("holders"))
    current = committees[0] if committees else None
    context = {
        "network": network, "current": current, "past": committees[1:], "today": timezone.localdate(),
        "can_edit": permissions.can_edit_network(request.user, network),
        "plans": network.plans.prefetch_related("activities"),
        "events": network.events.select_related("actor")[:15],
        # A district sees its tambon and amphoe networks, not the province's: no link to a 404.
        "parent_visible": not (request.user.is_district_staff and network.level == network.Level.AMPHOE),
    }
    if network.level == Level.TAMBON:
        context["member_groups"] = network.member_groups.select_related("village").order_by("village__moo", "code")
    else:
        children = list(network.children.select_related("subdistrict", "district").order_by("subdistrict", "district"))
        latest = {c.network_id: c for c in Committee.objects.filter(network__in=children).latest_per_network()}
        for child in children:
            child.latest = latest.get(child.pk)
        context["children"] = children
    if network.level == Level.AMPHOE:
        context["representatives"] = getattr(network, "representatives", None)
    return render(request, "networks/detail.html", context)


@require_http_methods(["GET", "POST"])
def network_edit(request, pk):
    network = visible_network(request, pk)
    permissions.require_edit(request.user, network)
    form = NetworkForm(request.POST or None, initial={"name": network.name, "bylaws_announced_on": network.bylaws_announced_on})
    if form_saved(request, form, lambda: services.network_update(network=network, actor=request.user, **form.cleaned_data)):
        messages.success(request, "บันทึกข้อมูลเครือข่ายแล้ว")
        return redirect("networks:detail", pk=network.pk)
    return render(request, "networks/network_form.html", {"form": form, "network": network})


@require_http_methods(["GET", "POST"])
def network_members(request, pk):
    network = visible_network(request, pk)
    permissions.require_edit(request.user, network)
    if network.level != Level.TAMBON:
        raise PermissionDenied(MEMBERS_TAMBON_ONLY)
    form = MemberGroupsForm(request.POST or None, network=network,
                            initial={"groups": list(network.member_groups.values_list("pk", flat=True))})
    if form_saved(request, form, lambda: services.network_set_member_groups(network=network, actor=request.user, groups=form.cleaned_data["groups"])):
        messages.success(request, "บันทึกกลุ่มสมาชิกแล้ว")
        return redirect("networks:detail", pk=network.pk)
    return render(request, "networks/members_form.html", {"form": form, "network": network})


@require_http_methods(["GET", "POST"])
def committee_create(request, pk):
    network = visible_network(request, pk)
    permissions.require_edit(request.user, network)
    form = CommitteeCreateForm(request.POST or None, initial={
        "term_start": timezone.localdate(),
        "adviser_name": request.user.get_full_name(), "adviser_position": request.user.position,
    })
    if request.method == "POST" and form.is_valid():
        try:
            committee = services.committee_create(network=network, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "ตั้งคณะกรรมการแล้ว กรุณากรอกรายชื่อกรรมการ")
            return redirect("networks:committee_seats", pk=committee.pk)
    return render(request, "networks/committee_create.html", {"form": form, "network": network})


@require_http_methods(["GET"])
def committee_detail(request, pk):
    committee = visible_committee(request, pk)
    network = committee.network
    holders = committee.seats_in_order()
    result = rules.check(holders, rules.context_for(network))
    show_ids = permissions.can_see_national_id(request.user, network)
    if show_ids and any(h.national_id for h in holders):
        access.national_ids_shown(request, subject=f"รายชื่อ{committee}", area=str(network))
    return render(request, "networks/committee_detail.html", {
        "committee": committee, "network": network, "holders": holders, "rules": result,
        "all_hold": rules.all_hold(result), "today": timezone.localdate(),
        "can_edit": permissions.can_edit_network(request.user, network),
        "show_ids": show_ids,
        "moves": Committee.STATUS_MOVES[committee.status],
        "is_latest": not network.committees.filter(term_start__gt=committee.term_start).exists(),
    })


@require_http_methods(["GET", "POST"])
def committee_details(request, pk):
    committee = visible_committee(request, pk)
    permissions.require_edit(request.user, committee.network)
    initial = {name: getattr(committee, name) for name in services.ORDER_FIELDS}
    if committee.order_number is None and committee.network.district_id:
        year = timezone.localdate().year + 543
        initial["order_number"] = services.next_order_number(committee.network.district_id, year)
        initial["order_year"] = year
    office = request.user.office
    if not committee.signer_name and office:
        initial["signer_name"], initial["signer_position"] = office.chief_name, office.chief_title
    form = CommitteeDetailsForm(request.POST or None, initial=initial)
    if form_saved(request, form, lambda: services.committee_update_details(committee=committee, actor=request.user, data=form.cleaned_data)):
        messages.success(request, "บันทึกข้อมูลวาระและคำสั่งแต่งตั้งแล้ว")
        return redirect("networks:committee_detail", pk=committee.pk)
    return render(request, "networks/committee_details_form.html", {"form": form, "committee": committee})


@require_POST
def committee_move(request, pk):
    committee = visible_committee(request, pk)
    permissions.require_edit(request.user, committee.network)
    to = request.POST.get("to", "")
    if to not in Committee.Status.values:
        raise PermissionDenied("สถานะไม่ถูกต้อง")
    try:
        services.committee_move(committee=committee, actor=request.user, to=to)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"เปลี่ยนสถานะเป็น “{Committee.Status(to).label}” แล้ว")
    return redirect("networks:committee_detail", pk=committee.pk)


@require_POST
def committee_next_term(request, pk):
    committee = visible_committee(request, pk)
    permissions.require_edit(request.user, committee.network)
    try:
        new = services.committee_next_term(committee=committee, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("networks:committee_detail", pk=committee.pk)
    messages.success(request, "เริ่มวาระใหม่แล้ว รายชื่อคัดลอกจากวาระก่อน แก้ไขได้ตามผลการคัดเลือก")
    return redirect("networks:committee_seats", pk=new.pk)


@require_http_methods(["GET", "POST"])
def representatives(request, pk):
    from networks.forms import RepresentativesForm

    network = visible_network(request, pk)
    permissions.require_edit(request.user, network)
    if network.level != Level.AMPHOE:
        raise PermissionDenied("ผู้แทนระดับจังหวัดแจ้งโดยเครือข่ายระดับอำเภอ")
    committee = network.current_committee()
    chair = committee.holders.filter(seat_kind__code="chair").first() if committee else None
    current = getattr(network, "representatives", None)
    form = RepresentativesForm(request.POST or None, committee=committee, chair=chair,
                               initial={"member": current.member_id if current else None}) if committee else None
    if form and request.method == "POST" and form.is_valid():
        try:
            services.representatives_name(network=network, actor=request.user, member=form.cleaned_data["member"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "แจ้งผู้แทนเข้าร่วมคณะกรรมการเครือข่ายระดับจังหวัดแล้ว")
            return redirect("networks:detail", pk=network.pk)
    return render(request, "networks/representatives_form.html",
                  {"form": form, "network": network, "committee": committee, "chair": chair})


@require_http_methods(["GET", "POST"])
def plan_create(request, pk):
    from networks.forms import PlanCreateForm

    network = visible_network(request, pk)
    permissions.require_edit(request.user, network)
    form = PlanCreateForm(request.POST or None, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(network=network, actor=request.user, fiscal_year=form.cleaned_data["fiscal_year"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("networks:plan_edit", pk=plan.pk)
    return render(request, "networks/plan_create.html", {"form": form, "network": network})


def visible_plan(request, pk):
    return get_object_or_404(
        DrivePlan.objects.visible_to(request.user).select_related("network__district", "network__province", "submitted_by"),
        pk=pk,
    )


@require_http_methods(["GET"])
def plan_detail(request, pk):
    plan = visible_plan(request, pk)
    activities = list(plan.activities.all())
    return render(request, "networks/plan_detail.html", {
        "plan": plan, "network": plan.network, "activities": activities,
        "total": sum(a.budget for a in activities),
        "can_edit": permissions.can_edit_network(request.user, plan.network),
        "can_review": permissions.can_review_plans(request.user, plan.network) and plan.status == DrivePlan.Status.SUBMITTED,
        "return_form": ReturnPlanForm(),
    })


@require_POST
def plan_submit(request, pk):
    plan = visible_plan(request, pk)
    permissions.require_edit(request.user, plan.network)
    try:
        services.plan_submit(plan=plan, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"ส่งแผนการขับเคลื่อน {plan.fiscal_year_label} ให้จังหวัดแล้ว")
    return redirect("networks:plan_detail", pk=plan.pk)


@require_POST
def plan_return(request, pk):
    plan = visible_plan(request, pk)
    if not permissions.can_review_plans(request.user, plan.network):
        raise PermissionDenied(PLAN_RETURN_REFUSED)
    form = ReturnPlanForm(request.POST)
    if form.is_valid():
        try:
            services.plan_return(plan=plan, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "ส่งแผนกลับให้อำเภอแก้ไขแล้ว")
    else:
        messages.error(request, PLAN_RETURN_REASON_REQUIRED)
    return redirect("networks:plan_detail", pk=plan.pk)

