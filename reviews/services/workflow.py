"""The submission's state machine, as data, and the one guard that moves it.

not started → in progress (first group classified) → submitted → accepted
                                                        ↘ returned → submitted …
A district with every group classified may submit straight from "not started".
"""

from django.utils import timezone

from core.machine import Machine
from notices import services as notices
from reviews.models import ReviewEvent, Submission

Status = Submission.Status

ALLOWED = {
    Status.NOT_STARTED: {Status.IN_PROGRESS, Status.SUBMITTED},
    Status.IN_PROGRESS: {Status.SUBMITTED},
    Status.SUBMITTED: {Status.RETURNED, Status.ACCEPTED},
    Status.RETURNED: {Status.SUBMITTED},
    Status.ACCEPTED: set(),
}
# A submission enters the round not started (reviews.services.round_open).
SUBMISSION_STATUS = Machine(field="status", choices=Status, initial={Status.NOT_STARTED}, moves=ALLOWED)


def can_move(submission: Submission, to: str) -> bool:
    return SUBMISSION_STATUS.can(submission.status, to)


def move(submission: Submission, *, to: str, actor, note: str = "", now=None) -> ReviewEvent:
    """The only place a submission's status changes; records the event in the caller's transaction."""
    before = SUBMISSION_STATUS.move(submission, to)
    submission.save()
    event = ReviewEvent.objects.create(
        round_id=submission.round_id, submission=submission, kind=ReviewEvent.Kind.STATUS,
        from_value=before, to_value=to, note=note, actor=actor, at=now or timezone.now(),
    )
    # Who is told about the move (the province when one arrives, the district when returned or
    # accepted), in the same transaction; the e-mails go out from the task worker after commit.
    notices.submission_moved(submission=submission, event=event)
    return event
