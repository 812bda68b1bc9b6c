"""Uploads waiting for their second step (preview → confirm): the file is on disk under
PENDING_UPLOAD_DIR, never in the session; this row binds its random token to the user."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class PendingUploadQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A pending upload is seen by the user who uploaded it, and by no one else."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(owner=user)


class PendingUpload(models.Model):
    token = models.CharField("รหัสไฟล์", max_length=32, unique=True)  # also the file's name on disk
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                              verbose_name="ผู้อัปโหลด")
    purpose = models.CharField("ใช้สำหรับ", max_length=40)  # e.g. "spreadsheet-import", "review-sheet"
    subject = models.CharField("รายการ", max_length=40, blank=True)  # e.g. the submission's id
    kind = models.CharField("ข้อมูลในไฟล์", max_length=40, blank=True)  # e.g. the import's "groups"
    original_name = models.CharField("ชื่อไฟล์เดิม", max_length=150)
    format = models.CharField("ชนิดไฟล์", max_length=10)
    size = models.PositiveBigIntegerField("ขนาด (ไบต์)")
    created_at = models.DateTimeField("อัปโหลดเมื่อ", default=timezone.now, db_index=True)

    objects = PendingUploadQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "ไฟล์ที่รอยืนยัน"
        verbose_name_plural = "ไฟล์ที่รอยืนยัน"

    def __str__(self):
        return self.original_name

    @property
    def name(self) -> str:
        return self.original_name

    @property
    def path(self):
        from core.uploads.pending import pending_dir

        return pending_dir() / f"{self.token}.{self.format}"
