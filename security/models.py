"""The record of who saw personal data (PDPA sections 37 and 39): every export, print and view of
full national ID numbers writes one row. Rows are only ever added (security.access); the admin
shows them read-only to national administrators."""

from django.conf import settings
from django.db import models


class PersonalDataAccess(models.Model):
    class Action(models.TextChoices):
        VIEW_IDS = "view_ids", "ดูเลขประจำตัวประชาชนเต็ม"
        EXPORT = "export", "ส่งออกไฟล์"
        PRINT = "print", "พิมพ์เอกสาร"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name="ผู้ใช้")
    office = models.CharField("สังกัด", max_length=255, blank=True)
    at = models.DateTimeField("เมื่อ", auto_now_add=True, db_index=True)
    action = models.CharField("การเข้าถึง", max_length=10, choices=Action.choices)
    subject = models.CharField("ข้อมูลที่เข้าถึง", max_length=255)
    area = models.CharField("พื้นที่", max_length=255, blank=True)
    document = models.CharField("เอกสารหรือไฟล์", max_length=255, blank=True)
    path = models.CharField("ที่อยู่ (URL)", max_length=500)
    ip_address = models.GenericIPAddressField("หมายเลขไอพี", null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "บันทึกการเข้าถึงข้อมูลส่วนบุคคล"
        verbose_name_plural = "บันทึกการเข้าถึงข้อมูลส่วนบุคคล"
        indexes = [models.Index(fields=["user", "-at"], name="security_access_user_at")]

    def __str__(self):
        return f"{self.get_action_display()}: {self.subject}"
