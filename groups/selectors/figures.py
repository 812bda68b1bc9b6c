"""The figures at the head of the group list: the user's area's groups by status, and those the
list shows counted and summed. One prepared query (core/prepared.py) of the area's groups by
status and regulation (at most six rows), added up here."""

from django.db.models import Count, Sum

from core.prepared import prepared
from groups.models import SavingsGroup
from groups.selectors.filters import STATUS_ALL

Status = SavingsGroup.Status


@prepared
def _by_status(user):
    return (SavingsGroup.objects.visible_to(user).order_by().values("status", "under_regulation")
            .annotate(n=Count("pk"), members=Sum("members_total"), savings=Sum("savings_balance")))


def _add(rows, key):
    values = [row[key] for row in rows if row[key] is not None]
    return sum(values) if values else None  # as SQL's SUM: nothing to add is NULL


def area_figures(user, status=None):
    """The area's groups in all, active, active under the 2555 regulation, cancelled and removed;
    with `status` (a status or STATUS_ALL) also the count, members and savings of the groups of
    that status: `matching`, `members`, `savings`."""
    rows = _by_status(user)

    def count(*statuses, regulation=None):
        return sum(row["n"] for row in rows if row["status"] in statuses
                   and (regulation is None or row["under_regulation"] == regulation))

    figures = {"total": sum(row["n"] for row in rows), "active": count(Status.ACTIVE),
               "under_regulation": count(Status.ACTIVE, regulation=True),
               "cancelled": count(Status.CANCELLED), "removed": count(Status.REMOVED)}
    if status is not None:
        matching = rows if status == STATUS_ALL else [row for row in rows if row["status"] == status]
        figures.update(matching=sum(row["n"] for row in matching), members=_add(matching, "members"),
                       savings=_add(matching, "savings"))
    return figures
