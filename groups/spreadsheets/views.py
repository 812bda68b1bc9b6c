"""Spreadsheet pages: exports (through visible_to + the list's filters), blank templates, and the
two-step import: upload → preview (a dry run) → confirm (validated again, then written).

Between the two steps the uploaded file waits in the private pending folder under a random name
(core.uploads.pending, bound to the user, deleted on confirm, discard or after 24 h): the browser
never names a path and the session holds nothing of it.
"""

import logging
import tempfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import scope
from core import thai
from core.uploads import UploadRefused
from core.uploads.pending import pending_discard, pending_get, pending_store
from geo.models import District, Province
from groups import services
from groups.models import SavingsGroup
from groups.selectors import filtered_groups
from groups.spreadsheets.base import READ_ONLY_REFUSED
from groups.spreadsheets.files import (
    ColumnsMissing,
    SpreadsheetRefused,
    check_file,
    export_activities,
    export_groups,
    mapping_table,
    read_sheet,
    write_errors,
)
from groups.spreadsheets.files import write_template as write_template_file
from groups.spreadsheets.importing import KIND_LABELS, KINDS, require_importer, spreadsheet_import

logger = logging.getLogger(__name__)
PURPOSE = "spreadsheet-import"
SHOWN = 300  # rows of changes/errors listed on the preview page; the errors file has them all
TEMPLATE_EXAMPLES = {
    "groups": ["5201010301", "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว", "๓", "หนองบัว", "เวียงเหนือ", "เมืองลำปาง",
               "ลำปาง", "15/03/2530", "ใช่", "ดำเนินการอยู่", "๑๒๐", "๕๐", "๗๐", "1,234,567.50", "850,000.00",
               "30 ก.ย. 2567", "นางบัวผัน ใจมา", "0812345678", "นางสาวศิริพร ทองมา"],
    "activities": ["5201010301", "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว (ไม่นำเข้า)", "ร้านค้าชุมชน",
                   "ร้านค้าชุมชนบ้านหนองบัว", "1 ต.ค. 2560", "50,000.00", "๓๐", "ดำเนินการอยู่"],
}


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label="ข้อมูลในไฟล์", choices=list(KIND_LABELS.items()), initial="groups",
                             widget=forms.RadioSelect)
    # "Choose a file", an empty or a broken upload: Django's own messages, from locale/th.
    file = forms.FileField(label="ไฟล์ตาราง (.xlsx, .xls, .ods หรือ .csv)",
                           error_messages={"required": forms.FileField.default_error_messages["missing"]})

    def store(self, user):
        """The upload as the user's pending file (guarded), or False with the refusal on the form."""
        try:
            return pending_store(upload=self.cleaned_data["file"], owner=user, purpose=PURPOSE,
                                 kind=self.cleaned_data["kind"], guard=check_file)
        except UploadRefused as error:
            self.add_error("file", str(error))
            return False


def _require_import(user):
    """District and provincial staff import; national staff (and users with no office) do not."""
    require_importer(user)
    if not scope.may_write_registry(user):
        raise PermissionDenied(READ_ONLY_REFUSED)


def _xlsx_response(path, filename):
    response = FileResponse(open(path, "rb"), as_attachment=True, filename=filename,  # noqa: SIM115
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    Path(path).unlink()  # the open handle keeps the data until the response is sent
    return response


def _temp_path():
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False)  # noqa: SIM115
    handle.close()
    return handle.name


def _today():
    return thai.format_date(timezone.localdate(), style="numeric").replace("/", "-")


# ---------------------------------------------------------------- pages and exports

@require_GET
def spreadsheet_home(request):
    return _home_page(request)


def _home_page(request, form=None, status=200, error=""):
    user = request.user
    districts = scope.districts_visible_to(user).select_related("province")
    provinces = Province.objects.filter(code__in=districts.values("province_id")).exclude(code="10")
    if user.is_national_staff:
        districts = districts.none()  # 878 amphoe: the department exports by province
    return render(request, "groups/spreadsheets/home.html", {
        "form": form or UploadForm(), "can_import": scope.may_write_registry(user), "districts": districts,
        "provinces": provinces if not user.is_district_staff else Province.objects.none(),
        "mapped": sum(len(services.column_mappings(actor=user, kind=k)) for k in KINDS) if scope.may_write_registry(user) else 0,
        "pending": pending_get(owner=user, purpose=PURPOSE), "limit_mb": settings.UPLOAD_LIMIT_MB, "error": error,
    }, status=status)


@require_GET
def template_download(request, kind):
    if kind not in KINDS:
        raise Http404
    path = _temp_path()
    write_template_file(path, KINDS[kind], title="กลุ่มออมทรัพย์" if kind == "groups" else "กิจกรรมของกลุ่ม",
                        example=TEMPLATE_EXAMPLES[kind])
    return _xlsx_response(path, f"แบบฟอร์ม{KIND_LABELS[kind]}.xlsx")


@require_GET
def export_list(request, kind):
    """The group list as filtered on its page (same query string), or those groups' activities."""
    if kind not in KINDS:
        raise Http404
    _form, groups = filtered_groups(request.user, request.GET)
    return _export(kind, groups, "รายการที่เลือก")


@require_GET
def export_area(request, kind, code):
    """A whole district (4-digit code) or a whole province (2-digit code), every status."""
    if kind not in KINDS:
        raise Http404
    groups = SavingsGroup.objects.visible_to(request.user).order_by("code")
    if len(code) == 4:
        district = get_object_or_404(District, code=code)
        if not scope.in_area(request.user, district):
            raise Http404
        return _export(kind, groups.filter(district=district), district.display_name)
    province = get_object_or_404(Province, code=code)
    if not (request.user.is_national_staff or scope.is_province_staff_for(request.user, province.code)):
        raise Http404
    return _export(kind, groups.filter(district__province=province), f"จังหวัด{province.name_th}")


def _export(kind, groups, where):
    path = _temp_path()
    if kind == "groups":
        export_groups(groups, path)
    else:
        export_activities(groups, path)
    return _xlsx_response(path, f"{KIND_LABELS[kind]}-{where}-{_today()}.xlsx")


# ---------------------------------------------------------------- import, two steps

def _pending(request):
    """The upload waiting for confirmation: its kind (subject), its name and its path on the server."""
    pending = pending_get(owner=request.user, purpose=PURPOSE)
    if pending is None or pending.kind not in KINDS:
        return None
    return pending


def _discard(request):
    pending = _pending(request)
    if pending is not None:
        pending_discard(pending)


@require_POST
def upload(request):
    """The body's size was checked from Content-Length before it was read
    (core.uploads.middleware); the file is checked again, and unpacked, by the guard."""
    _require_import(request.user)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _home_page(request, form=form, status=400)
    pending = form.store(request.user)  # replaces the user's earlier pending file
    if not pending:
        return _home_page(request, form=form, status=400)
    return redirect("spreadsheets:preview")


class ReadingFailed(SpreadsheetRefused):
    """A file that broke the importer in a way no check foresaw: refused like any unreadable file
    (and logged), so that it is not offered again as waiting for confirmation."""


def _run(request, pending, *, dry_run):
    try:
        return spreadsheet_import(kind=pending.kind, path=pending.path, actor=request.user, dry_run=dry_run,
                                  file_name=pending.name)
    except (SpreadsheetRefused, PermissionDenied, DatabaseError):
        raise  # a database error (a lock timeout, say) is not the file's fault: the file stays
    except Exception as error:
        logger.exception("import of %s (%s) failed", pending.name, pending.kind)
        raise ReadingFailed("ระบบอ่านไฟล์นี้ไม่สำเร็จ ไม่ได้บันทึกข้อมูลใด ได้แจ้งผู้ดูแลระบบแล้ว กรุณาตรวจสอบไฟล์ "
                            "หรือบันทึกเป็นไฟล์ใหม่จากแบบฟอร์มของระบบแล้วลองอีกครั้ง") from error


def _refused(request, error):
    _discard(request)
    return _home_page(request, status=400, error=str(error))


def _preview_page(request, pending, report, status=200, confirm_failed=False):
    return render(request, "groups/spreadsheets/preview.html", {
        "pending": pending, "report": report, "kind_label": KIND_LABELS[pending.kind], "shown": SHOWN,
        "changes": report.changes[:SHOWN], "new": report.new[:SHOWN], "errors": report.errors[:SHOWN],
        "confirm_failed": confirm_failed,
    }, status=status)


@require_GET
def preview(request):
    _require_import(request.user)
    pending = _pending(request)
    if pending is None:
        messages.warning(request, "ไม่มีไฟล์ที่รอตรวจสอบ กรุณาเลือกไฟล์ใหม่")
        return redirect("spreadsheets:home")
    try:
        report = _run(request, pending, dry_run=True)
    except ColumnsMissing as missing:
        return _mapping_page(request, pending, missing.sheet, missing=str(missing))
    except SpreadsheetRefused as error:
        return _refused(request, error)
    return _preview_page(request, pending, report)


def _mapping_page(request, pending, sheet, *, missing="", errors=(), status=200):
    resource_class = KINDS[pending.kind]
    fields = [(name, column.column_name + (" (จำเป็น)" if column.required else ""))
              for name, column in resource_class.fields.items() if name in resource_class._meta.fields]
    return render(request, "groups/spreadsheets/mapping.html", {
        "pending": pending, "kind_label": KIND_LABELS[pending.kind], "columns": mapping_table(sheet),
        "fields": fields, "missing": missing, "errors": errors,
    }, status=status)


@require_http_methods(["GET", "POST"])
def mapping(request):
    """The column-mapping step: each column of the file with its first values and the field it is
    read as; the officer's choices are remembered for the office, then the file is previewed again."""
    _require_import(request.user)
    pending = _pending(request)
    if pending is None:
        return redirect("spreadsheets:home")
    kind, resource_class = pending.kind, KINDS[pending.kind]
    try:
        sheet = read_sheet(pending.path, resource_class,
                           mapping=services.column_mappings(actor=request.user, kind=kind))
    except ColumnsMissing as missing:
        sheet = missing.sheet
    except SpreadsheetRefused as error:
        return _refused(request, error)
    if request.method == "GET":
        return _mapping_page(request, pending, sheet)
    chosen, errors = {}, []
    for column in mapping_table(sheet):
        value = request.POST.get(f"map-{column['index']}", "")
        if value and value not in resource_class.fields:
            value = ""
        chosen[column["key"]] = value
    picked = [v for v in chosen.values() if v]
    for name in sorted({v for v in picked if picked.count(v) > 1}):
        errors.append(f"เลือก “{resource_class.fields[name].column_name}” ให้หลายคอลัมน์ กรุณาเลือกเพียงคอลัมน์เดียว")
    if errors:
        return _mapping_page(request, pending, sheet, errors=errors, status=400)
    services.column_mappings_save(actor=request.user, kind=kind, mapping=chosen)
    messages.success(request, "บันทึกการจับคู่คอลัมน์แล้ว ไฟล์ที่มีหัวคอลัมน์เดียวกันครั้งต่อไปจะจับคู่แบบนี้")
    return redirect("spreadsheets:preview")


@require_POST
def mapping_clear(request):
    _require_import(request.user)
    cleared = services.column_mappings_clear(actor=request.user)
    messages.info(request, f"ล้างการจับคู่คอลัมน์ที่จำไว้แล้ว {cleared:,} คอลัมน์")
    return redirect("spreadsheets:home")


@require_POST
def confirm(request):
    _require_import(request.user)
    pending = _pending(request)
    if pending is None or request.POST.get("token") != pending.token:
        messages.warning(request, "ไฟล์ที่รอยืนยันเปลี่ยนไปแล้ว (อาจเลือกไฟล์ใหม่จากอีกหน้าต่างหนึ่ง) กรุณาตรวจสอบอีกครั้ง")
        return redirect("spreadsheets:preview" if pending else "spreadsheets:home")
    try:
        report = _run(request, pending, dry_run=False)
    except SpreadsheetRefused as error:
        return _refused(request, error)
    if not report.applied:
        # The registry changed since the preview and a row no longer passes: nothing was written.
        return _preview_page(request, pending, report, status=409, confirm_failed=True)
    pending_discard(pending)
    messages.success(request, f"นำเข้า{KIND_LABELS[pending.kind]}จากไฟล์ “{pending.name}” แล้ว: "
                              f"เพิ่มใหม่ {report.created:,} · แก้ไข {report.updated:,} · "
                              f"ไม่เปลี่ยนแปลง {report.unchanged:,} รายการ")
    return redirect("groups:list")


@require_GET
def errors_download(request):
    _require_import(request.user)
    pending = _pending(request)
    if pending is None:
        raise Http404
    try:
        report = _run(request, pending, dry_run=True)
        sheet = read_sheet(pending.path, KINDS[pending.kind],
                           mapping=services.column_mappings(actor=request.user, kind=pending.kind))
    except SpreadsheetRefused as error:
        return _refused(request, error)
    path = _temp_path()
    write_errors(path, sheet, KINDS[pending.kind], report.errors_by_row())
    return _xlsx_response(path, f"ข้อผิดพลาด-{Path(pending.name).stem}.xlsx")


@require_http_methods(["POST"])
def discard(request):
    _require_import(request.user)
    _discard(request)
    messages.info(request, "ยกเลิกการนำเข้าแล้ว ไม่มีข้อมูลใดถูกบันทึก")
    return redirect("spreadsheets:home")
