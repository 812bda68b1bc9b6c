"""Issued documents (frozen PDFs with their signed scans), batch print jobs, and their record.

Which record a document prints is told by its kind (printing.registry): an order prints a
networks.Committee, a report letter a reviews.Submission. The district is kept on every row so
`visible_to` is the same area rule as everywhere else.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.scope import area_q
from core.events import AuditEvent, EventQuerySet


class DocumentKind(models.TextChoices):
    ORDER = "order", "คำสั่งแต่งตั้งคณะกรรมการเครือข่าย"
    BYLAWS = "bylaws", "ระเบียบเครือข่าย"
    REPORT = "report", "หนังสือรายงานผลการทบทวนฐานข้อมูล"


class IssuedState(models.TextChoices):
    """Where an issued document stands in the register (ทะเบียนคำสั่ง)."""

    ISSUED = "issued", "ออกแล้ว"
    SCANNED = "scanned", "เก็บสำเนาที่ลงนามแล้ว"
    CANCELLED = "cancelled", "ยกเลิก"
    SUPERSEDED = "superseded", "ถูกแทนที่ด้วยฉบับใหม่"


# The register's state machine: "" -> issued is the issuing itself. A signed scan may replace an
# earlier one; a superseded or cancelled document moves no more.
ISSUED_MOVES = {
    "": {IssuedState.ISSUED},
    IssuedState.ISSUED: {IssuedState.SCANNED, IssuedState.CANCELLED, IssuedState.SUPERSEDED},
    IssuedState.SCANNED: {IssuedState.SCANNED, IssuedState.CANCELLED, IssuedState.SUPERSEDED},
    IssuedState.CANCELLED: set(),
    IssuedState.SUPERSEDED: set(),
}
CURRENT_STATES = (IssuedState.ISSUED, IssuedState.SCANNED)


class IssuedDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Documents of the districts in the user's area."""
        return self.filter(area_q(user, "district"))

    def current(self):
        """Documents in force (not cancelled, not superseded): at most one per record."""
        return self.filter(state__in=CURRENT_STATES)


class IssuedDocument(models.Model):
    """A document as issued: the PDF is stored once and every reprint serves these bytes, even
    after the record changes. The signed paper copy may be scanned and attached."""

    kind = models.CharField("ประเภทเอกสาร", max_length=10, choices=DocumentKind.choices)
    record_id = models.PositiveBigIntegerField("รหัสรายการที่พิมพ์")
    district = models.ForeignKey("geo.District", on_delete=models.PROTECT, related_name="+", verbose_name="อำเภอ")
    title = models.CharField("ชื่อเอกสาร", max_length=255)
    file = models.FileField("ไฟล์ PDF ที่ออก", upload_to="issued/%Y/")
    sha256 = models.CharField("ลายนิ้วมือไฟล์ (SHA-256)", max_length=64)
    size = models.PositiveIntegerField("ขนาดไฟล์ (ไบต์)")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="ออกโดย")
    issued_at = models.DateTimeField("ออกเมื่อ")
    scan = models.FileField("สำเนาที่ลงนามแล้ว (สแกน)", upload_to="scans/%Y/", blank=True)
    scan_content_type = models.CharField("ชนิดไฟล์สแกน", max_length=50, blank=True)
    scan_uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+", verbose_name="แนบสแกนโดย")
    scan_uploaded_at = models.DateTimeField("แนบสแกนเมื่อ", null=True, blank=True)
    # The register of orders (ทะเบียนคำสั่ง): the document's number in its Buddhist year, what it
    # says in a line, who signs, its state, and what replaced it.
    state = models.CharField("สถานะในทะเบียน", max_length=12, choices=IssuedState.choices, default=IssuedState.ISSUED)
    year_be = models.PositiveSmallIntegerField("ปี พ.ศ.", null=True, blank=True)
    number = models.PositiveIntegerField("เลขที่", null=True, blank=True)
    dated = models.DateField("ลงวันที่", null=True, blank=True)
    signer = models.CharField("ผู้ลงนาม", max_length=255, blank=True)
    superseded_by = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="supersedes",
                                      verbose_name="ถูกแทนที่ด้วย")
    without_garuda = models.BooleanField("ออกโดยไม่มีตราครุฑ", default=False)
    # What the document said when issued (the committee's seats), to tell what changed since.
    snapshot = models.JSONField("ข้อมูล ณ วันที่ออก", default=dict, blank=True)
    # The electronically signed copy (PAdES, printing.signing), beside the issued file, never over it.
    signed_file = models.FileField("ฉบับลงลายมือชื่ออิเล็กทรอนิกส์", upload_to="signed/%Y/", blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name="ลงลายมือชื่ออิเล็กทรอนิกส์โดย")
    signed_at = models.DateTimeField("ลงลายมือชื่ออิเล็กทรอนิกส์เมื่อ", null=True, blank=True)

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = "เอกสารที่ออกแล้ว"
        verbose_name_plural = "เอกสารที่ออกแล้ว"
        constraints = [
            models.UniqueConstraint(fields=["kind", "record_id"], condition=Q(state__in=["issued", "scanned"]),
                                    name="printing_issued_once_per_record",
                                    violation_error_message="เอกสารนี้ออกไปแล้ว"),
            models.UniqueConstraint(fields=["district", "kind", "year_be", "number"],
                                    name="printing_issued_number_once_per_year",
                                    violation_error_message="เลขที่นี้ใช้ไปแล้วในปีเดียวกัน"),

            models.CheckConstraint(condition=Q(scan="") | Q(scan_uploaded_at__isnull=False),
                                   name="printing_scan_has_time"),
        ]

    def __str__(self):
        return self.title

    @property
    def has_scan(self) -> bool:
        return bool(self.scan)

    @property
    def is_current(self) -> bool:
        return self.state in CURRENT_STATES

    @property
    def number_text(self) -> str:
        from core.thai import to_thai_digits

        return to_thai_digits(f"{self.number}/{self.year_be}") if self.number and self.year_be else ""

    def move(self, to: str):
        """The one guard of the register's state machine (ISSUED_MOVES)."""
        from django.core.exceptions import ValidationError

        if to not in ISSUED_MOVES.get(self.state or "", set()):
            raise ValidationError(f"เอกสารสถานะ “{self.get_state_display()}” เปลี่ยนเป็น “{IssuedState(to).label}” ไม่ได้")
        self.state = to

    @property
    def scan_is_image(self) -> bool:
        return self.scan_content_type.startswith("image/")


class PrintJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A batch is seen by the person who asked for it (it holds what their area held then)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(requested_by=user)


class PrintJob(models.Model):
    """Every order (or bylaw) of a district or a province as one PDF, made by the task worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", "รอคิว"
        RUNNING = "running", "กำลังพิมพ์"
        DONE = "done", "เสร็จแล้ว"
        FAILED = "failed", "ไม่สำเร็จ"
        CANCELLED = "cancelled", "ยกเลิกแล้ว"

    kind = models.CharField("เอกสาร", max_length=10, choices=DocumentKind.choices)
    province = models.ForeignKey("geo.Province", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name="จังหวัด")
    district = models.ForeignKey("geo.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name="อำเภอ")
    status = models.CharField("สถานะ", max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField("พิมพ์แล้ว", default=0)
    total = models.PositiveIntegerField("ทั้งหมด", default=0)
    file = models.FileField("ไฟล์ PDF", upload_to="batches/%Y/", blank=True)
    error = models.TextField("ข้อผิดพลาด", blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name="สั่งพิมพ์โดย")
    requested_at = models.DateTimeField("สั่งพิมพ์เมื่อ", auto_now_add=True)
    finished_at = models.DateTimeField("เสร็จเมื่อ", null=True, blank=True)
    # The batch lifecycle (printing.jobs): the running worker beats every few seconds; a run
    # whose beat stops is started again by the watchdog task, at most MAX_ATTEMPTS times.
    heartbeat_at = models.DateTimeField("ตัวประมวลผลรายงานตัวล่าสุด", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("ครั้งที่เริ่มพิมพ์", default=0)
    note = models.TextField("สิ่งที่เกิดขึ้น", blank=True)

    objects = PrintJobQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = "งานพิมพ์ชุด"
        verbose_name_plural = "งานพิมพ์ชุด"
        constraints = [
            models.CheckConstraint(condition=Q(province__isnull=True) ^ Q(district__isnull=True),
                                   name="printing_job_one_area"),
            models.CheckConstraint(condition=Q(done__lte=models.F("total")), name="printing_job_done_within_total"),
            models.CheckConstraint(condition=~Q(status="done") | ~Q(file=""), name="printing_job_done_has_file"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.area_name}"

    @property
    def area_name(self) -> str:
        if self.district_id:
            return self.district.display_name
        return f"จังหวัด{self.province.name_th}"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED)

    @property
    def may_cancel(self) -> bool:
        return not self.is_finished

    @property
    def may_retry(self) -> bool:
        return self.status in (self.Status.FAILED, self.Status.CANCELLED)


class DocumentEventQuerySet(EventQuerySet):
    def visible_to(self, user):
        """Events of the documents in the user's area, and of the batches the user asked for."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(Q(document__isnull=False) & area_q(user, "document__district")
                           | Q(job__requested_by=user))


class DocumentEvent(AuditEvent):
    """Who issued, attached a scan, or asked for a batch, and when."""

    class Kind(models.TextChoices):
        # The labels are the words these events were written with before they had codes (0005).
        ISSUED = "issued", "ออกเอกสาร"
        SUPERSEDED = "superseded", "ถูกแทนที่ด้วยฉบับใหม่"
        SCAN_ATTACHED = "scan_attached", "แนบสำเนาที่ลงนามแล้ว"
        SIGNED = "signed", "ลงลายมือชื่ออิเล็กทรอนิกส์"
        CANCELLED = "cancelled", "ยกเลิก"
        JOB_REQUESTED = "job_requested", "สั่งพิมพ์ชุด"
        JOB_CANCELLED = "job_cancelled", "ยกเลิกงานพิมพ์ชุด"
        JOB_RETRIED = "job_retried", "สั่งพิมพ์ชุดใหม่"
        JOB_RESTARTED = "job_restarted", "เริ่มพิมพ์ชุดใหม่หลังตัวประมวลผลหยุด"
        OTHER = "other", "อื่น ๆ"  # a text no code knew when the kinds became codes (kept in the note)

    document = models.ForeignKey(IssuedDocument, on_delete=models.CASCADE, null=True, blank=True, related_name="events")
    job = models.ForeignKey(PrintJob, on_delete=models.CASCADE, null=True, blank=True, related_name="events")
    kind = models.CharField("การดำเนินการ", max_length=50, choices=Kind.choices)
    note = models.TextField("รายละเอียด", blank=True)

    objects = DocumentEventQuerySet.as_manager()

    class Meta(AuditEvent.Meta):
        verbose_name = "ประวัติเอกสารพิมพ์"
        verbose_name_plural = "ประวัติเอกสารพิมพ์"

    def __str__(self):
        return f"{self.get_kind_display()} {self.note}"


class SigningCertificate(models.Model):
    """An office's signing certificate (PKCS#12). The file and its passphrase are kept encrypted
    with SIGNING_KEY (printing.signing); subject and validity are read from the certificate."""

    office = models.OneToOneField("accounts.Office", on_delete=models.CASCADE, related_name="signing_certificate",
                                  verbose_name="สำนักงาน")
    pkcs12_encrypted = models.BinaryField("ไฟล์ใบรับรอง (เข้ารหัส)", editable=False)
    passphrase_encrypted = models.BinaryField("รหัสผ่าน (เข้ารหัส)", editable=False)
    subject = models.CharField("ชื่อเจ้าของใบรับรอง", max_length=500, editable=False)
    valid_from = models.DateTimeField("ใช้ได้ตั้งแต่", editable=False)
    valid_until = models.DateTimeField("ใช้ได้ถึง", editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="อัปโหลดโดย", editable=False)
    uploaded_at = models.DateTimeField("อัปโหลดเมื่อ", auto_now=True)

    class Meta:
        verbose_name = "ใบรับรองสำหรับลงลายมือชื่ออิเล็กทรอนิกส์"
        verbose_name_plural = "ใบรับรองสำหรับลงลายมือชื่ออิเล็กทรอนิกส์"

    def __str__(self):
        return f"{self.office} ({self.subject})"
