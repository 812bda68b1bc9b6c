"""The submission's state machine: every allowed move works and records an event; every other
move is refused and changes nothing."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from reviews.models import ReviewEvent, Submission
from reviews.services import workflow

from .conftest import BEFORE_DUE

Status = Submission.Status
ALL_MOVES = list(itertools.product(Status, Status))


def test_the_map_names_every_status():
    assert set(workflow.ALLOWED) == set(Status)
    assert workflow.ALLOWED[Status.ACCEPTED] == set()


def _in_status(submission, status):
    # Test setup only: the facts a real history would have left, so the DB constraints hold.
    Submission.objects.filter(pk=submission.pk).update(status=status, submitted_at=BEFORE_DUE, return_reason="ทดสอบ")
    submission.refresh_from_db()
    return submission


@pytest.mark.parametrize(("source", "target"), [m for m in ALL_MOVES if m[1] in workflow.ALLOWED[m[0]]])
def test_allowed_move_changes_status_and_records_who_when_from_to(submission, district_user, source, target):
    submission = _in_status(submission, source)
    event = workflow.move(submission, to=target, actor=district_user, note="หมายเหตุ", now=BEFORE_DUE)
    submission.refresh_from_db()
    assert submission.status == target
    assert (event.from_value, event.to_value, event.actor, event.at, event.note, event.kind) == (
        source, target, district_user, BEFORE_DUE, "หมายเหตุ", ReviewEvent.Kind.STATUS)


@pytest.mark.parametrize(("source", "target"), [m for m in ALL_MOVES if m[1] not in workflow.ALLOWED[m[0]]])
def test_forbidden_move_is_refused_and_writes_nothing(submission, district_user, source, target):
    submission = _in_status(submission, source)
    events = ReviewEvent.objects.count()
    with pytest.raises(ValidationError):
        workflow.move(submission, to=target, actor=district_user)
    submission.refresh_from_db()
    assert submission.status == source
    assert ReviewEvent.objects.count() == events


def test_there_are_six_allowed_moves():
    assert sum(len(targets) for targets in workflow.ALLOWED.values()) == 6
