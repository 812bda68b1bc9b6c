"""Notices: what the registry tells a user, in the app (read/unread) and by e-mail.

One row per user and event: the unique (user, key) constraint is what makes a reminder or a
"returned" notice reach each person once, however often the task runs. The row also records what
happened to its e-mail.
"""

from django.conf import settings
from django.db import models


class NoticeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A user sees only their own notices."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)

    def unread(self):
        """Notices the user has not marked read."""
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    class Kind(models.TextChoices):
        REMINDER = "reminder", "เตือนกำหนดส่งผลการทบทวน"
        ARRIVED = "arrived", "อำเภอส่งผลการทบทวนถึงจังหวัด"
        RETURNED = "returned", "จังหวัดส่งผลการทบทวนกลับให้แก้ไข"
        ACCEPTED = "accepted", "จังหวัดรับผลการทบทวนแล้ว"

    class Email(models.TextChoices):
        PENDING = "pending", "รอส่ง"
        SENT = "sent", "ส่งแล้ว"
        OFF = "off", "ผู้ใช้ปิดการแจ้งทางอีเมล"
        NO_ADDRESS = "no_address", "ไม่มีอีเมล"
        FAILED = "failed", "ส่งไม่สำเร็จ"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices",
                             verbose_name="ผู้รับ")
    kind = models.CharField("เรื่อง", max_length=10, choices=Kind.choices)
    # The event this notice is about, e.g. "reminder:<submission>:7" or "status:<review event>".
    key = models.CharField("เหตุการณ์", max_length=100)
    title = models.CharField("หัวข้อ", max_length=255)
    body = models.TextField("ข้อความ", blank=True)
    url = models.CharField("ลิงก์", max_length=255, blank=True)
    created_at = models.DateTimeField("แจ้งเมื่อ")
    read_at = models.DateTimeField("อ่านเมื่อ", null=True, blank=True)
    email = models.CharField("อีเมล", max_length=10, choices=Email.choices, default=Email.PENDING)
    emailed_at = models.DateTimeField("ส่งอีเมลเมื่อ", null=True, blank=True)
    email_error = models.TextField("ข้อผิดพลาดของอีเมล", blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "การแจ้งเตือน"
        verbose_name_plural = "การแจ้งเตือน"
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notices_notice_once_per_event"),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notices_user_created_idx"),
            models.Index(fields=["email"], name="notices_email_idx"),
        ]

    def __str__(self):
        return f"{self.user} · {self.title}"


class NoticeSettings(models.Model):
    """A user's choice about e-mail; no row means e-mail on."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_settings",
                                verbose_name="ผู้ใช้")
    email_enabled = models.BooleanField("รับการแจ้งเตือนทางอีเมล", default=True)

    class Meta:
        verbose_name = "การตั้งค่าการแจ้งเตือน"
        verbose_name_plural = "การตั้งค่าการแจ้งเตือน"

    def __str__(self):
        return str(self.user)
