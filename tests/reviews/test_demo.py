"""The demo round: Lampang's letter with districts at every stage; a second run adds nothing."""

import datetime as dt

from accounts import demo as accounts_demo
from groups import demo as groups_demo
from reviews import demo, services
from reviews.models import Round, Submission


def test_demo_round_has_every_stage_and_is_idempotent(geography):
    accounts_demo.seed()
    groups_demo.seed()
    assert demo.seed()["rounds"] == 1
    round_ = Round.objects.get()
    assert (round_.reference_number, round_.letter_date, round_.due_on) == (
        "ลป ๐๐๑๙.๔/ว ๒๗๕๓๐", dt.date(2024, 11, 21), dt.date(2024, 12, 9))
    statuses = dict(round_.submissions.values_list("district_id", "status"))
    assert statuses["5202"] == Submission.Status.ACCEPTED
    assert statuses["5203"] == Submission.Status.SUBMITTED
    assert statuses["5204"] == Submission.Status.RETURNED
    assert statuses["5201"] == Submission.Status.IN_PROGRESS
    assert statuses["5207"] == Submission.Status.NOT_STARTED
    assert round_.submissions.get(district_id="5203").is_late is True
    assert round_.submissions.get(district_id="5202").is_late is False
    statuses = set(round_.reviews.filter(submission__district_id="5202").values_list("follow_up_status", flat=True))
    assert {"open", "compliant", "correcting", "refused"} <= statuses
    assert round_.reviews.filter(submission__district_id="5201", group__status="cancelled").count() == 1
    assert services.groups_not_in_round(round_.submissions.get(district_id="5201")).count() == 1
    assert demo.seed() == {"rounds": 0}
    assert Round.objects.count() == 1
