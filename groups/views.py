"""Thin views over groups.services; every lookup goes through visible_to(user) (else 404)."""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts import scope
from core.forms import apply_validation_error
from core.pages import form_saved, htmx_template, query_without_page
from core.prepared import one_or_404
from groups import services
from groups.forms import ActivityForm, CancelForm, GroupForm, RestoreForm
from groups.models import Activity, SavingsGroup
from groups.selectors import filtered_groups, group_rows
from groups.selectors.figures import area_figures
from groups.selectors.history import group_activities, group_changes
from groups.selectors.lookup import visible_group
from groups.selectors.rows import COLUMNS, PAGE_SIZE, first_page
from groups.services import RESTORE_REFUSED


def _visible_group(request, pk):
    return one_or_404(visible_group(request.user, pk))


def _require_edit(request, group):
    if not scope.can_edit_district(request.user, group.district):
        raise PermissionDenied("ท่านดูข้อมูลกลุ่มนี้ได้อย่างเดียว แก้ไขไม่ได้")


@require_http_methods(["GET"])
def group_list(request):
    form, groups = filtered_groups(request.user, request.GET)
    status = form.status_only()  # the status is the only filter: the matches come with the area's figures
    counts = area_figures(request.user, status)
    paginator = Paginator(groups, PAGE_SIZE)
    if status is None:
        summary = groups.aggregate(members=Sum("members_total"), savings=Sum("savings_balance"))
    else:
        summary = {"members": counts.pop("members"), "savings": counts.pop("savings")}
        paginator.count = counts.pop("matching")  # the paginator's own COUNT, already known
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = group_rows(first_page(request.user, status) if form.opens_first_page(page.number)
                                  else page.object_list.values(*COLUMNS))
    context = {
        "form": form, "page": page, "counts": counts, "summary": summary, "matching": paginator.count,
        "query": query_without_page(request.GET), "can_create": scope.may_write_registry(request.user),
    }
    return render(request, htmx_template(request, "groups/list.html", "results"), context)


@require_http_methods(["GET"])
def group_detail(request, pk):
    group = _visible_group(request, pk)
    return render(request, "groups/detail.html", {
        "group": group,
        "activities": group_activities(group.pk),
        "changes": group_changes(group.pk),
        "can_edit": scope.can_edit_district(request.user, group.district),
        "can_restore": scope.is_province_staff_for(request.user, group.district.province_id)
        and group.status != SavingsGroup.Status.ACTIVE,
    })


def _village_picker(request, form):
    """The htmx answer to a change of tambon: that tambon's villages already in the registry."""
    return render(request, "groups/form.html#villages", {"form": form})


def _wants_village_picker(request):
    return request.method == "GET" and request.htmx and "subdistrict" in request.GET


@require_http_methods(["GET", "POST"])
def group_create(request):
    if not scope.may_write_registry(request.user):
        raise PermissionDenied("ท่านไม่มีสิทธิ์เพิ่มกลุ่ม เฉพาะสำนักงานพัฒนาชุมชนอำเภอและจังหวัดเท่านั้น")
    if _wants_village_picker(request):
        return _village_picker(request, GroupForm(initial=request.GET.dict(), user=request.user,
                                                  villages_url=request.path))
    form = GroupForm(request.POST or None, user=request.user, villages_url=request.path)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(actor=request.user, data=form.service_data())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"บันทึกกลุ่ม “{group.name}” แล้ว")
            return redirect("groups:detail", pk=group.pk)
    return render(request, "groups/form.html", {"form": form, "creating": True})


@require_http_methods(["GET", "POST"])
def group_edit(request, pk):
    group = _visible_group(request, pk)
    _require_edit(request, group)
    # The form works on its own copy: a refused save must not show the typed values as the
    # group's own (page title, conflict panel).
    editing = copy.copy(group)
    if _wants_village_picker(request):
        return _village_picker(request, GroupForm(initial=request.GET.dict(), instance=editing, user=request.user,
                                                  villages_url=request.path))
    form = GroupForm(request.POST or None, instance=editing, user=request.user, villages_url=request.path)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(group=group, actor=request.user, data=form.service_data(),
                                  expected_version=form.cleaned_data.get("version"))
        except services.EditConflict as error:
            conflict = error
            form.add_error(None, "มีผู้อื่นบันทึกข้อมูลกลุ่มนี้หลังจากที่ท่านเปิดแบบฟอร์ม ข้อมูลของท่านยังไม่ถูกบันทึก "
                                 "กรุณาตรวจสอบการเปลี่ยนแปลงด้านล่าง แล้วเปิดแบบฟอร์มใหม่เพื่อแก้ไขอีกครั้ง")
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "บันทึกการแก้ไขแล้ว")
            return redirect("groups:detail", pk=group.pk)
    return render(request, "groups/form.html", {"form": form, "group": group, "conflict": conflict})


@require_http_methods(["GET", "POST"])
def group_cancel(request, pk):
    group = _visible_group(request, pk)
    _require_edit(request, group)
    form = CancelForm(request.POST or None)
    if form_saved(request, form, lambda: services.group_cancel(group=group, actor=request.user, reason=form.cleaned_data["reason"])):
        messages.success(request, f"ยกเลิกกลุ่ม “{group.name}” แล้ว ข้อมูลและประวัติยังเก็บไว้")
        return redirect("groups:detail", pk=group.pk)
    return render(request, "groups/status_form.html", {"form": form, "group": group, "cancelling": True})


@require_http_methods(["GET", "POST"])
def group_restore(request, pk):
    group = _visible_group(request, pk)
    if not scope.is_province_staff_for(request.user, group.district.province_id):
        raise PermissionDenied(RESTORE_REFUSED)
    form = RestoreForm(request.POST or None)
    if form_saved(request, form, lambda: services.group_restore(group=group, actor=request.user, reason=form.cleaned_data["reason"])):
        messages.success(request, f"คืนสถานะกลุ่ม “{group.name}” แล้ว")
        return redirect("groups:detail", pk=group.pk)
    return render(request, "groups/status_form.html", {"form": form, "group": group, "cancelling": False})


@require_http_methods(["GET", "POST"])
def activity_edit(request, pk, activity_pk=None):
    group = _visible_group(request, pk)
    _require_edit(request, group)
    activity = get_object_or_404(Activity.objects.filter(group=group), pk=activity_pk) if activity_pk else None
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ActivityForm.Meta.fields}
        try:
            if activity is None:
                services.activity_create(group=group, actor=request.user, data=data)
                messages.success(request, "เพิ่มกิจกรรมแล้ว")
            else:
                services.activity_update(activity=activity, actor=request.user, data=data)
                messages.success(request, "บันทึกกิจกรรมแล้ว")
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("groups:detail", pk=group.pk)
    return render(request, "groups/activity_form.html", {"form": form, "group": group, "activity": activity})


@require_POST
def activity_delete(request, pk, activity_pk):
    group = _visible_group(request, pk)
    _require_edit(request, group)
    activity = get_object_or_404(Activity.objects.filter(group=group), pk=activity_pk)
    services.activity_delete(activity=activity, actor=request.user)
    messages.success(request, f"ลบกิจกรรม “{activity.name}” แล้ว")
    return redirect("groups:detail", pk=group.pk)
