"""The one shape of an audit event, shared by every app's event table.

Each app keeps its own table (groups.GroupChange, reviews.ReviewEvent, networks.NetworkEvent,
printing.DocumentEvent) so an event points at its own records with real foreign keys, but every
table says the same things the same way:

- `actor`: who did it;
- `at`: when, the `now` of the service that wrote it (one clock per transaction, a fixed clock in
  tests), never `auto_now_add`;
- `kind`: a code from the table's `Kind` TextChoices; the Thai label comes from the choices, so a
  reworded label rewrites no history and events can be filtered by kind;
- `data`: the old and new values as JSON ({"old": ..., "new": ...});
- `note`: free text that came with the event.

Two older tables keep the columns they had where renaming would only be churn, and say so with
`KIND_FIELD` and their own `old`/`new`: GroupChange's kind is `action` and its per-field old and
new values are `fields`; ReviewEvent's old and new are `from_value`/`to_value`.

`visible_to(user)` is on every event queryset, with the area rule of the records it points at
(accounts.scope); the ground does not import the apps, so each table's queryset writes it.
"""

from django.conf import settings
from django.db import models


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):  # pragma: no cover - every concrete queryset says its area rule
        raise NotImplementedError(f"{self.model.__name__} events must say who may see them")

    def of_kind(self, *kinds):
        """Events of the given kind codes."""
        return self.filter(**{f"{self.model.KIND_FIELD}__in": kinds})


class AuditEvent(models.Model):
    KIND_FIELD = "kind"

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name="ผู้ดำเนินการ")
    at = models.DateTimeField("เมื่อ", db_index=True)
    # Each table declares `kind = models.CharField(..., choices=Kind.choices)` with its own codes.
    kind = models.CharField("เหตุการณ์", max_length=40)
    data = models.JSONField("ข้อมูลเดิมและข้อมูลใหม่", default=dict, blank=True)
    note = models.TextField("หมายเหตุ", blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-at", "-pk"]

    @property
    def kind_code(self) -> str:
        return getattr(self, self.KIND_FIELD)

    @property
    def kind_label(self) -> str:
        return getattr(self, f"get_{self.KIND_FIELD}_display")()

    @property
    def old(self):
        return (self.data or {}).get("old")

    @property
    def new(self):
        return (self.data or {}).get("new")
