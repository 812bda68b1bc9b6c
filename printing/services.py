"""Everything that writes: issuing a document, attaching its signed scan, batch printing."""

import hashlib
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.scope import districts_visible_to, in_area
from core.prepared import prepared
from core.uploads import guard_scan, random_name
from printing import jobs, pdf, registry
from printing.models import DocumentEvent, IssuedDocument, IssuedState, PrintJob

logger = logging.getLogger(__name__)

SCAN_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def issued_for(printable, record) -> IssuedDocument | None:
    """The record's document in force (not cancelled or superseded), if issued."""
    return next(iter(_current_issued(printable.code, record.pk)), None)


@prepared
def _current_issued(kind, record_id):
    """Read on every page of a record that has documents (core/prepared.py: compiled once)."""
    return IssuedDocument.objects.current().filter(kind=kind, record_id=record_id)[:1]


class NeedsConfirmation(ValidationError):
    """Issuing needs the user's explicit yes (no Garuda image); the message says why."""


def changes_since(printable, record, issued: IssuedDocument) -> list[str]:
    """What the record says now that its issued document does not (Thai lines), or []."""
    if printable.snapshot is None or not issued.snapshot:
        return []
    before, now = issued.snapshot, printable.snapshot(record)
    changes = []
    old_seats = [tuple(seat) for seat in before.get("seats", [])]
    new_seats = [tuple(seat) for seat in now.get("seats", [])]
    for index in range(max(len(old_seats), len(new_seats))):
        old = old_seats[index] if index < len(old_seats) else None
        new = new_seats[index] if index < len(new_seats) else None
        if old == new:
            continue
        if old and new:
            changes.append(f"ลำดับที่ {index + 1} {new[0]}: จาก {old[1]} เป็น {new[1]}")
        elif new:
            changes.append(f"เพิ่มลำดับที่ {index + 1} {new[0]}: {new[1]}")
        else:
            changes.append(f"ไม่มีลำดับที่ {index + 1} {old[0]}: {old[1]} แล้ว")
    for key, label in (("signer", "ผู้ลงนาม"), ("number", "เลขที่คำสั่ง")):
        if before.get(key) != now.get(key):
            changes.append(f"{label}: จาก {before.get(key) or '-'} เป็น {now.get(key) or '-'}")
    return changes


def _next_number(district, kind, year_be) -> int:
    last = (IssuedDocument.objects.filter(district=district, kind=kind, year_be=year_be)
            .order_by("-number").values_list("number", flat=True).first())
    return (last or 0) + 1


def document_bytes(printable, record) -> bytes:
    """The document as it stands: the stored PDF once issued (byte for byte), else rendered now."""
    issued = issued_for(printable, record)
    if issued is not None:
        with issued.file.open("rb") as handle:
            return handle.read()
    return pdf.render_document(printable.build(record))


@transaction.atomic
def document_issue(*, printable, record, actor, confirm_without_garuda=False, supersede=False) -> IssuedDocument:
    """Freezes the document: renders it once, stores the PDF and its SHA-256, and enters it in the
    register. A record whose document is in force can be issued again only to supersede it
    (`supersede`), once the record has changed; the old one is never altered, only marked as
    superseded by the new. Without a Garuda image the user must confirm."""
    district = printable.district_of(record)
    if not printable.may_issue(actor, record):
        raise PermissionDenied
    current = (IssuedDocument.objects.select_for_update().current()
               .filter(kind=printable.code, record_id=record.pk).first())
    if current is not None and not supersede:
        raise ValidationError("เอกสารนี้ออกไปแล้ว พิมพ์ซ้ำได้จากฉบับที่เก็บไว้")
    if current is not None and not changes_since(printable, record, current):
        raise ValidationError("ข้อมูลยังไม่เปลี่ยนจากฉบับที่ออกไปแล้ว ไม่ต้องออกฉบับใหม่")
    problems = printable.issue_problems(record)
    if problems:
        raise ValidationError(["ยังออกเอกสารไม่ได้: " + problem for problem in problems])
    entry = printable.register_entry(record) if printable.register_entry else {}
    if current is not None and entry.get("number") and (entry.get("number"), entry.get("year_be")) == (
            current.number, current.year_be):
        raise ValidationError("ฉบับใหม่ต้องมีเลขที่ใหม่ กรุณาบันทึกเลขที่และวันที่ของคำสั่งฉบับใหม่ก่อน")
    doc = printable.build(record)
    without_garuda = hasattr(doc, "garuda") and not doc.garuda
    if without_garuda and not confirm_without_garuda:
        raise NeedsConfirmation("สำนักงานยังไม่มีภาพตราครุฑ เอกสารจะออกโดยเว้นที่ว่างไว้ และทะเบียนจะบันทึกว่าออกโดยไม่มีตราครุฑ "
                                "ยืนยันเพื่อออกเอกสาร หรือให้ผู้ดูแลระบบเพิ่มภาพตราครุฑของสำนักงานก่อน",
                                code="needs_garuda_confirmation")
    content = pdf.render_document(doc)
    year_be = entry.get("year_be")
    number = entry.get("number") or (_next_number(district, printable.code, year_be) if year_be else None)
    document = IssuedDocument(
        kind=printable.code, record_id=record.pk, district=district, title=printable.title(record),
        sha256=hashlib.sha256(content).hexdigest(), size=len(content), issued_by=actor, issued_at=timezone.now(),
        year_be=year_be, number=number, dated=entry.get("dated"), signer=entry.get("signer", ""),
        without_garuda=without_garuda, snapshot=printable.snapshot(record) if printable.snapshot else {},
    )
    # Stored under a random name (never guessable; files are served only through the views that
    # apply visible_to); the Thai file name is given when the file is served.
    document.file.save(random_name("pdf"), ContentFile(content), save=False)
    try:
        with transaction.atomic():
            if current is not None:
                current.move(IssuedState.SUPERSEDED)
                # The constraint allows one document in force per record: the old leaves first.
                IssuedDocument.objects.filter(pk=current.pk).update(state=IssuedState.SUPERSEDED)
            document.full_clean(exclude=["file", "superseded_by"], validate_unique=False, validate_constraints=False)
            document.save()
            if current is not None:
                IssuedDocument.objects.filter(pk=current.pk).update(superseded_by=document)
    except IntegrityError as error:  # issued by someone else a moment ago, or the number is taken
        document.file.delete(save=False)
        raise ValidationError("เอกสารนี้ออกไปแล้ว หรือเลขที่นี้ใช้ไปแล้วในปีเดียวกัน") from error
    detail = f"{document.title} (SHA-256 {document.sha256[:12]}…)"
    if without_garuda:
        detail += " ออกโดยไม่มีตราครุฑ (ผู้ออกยืนยันแล้ว)"
    DocumentEvent.objects.create(document=document, actor=actor, kind=DocumentEvent.Kind.ISSUED, note=detail,
                                 at=document.issued_at)
    if current is not None:
        DocumentEvent.objects.create(document=current, actor=actor, kind=DocumentEvent.Kind.SUPERSEDED,
                                     note=document.number_text or document.title, at=document.issued_at)
    return document


def check_scan(upload) -> str:
    """The content type of an acceptable scan (PDF, JPEG or PNG, read from its bytes, not its
    name), or a ValidationError with a Thai message: the one upload guard (core.uploads)."""
    return guard_scan(upload)


@transaction.atomic
def document_attach_scan(*, document: IssuedDocument, printable, record, upload, actor) -> IssuedDocument:
    """Attaches (or replaces) the scan of the signed paper copy; who issues may attach."""
    document = IssuedDocument.objects.select_for_update(of=("self",), no_key=True).get(pk=document.pk)
    if not printable.may_issue(actor, record):
        raise PermissionDenied
    content_type = check_scan(upload)
    old = document.scan.name if document.scan else ""
    document.scan.save(random_name(SCAN_TYPES[content_type]), upload, save=False)
    document.scan_content_type = content_type
    document.scan_uploaded_by = actor
    document.scan_uploaded_at = timezone.now()
    if document.state == IssuedState.ISSUED:  # a superseded order's signed copy is kept as it is
        document.move(IssuedState.SCANNED)
    document.save(update_fields=["scan", "scan_content_type", "scan_uploaded_by", "scan_uploaded_at", "state"])
    if old and old != document.scan.name:
        transaction.on_commit(lambda: document.scan.storage.delete(old))
    DocumentEvent.objects.create(document=document, actor=actor, kind=DocumentEvent.Kind.SCAN_ATTACHED,
                                 note="แทนฉบับเดิม" if old else "", at=document.scan_uploaded_at)
    return document


@transaction.atomic
def document_cancel(*, document: IssuedDocument, actor, reason: str) -> IssuedDocument:
    """Cancels an issued order or bylaw in the register (its files are kept as they were); who may
    issue it may cancel it, with a reason. The record may then be issued anew."""
    document = IssuedDocument.objects.select_for_update(of=("self",), no_key=True).get(pk=document.pk)
    printable = registry.get(document.kind)
    record = printable.records(actor).filter(pk=document.record_id).first() if printable else None
    if record is None or not printable.may_issue(actor, record):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("กรุณาระบุเหตุผลที่ยกเลิก")
    document.move(IssuedState.CANCELLED)
    document.save(update_fields=["state"])
    DocumentEvent.objects.create(document=document, actor=actor, kind=DocumentEvent.Kind.CANCELLED, note=reason[:1000],
                                 at=timezone.now())
    return document


# Batch printing --------------------------------------------------------------------------------


def may_print_area(user, *, province=None, district=None) -> bool:
    """Batch prints cover the user's area only: a district office its own district, a province
    office its province or one of its districts, the department anywhere."""
    if district is not None:
        return in_area(user, district)
    if province is None or not getattr(user, "is_authenticated", False) or not user.office_id:
        return False
    return user.is_national_staff or (user.is_province_staff and user.office.province_id == province.pk)


@transaction.atomic
def print_job_create(*, kind: str, actor, province=None, district=None) -> PrintJob:
    """Queues a batch print; the task worker makes the file (printing.tasks)."""
    printable = registry.get(kind)
    if printable is None or printable.in_area is None:
        raise ValidationError({"kind": "ไม่รู้จักเอกสารนี้"})
    if (province is None) == (district is None):
        raise ValidationError("กรุณาเลือกจังหวัดหรืออำเภออย่างใดอย่างหนึ่ง")
    if not may_print_area(actor, province=province, district=district):
        raise PermissionDenied
    job = PrintJob.objects.create(kind=kind, province=province, district=district, requested_by=actor)
    DocumentEvent.objects.create(job=job, actor=actor, kind=DocumentEvent.Kind.JOB_REQUESTED, note=str(job),
                                 at=job.requested_at)
    transaction.on_commit(lambda: jobs.enqueue(job.pk))
    return job


def batch_bytes(printable, records, progress=None) -> bytes:
    """Every record's document (stored if issued) as one PDF; progress(n) after each."""
    parts = []
    issued = {d.record_id: d for d in IssuedDocument.objects.current().filter(kind=printable.code,
                                                                                record_id__in=[r.pk for r in records])}
    for number, record in enumerate(records, start=1):
        stored = issued.get(record.pk)
        if stored is not None:
            with stored.file.open("rb") as handle:
                parts.append(handle.read())
        else:
            parts.append(pdf.render_document(printable.build(record)))
        if progress:
            progress(number)
    if not parts:
        raise ValidationError("ไม่มีเอกสารในพื้นที่ที่เลือก")
    return pdf.merge_pdfs(parts)


def print_job_run(job_id: int, task_id: str = "") -> PrintJob:
    """The worker's side of a batch: counts progress in the row the page polls, beats while it
    runs and stops when the job is cancelled (printing.jobs: what happens if the worker dies)."""
    job = PrintJob.objects.select_related("province", "district").get(pk=job_id)
    if job.is_finished:
        return job
    printable = registry.get(job.kind)
    attempt = jobs.begin(job, task_id)
    running = PrintJob.objects.filter(pk=job.pk, status=PrintJob.Status.RUNNING, attempts=attempt)
    try:
        with jobs.heartbeat(job.pk):
            records = list(printable.in_area(province=job.province, district=job.district))
            running.update(total=len(records), done=0)
            content = batch_bytes(printable, records, lambda number: jobs.progress(job.pk, number))
        job.file.save(random_name("pdf"), ContentFile(content), save=False)
        if not running.update(file=job.file.name, status=PrintJob.Status.DONE, finished_at=timezone.now()):
            job.file.delete(save=False)  # cancelled, or started again elsewhere, meanwhile
    except jobs.Cancelled:
        pass
    except Exception as error:
        logger.exception("batch print %s failed", job.pk)
        message = "; ".join(error.messages) if isinstance(error, ValidationError) else "เกิดข้อผิดพลาดระหว่างพิมพ์"
        running.update(status=PrintJob.Status.FAILED, error=message, finished_at=timezone.now())
    job.refresh_from_db()
    return job


def areas_for(user):
    """The districts a user may batch-print, for the form's choices."""
    return districts_visible_to(user).select_related("province")
