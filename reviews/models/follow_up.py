"""Follow-up of category 2 groups that said they will correct: each visit a district officer records,
with its outcome. The review's `follow_up_status` holds where the group stands now."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class FollowUpVisitQuerySet(models.QuerySet):
    def visible_to(self, user):
        from accounts.scope import area_q

        return self.filter(area_q(user, "review__submission__district"))


class FollowUpVisit(models.Model):
    """One follow-up visit to a category 2 group: when, what was found, what happens next."""

    class Outcome(models.TextChoices):
        COMPLIANT = "compliant", "ดำเนินการตามระเบียบฯ แล้ว (เปลี่ยนเป็นประเภทที่ 1)"
        CORRECTING = "correcting", "ยังอยู่ระหว่างปรับปรุงแก้ไข (นัดติดตามครั้งถัดไป)"
        REFUSED = "refused", "ไม่ประสงค์ดำเนินการตามระเบียบฯ (เสนอจังหวัดนำออกจากฐานข้อมูล)"

    review = models.ForeignKey("reviews.GroupReview", on_delete=models.CASCADE, related_name="visits",
                               verbose_name="การจัดประเภทกลุ่ม")
    visited_on = models.DateField("วันที่ติดตาม")
    outcome = models.CharField("ผลการติดตาม", max_length=12, choices=Outcome.choices)
    note = models.TextField("บันทึกการติดตาม", blank=True)
    next_follow_up_on = models.DateField("ติดตามครั้งถัดไปวันที่", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="บันทึกโดย")
    recorded_at = models.DateTimeField("บันทึกเมื่อ")

    objects = FollowUpVisitQuerySet.as_manager()

    class Meta:
        ordering = ["-visited_on", "-pk"]
        verbose_name = "การติดตามกลุ่มประเภทที่ 2"
        verbose_name_plural = "การติดตามกลุ่มประเภทที่ 2"
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="correcting")
                | (Q(next_follow_up_on__isnull=False) & Q(next_follow_up_on__gt=models.F("visited_on"))),
                name="reviews_visit_correcting_has_next_date",
            ),
            models.CheckConstraint(condition=~Q(outcome="refused") | ~Q(note=""),
                                   name="reviews_visit_refused_has_note"),
        ]

    def __str__(self):
        return f"{self.review_id} · {self.visited_on} · {self.get_outcome_display()}"
