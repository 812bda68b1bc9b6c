"""Drive plans: a fiscal year's activities, submitted to the province and returned by it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from networks import permissions
from networks.models import PLAN_STATUS, DrivePlan, Level, Network, PlanActivity
from networks.models.plans import PLAN_YEAR_TAKEN
from networks.services.events import Kind, record_event

# A plan sent to the province is locked; who may return it and what returning needs (the pages
# say these too).
PLAN_LOCKED_REFUSED = "แผนนี้ส่งจังหวัดแล้ว แก้ไขไม่ได้ จนกว่าจังหวัดจะส่งกลับ"
PLAN_RETURN_REASON_REQUIRED = "กรุณาระบุเหตุผลที่ส่งกลับ"
PLAN_RETURN_REFUSED = "เฉพาะสำนักงานพัฒนาชุมชนจังหวัดเท่านั้นที่ส่งแผนกลับได้"


@transaction.atomic
def plan_create(*, network: Network, actor, fiscal_year: int) -> DrivePlan:
    permissions.require_edit(actor, network)
    if network.plans.filter(fiscal_year=fiscal_year).exists():
        raise ValidationError({"fiscal_year": PLAN_YEAR_TAKEN})
    plan = DrivePlan(network=network, fiscal_year=fiscal_year)
    PLAN_STATUS.check("", plan.status)  # a new plan enters as a draft
    plan.full_clean()
    plan.save()
    record_event(network, actor, Kind.PLAN_CREATED, plan.fiscal_year_label)
    return plan


@transaction.atomic
def plan_save_activities(*, plan: DrivePlan, actor, activities: list[dict]) -> DrivePlan:
    permissions.require_edit(actor, plan.network)
    if plan.status == DrivePlan.Status.SUBMITTED:
        raise ValidationError(PLAN_LOCKED_REFUSED)
    rows = []
    for position, data in enumerate(activities, start=1):
        row = PlanActivity(plan=plan, position=position, **data)
        row.full_clean(exclude=["plan"])
        rows.append(row)
    plan.activities.all().delete()
    PlanActivity.objects.bulk_create(rows)
    record_event(plan.network, actor, Kind.PLAN_ACTIVITIES_SAVED, f"{plan.fiscal_year_label} {len(rows)} กิจกรรม")
    return plan


def _plan_move(plan, to) -> dict:
    """Moves the plan (the caller saves); returns the event's old and new status."""
    return {"old": PLAN_STATUS.move(plan, to), "new": to}


@transaction.atomic
def plan_submit(*, plan: DrivePlan, actor) -> DrivePlan:
    plan = DrivePlan.objects.select_for_update(of=("self",), no_key=True).select_related("network").get(pk=plan.pk)
    permissions.require_edit(actor, plan.network)
    if plan.network.level != Level.AMPHOE:
        raise ValidationError("แผนที่ส่งจังหวัดคือแผนของเครือข่ายระดับอำเภอ")
    if not plan.activities.exists():
        raise ValidationError("แผนยังไม่มีกิจกรรม กรุณาเพิ่มกิจกรรมก่อนส่งจังหวัด")
    moved, now = _plan_move(plan, DrivePlan.Status.SUBMITTED), timezone.now()
    plan.submitted_at, plan.submitted_by, plan.return_reason = now, actor, ""
    plan.save()
    record_event(plan.network, actor, Kind.PLAN_SUBMITTED, plan.fiscal_year_label, now=now, **moved)
    return plan


@transaction.atomic
def plan_return(*, plan: DrivePlan, actor, reason: str) -> DrivePlan:
    plan = DrivePlan.objects.select_for_update(of=("self",), no_key=True).select_related("network").get(pk=plan.pk)
    if not permissions.can_review_plans(actor, plan.network):
        raise ValidationError(PLAN_RETURN_REFUSED)
    if not reason.strip():
        raise ValidationError({"reason": PLAN_RETURN_REASON_REQUIRED})
    moved = _plan_move(plan, DrivePlan.Status.RETURNED)
    plan.return_reason = reason.strip()
    plan.save()
    record_event(plan.network, actor, Kind.PLAN_RETURNED, reason.strip(), **moved)
    return plan
