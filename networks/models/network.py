"""A network (tambon → amphoe → province → national) and its event log."""


from django.db import models
from django.db.models import Q

from accounts.models import Office
from accounts.scope import area_q
from core.events import AuditEvent, EventQuerySet
from networks.models.terms import Level


class NetworkQuerySet(models.QuerySet):
    def visible_to(self, user):
        """District staff: their district's tambon and amphoe networks; provincial staff: every
        network of their province (the province's own too); national staff: all."""
        q = area_q(user, "district")
        if getattr(user, "is_authenticated", False) and user.office_id and user.office.level == Office.Level.PROVINCE:
            q |= Q(level=Level.PROVINCE, province_id=user.office.province_id)
        return self.filter(q)

    def tambon(self):
        """Tambon-level networks."""
        return self.filter(level=Level.TAMBON)

    def amphoe(self):
        """Amphoe-level networks."""
        return self.filter(level=Level.AMPHOE)


class Network(models.Model):
    Level = Level

    level = models.CharField("ระดับ", max_length=10, choices=Level.choices)
    province = models.ForeignKey(
        "geo.Province", on_delete=models.PROTECT, null=True, blank=True, related_name="networks", verbose_name="จังหวัด"
    )
    district = models.ForeignKey(
        "geo.District", on_delete=models.PROTECT, null=True, blank=True, related_name="networks", verbose_name="อำเภอ"
    )
    subdistrict = models.ForeignKey(
        "geo.Subdistrict", on_delete=models.PROTECT, null=True, blank=True, related_name="networks", verbose_name="ตำบล"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="เครือข่ายระดับเหนือขึ้นไป"
    )
    name = models.CharField("ชื่อเครือข่าย", max_length=255)
    # A tambon network's member groups: the active groups of its tambon when created, adjustable.
    # An amphoe network's members are its tambon networks (`children`).
    member_groups = models.ManyToManyField(
        "groups.SavingsGroup", blank=True, related_name="networks", verbose_name="กลุ่มสมาชิก"
    )
    bylaws_announced_on = models.DateField("วันที่ประกาศระเบียบเครือข่าย", null=True, blank=True)
    created_at = models.DateTimeField("บันทึกเมื่อ", auto_now_add=True)
    updated_at = models.DateTimeField("แก้ไขล่าสุด", auto_now=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["province", "district", "level", "subdistrict"]
        verbose_name = "เครือข่ายกลุ่มออมทรัพย์เพื่อการผลิต"
        verbose_name_plural = "เครือข่ายกลุ่มออมทรัพย์เพื่อการผลิต"
        constraints = [
            models.CheckConstraint(
                name="networks_network_area_matches_level", violation_error_message="พื้นที่ของเครือข่ายไม่ตรงกับระดับ",
                condition=(
                    Q(level="tambon", subdistrict__isnull=False, district__isnull=False, province__isnull=False)
                    | Q(level="amphoe", subdistrict__isnull=True, district__isnull=False, province__isnull=False)
                    | Q(level="province", subdistrict__isnull=True, district__isnull=True, province__isnull=False)
                    | Q(level="national", subdistrict__isnull=True, district__isnull=True, province__isnull=True)
                ),
            ),
            models.UniqueConstraint(
                fields=["subdistrict"], condition=Q(level="tambon"), name="networks_one_per_tambon",
                violation_error_message="ตำบลนี้มีเครือข่ายแล้ว",
            ),
            models.UniqueConstraint(
                fields=["district"], condition=Q(level="amphoe"), name="networks_one_per_amphoe",
                violation_error_message="อำเภอนี้มีเครือข่ายแล้ว",
            ),
            models.UniqueConstraint(
                fields=["province"], condition=Q(level="province"), name="networks_one_per_province",
                violation_error_message="จังหวัดนี้มีเครือข่ายแล้ว",
            ),
        ]

    def __str__(self):
        return self.name

    @staticmethod
    def default_name(level, *, subdistrict=None, district=None, province=None) -> str:
        base = "เครือข่ายกลุ่มออมทรัพย์เพื่อการผลิต"
        if level == Level.TAMBON:
            return f"{base}ตำบล{subdistrict.name_th}"
        if level == Level.AMPHOE:
            return f"{base}อำเภอ{district.name_th}"
        if level == Level.PROVINCE:
            return f"{base}จังหวัด{province.name_th}"
        return f"{base}ระดับประเทศ"

    @property
    def area_name(self) -> str:
        if self.level == Level.TAMBON:
            return f"ตำบล{self.subdistrict.name_th} อำเภอ{self.district.name_th}"
        if self.level == Level.AMPHOE:
            return f"อำเภอ{self.district.name_th} จังหวัด{self.province.name_th}"
        if self.level == Level.PROVINCE:
            return f"จังหวัด{self.province.name_th}"
        return "ทั่วประเทศ"

    def current_committee(self):
        """The committee of the latest term (draft or not), or None."""
        return self.committees.order_by("-term_start", "-pk").first()



class NetworkEventQuerySet(EventQuerySet):
    def visible_to(self, user):
        """Events of the networks the user may see (the networks' own area rule)."""
        return self.filter(network__in=Network.objects.visible_to(user))


class NetworkEvent(AuditEvent):
    """The record of every change to a network, its committees, money and plans."""

    class Kind(models.TextChoices):
        # The labels are the words these events were written with before they had codes
        # (the 0011 migration maps those texts to these codes).
        NETWORK_CREATED = "network_created", "สร้างเครือข่าย"
        NETWORK_UPDATED = "network_updated", "แก้ไขข้อมูลเครือข่าย"
        MEMBERS_CHANGED = "members_changed", "ปรับกลุ่มสมาชิก"
        COMMITTEE_CREATED = "committee_created", "ตั้งคณะกรรมการ"
        COMMITTEE_NEXT_TERM = "committee_next_term", "เริ่มวาระใหม่"
        COMMITTEE_ORDER_UPDATED = "committee_order_updated", "แก้ไขข้อมูลคำสั่งแต่งตั้ง"
        COMMITTEE_SEATS_SAVED = "committee_seats_saved", "บันทึกรายชื่อกรรมการ"
        COMMITTEE_STATUS = "committee_status", "เปลี่ยนสถานะคณะกรรมการ"
        COMMITTEE_CORRECTED = "committee_corrected", "แก้ไขข้อมูลกรรมการหลังแต่งตั้ง"
        REPRESENTATIVES_NAMED = "representatives_named", "แจ้งผู้แทนระดับจังหวัด"
        BANK_ACCOUNT_SAVED = "bank_account_saved", "บันทึกบัญชีเงินฝาก"
        INCOME_RECORDED = "income_recorded", "บันทึกรายรับ"
        INCOME_CORRECTED = "income_corrected", "แก้ไขรายรับ"
        INCOME_VOIDED = "income_voided", "ยกเลิกรายรับ"
        SPENDING_RECORDED = "spending_recorded", "บันทึกรายจ่าย"
        SPENDING_CORRECTED = "spending_corrected", "แก้ไขรายจ่าย"
        SPENDING_VOIDED = "spending_voided", "ยกเลิกรายจ่าย"
        PLAN_CREATED = "plan_created", "สร้างแผนการขับเคลื่อน"
        PLAN_ACTIVITIES_SAVED = "plan_activities_saved", "บันทึกกิจกรรมตามแผน"
        PLAN_SUBMITTED = "plan_submitted", "ส่งแผนการขับเคลื่อนให้จังหวัด"
        PLAN_RETURNED = "plan_returned", "จังหวัดส่งแผนกลับแก้ไข"
        OTHER = "other", "อื่น ๆ"  # a text no code knew when the kinds became codes (kept in the note)

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="events", verbose_name="เครือข่าย")
    committee = models.ForeignKey("networks.Committee", on_delete=models.SET_NULL, null=True, blank=True, related_name="events")
    kind = models.CharField("การดำเนินการ", max_length=50, choices=Kind.choices)
    note = models.TextField("รายละเอียด", blank=True)

    objects = NetworkEventQuerySet.as_manager()

    class Meta(AuditEvent.Meta):
        verbose_name = "ประวัติการดำเนินการของเครือข่าย"
        verbose_name_plural = verbose_name

    def __str__(self):
        return f"{self.get_kind_display()} {self.note}"
