"""Printing a record's document, issuing it, its signed scan, and batch prints.

Every view finds the record through its own model's `visible_to(user)` (registry.Printable.records):
a record outside the user's area is a 404, and so is an issued document whose record is.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.pages import htmx_template
from printing import jobs, register, registry, services, signing
from printing.forms import BatchForm, ScanForm
from printing.models import IssuedDocument, PrintJob


def _printable_or_404(kind):
    printable = registry.get(kind)
    if printable is None:
        raise Http404
    return printable


def _record_or_404(printable, user, pk):
    return get_object_or_404(printable.records(user), pk=pk)


def _pdf_response(content: bytes, filename: str, *, download=False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(filename):
    from urllib.parse import quote

    return quote(filename)


def _back(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


def _issued_record_or_404(user, pk):
    """An issued document the user may see: in their area, and its record visible to them."""
    document = get_object_or_404(IssuedDocument.objects.visible_to(user).select_related("district"), pk=pk)
    printable = _printable_or_404(document.kind)
    record = _record_or_404(printable, user, document.record_id)
    return document, printable, record


@require_GET
def document_pdf(request, kind, pk):
    """The record's document: the stored file once issued (byte-identical), else as it stands now."""
    printable = _printable_or_404(kind)
    record = _record_or_404(printable, request.user, pk)
    content = services.document_bytes(printable, record)
    return _pdf_response(content, printable.filename(record), download="download" in request.GET)


@require_POST
def document_issue(request, kind, pk):
    printable = _printable_or_404(kind)
    record = _record_or_404(printable, request.user, pk)
    fallback = printable.record_url(record) if printable.record_url else reverse("home")
    confirmed = request.POST.get("confirm_without_garuda") == "1"
    supersede = request.POST.get("supersede") == "1"
    try:
        document = services.document_issue(printable=printable, record=record, actor=request.user,
                                           confirm_without_garuda=confirmed, supersede=supersede)
    except services.NeedsConfirmation as question:
        return render(request, "printing/confirm_issue.html", {
            "printable": printable, "record": record, "question": question.messages[0], "supersede": supersede,
            "next": _back(request, fallback), "back": fallback,
        })
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_back(request, fallback))
    messages.success(request, f"ออก{document.title}แล้ว พิมพ์ซ้ำจะได้ไฟล์เดิมทุกครั้ง")
    return redirect(_back(request, reverse("printing:issued", args=[document.pk])))


def _register_district(request):
    """The district whose register is shown: the user's own, or one of their area (?district=)."""
    districts = services.areas_for(request.user)
    code = request.GET.get("district")
    if not code and request.user.office_id:
        code = request.user.office.district_id
    if not code:
        first = districts.first()
        if first is None:
            raise Http404
        return first, districts
    return get_object_or_404(districts, pk=code), districts


def _register_year(request, district):
    from django.utils import timezone

    from core.thai import BE_OFFSET

    try:
        return int(request.GET.get("year", "")), register.years_of(district)
    except ValueError:
        years = register.years_of(district)
        return (years[0] if years else timezone.localdate().year + BE_OFFSET), years


@require_GET
def order_register(request):
    district, districts = _register_district(request)
    year, years = _register_year(request, district)
    if year not in years:
        years = sorted({*years, year}, reverse=True)
    from accounts.scope import can_edit_district

    return render(request, "printing/register.html", {
        "may_cancel": can_edit_district(request.user, district), "district": district, "districts": districts if districts.count() > 1 else None, "year": year,
        "years": years, "entries": register.entries(district, year),
    })


@require_GET
def order_register_xlsx(request):
    district, _districts = _register_district(request)
    year, _years = _register_year(request, district)
    response = HttpResponse(register.register_xlsx(district, year),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(f'ทะเบียนคำสั่ง-{district.name_th}-{year}.xlsx')}"
    return response


@require_http_methods(["GET", "POST"])
def issued_detail(request, pk):
    document, printable, record = _issued_record_or_404(request.user, pk)
    can_edit = printable.may_issue(request.user, record)
    form = ScanForm()
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = ScanForm(request.POST, request.FILES)
        if form.is_valid():
            services.document_attach_scan(document=document, printable=printable, record=record,
                                          upload=form.cleaned_data["scan"], actor=request.user)
            messages.success(request, "แนบสำเนาที่ลงนามแล้วเรียบร้อย")
            return redirect("printing:issued", pk=document.pk)
    return render(request, "printing/issued_detail.html", {
        "document": document, "printable": printable, "record": record, "form": form, "can_edit": can_edit,
        "record_url": printable.record_url(record) if printable.record_url else "",
        "upload_limit_mb": settings.UPLOAD_LIMIT_MB,
        "may_sign": can_edit and document.is_current and not document.signed_file
        and signing.certificate_for(document) is not None,
    })


@require_GET
def issued_file(request, pk):
    document, printable, record = _issued_record_or_404(request.user, pk)
    with document.file.open("rb") as handle:
        content = handle.read()
    return _pdf_response(content, printable.filename(record), download="download" in request.GET)


@require_POST
def issued_cancel(request, pk):
    document, _printable, _record = _issued_record_or_404(request.user, pk)
    try:
        services.document_cancel(document=document, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"ยกเลิก{document.title}แล้ว ไฟล์ที่ออกไว้ยังเก็บอยู่ตามเดิม")
    return redirect(_back(request, reverse("printing:issued", args=[document.pk])))


@require_POST
def issued_sign(request, pk):
    document, _printable, _record = _issued_record_or_404(request.user, pk)
    try:
        signing.issued_document_sign(document=document, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "ลงลายมือชื่ออิเล็กทรอนิกส์แล้ว ฉบับที่ออกไว้ยังเก็บอยู่ตามเดิม")
    return redirect("printing:issued", pk=document.pk)


@require_GET
def issued_signed_file(request, pk):
    document, printable, record = _issued_record_or_404(request.user, pk)
    if not document.signed_file:
        raise Http404
    with document.signed_file.open("rb") as handle:
        content = handle.read()
    name = printable.filename(record).removesuffix(".pdf") + " (ลงลายมือชื่ออิเล็กทรอนิกส์).pdf"
    return _pdf_response(content, name, download="download" in request.GET)


@require_GET
def issued_scan(request, pk):
    document, _printable, _record = _issued_record_or_404(request.user, pk)
    if not document.scan:
        raise Http404
    response = FileResponse(document.scan.open("rb"), content_type=document.scan_content_type)
    response["Content-Disposition"] = "inline"
    return response


@require_http_methods(["GET", "POST"])
def batch_list(request):
    form = BatchForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        province, district = form.chosen_area()
        try:
            job = services.print_job_create(kind=form.cleaned_data["kind"], actor=request.user,
                                            province=province, district=district)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("printing:batch", pk=job.pk)
    jobs = PrintJob.objects.visible_to(request.user).select_related("province", "district")[:20]
    return render(request, "printing/batch_list.html", {"form": form, "jobs": jobs})


@require_GET
def batch_detail(request, pk):
    job = get_object_or_404(PrintJob.objects.visible_to(request.user).select_related("province", "district"), pk=pk)
    template = htmx_template(request, "printing/batch_detail.html", "progress")
    return render(request, template, {"job": job})


@require_GET
def batch_download(request, pk):
    job = get_object_or_404(PrintJob.objects.visible_to(request.user), pk=pk, status=PrintJob.Status.DONE)
    with job.file.open("rb") as handle:
        content = handle.read()
    return _pdf_response(content, f"{job.get_kind_display()} {job.area_name}.pdf", download=True)


def _batch_action(request, pk, action, done_message):
    job = get_object_or_404(PrintJob.objects.visible_to(request.user), pk=pk)
    try:
        action(job=job, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done_message)
    return redirect("printing:batch", pk=job.pk)


@require_POST
def batch_cancel(request, pk):
    return _batch_action(request, pk, jobs.print_job_cancel, "ยกเลิกงานพิมพ์แล้ว")


@require_POST
def batch_retry(request, pk):
    return _batch_action(request, pk, jobs.print_job_retry, "สั่งพิมพ์ใหม่แล้ว ระบบจะพิมพ์อยู่เบื้องหลัง")
