"""Demo data: some orders and report letters already issued, so the pages show both states.

The amphoe orders that the networks demo numbered and appointed are issued for every other
district; the report letters of Lampang's submitted districts are issued too. Idempotent.
"""

from accounts.models import User
from printing import registry, services
from printing.models import IssuedDocument


def _issue(printable, records) -> int:
    made = 0
    for record in records:
        if IssuedDocument.objects.filter(kind=printable.code, record_id=record.pk).exists():
            continue
        district = printable.district_of(record)
        actor = User.objects.filter(username=f"amphoe{district.pk}").first()
        if actor is None or printable.issue_problems(record):
            continue
        services.document_issue(printable=printable, record=record, actor=actor, confirm_without_garuda=True)
        made += 1
    return made


def seed() -> dict:
    result = {}
    order = registry.get("order")
    if order is not None:
        from networks.models import Committee

        committees = (Committee.objects.filter(status=Committee.Status.APPOINTED, order_number__isnull=False)
                      .select_related("network__district", "network__province").order_by("district_id"))
        result["orders issued"] = _issue(order, list(committees)[::2])
    report = registry.get("report")
    if report is not None:
        from reviews.models import Submission

        submissions = Submission.objects.filter(
            status__in=[Submission.Status.SUBMITTED, Submission.Status.ACCEPTED], district__province_id="52",
        ).select_related("round", "district__province").exclude(letter_number="")
        result["letters issued"] = _issue(report, submissions)
    return result
