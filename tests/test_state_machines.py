"""Every state machine of the registry, walked move by move on the real database.

For each machine (core.machine) every pair (from, to) — entering the first state from "" included
— is asked of the real service that makes that move. An allowed move leaves the record in the
new state and writes its typed event with the old and new state; a forbidden one is refused
with a ValidationError and writes nothing (no event in any event table, the state unchanged).

Which service asks each move (MOVERS below): a creation service for the entry, the public service
for a target that has one, and the machine's own move function (`workflow.move`,
`follow_up.move`) where the services call it with a target no public service names. A few
forbidden moves no code can even ask (a plan back to draft, a committee created already ready):
for those the guard itself is asked, and must refuse.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from core.machine import NOT_STARTED, Machine, refused_move
from groups import services as group_services
from groups.models import GROUP_STATUS, GroupChange, SavingsGroup
from networks import services as network_services
from networks.models import COMMITTEE_STATUS, PLAN_STATUS, Committee, DrivePlan, NetworkEvent, PlanActivity
from printing.models import DocumentEvent
from reviews import services as review_services
from reviews.models import FollowUpStatus, GroupReview, ReviewEvent, Submission
from reviews.services import follow_up, workflow
from reviews.services.follow_up import FOLLOW_UP_STATUS
from reviews.services.workflow import SUBMISSION_STATUS
from tests.factories import GroupFactory, VillageFactory
from tests.networks.helpers import district_networks, full_tambon_committee, groups_in
from tests.reviews.conftest import BEFORE_DUE, CAT2, DUE, LETTER_DATE, OPENED, bangkok, submit

AFTER = bangkok(2025, 1, 20)  # a follow-up visit after the round was accepted

MACHINES: dict[str, Machine] = {
    "group": GROUP_STATUS, "submission": SUBMISSION_STATUS, "follow_up": FOLLOW_UP_STATUS,
    "committee": COMMITTEE_STATUS, "plan": PLAN_STATUS,
}


def written():
    """How many rows every event table holds."""
    return (GroupChange.objects.count(), ReviewEvent.objects.count(), NetworkEvent.objects.count(),
            DocumentEvent.objects.count())


# ---------------------------------------------------------------- groups

class Groups:
    events = {SavingsGroup.Status.ACTIVE: GroupChange.Action.RESTORED,
              SavingsGroup.Status.CANCELLED: GroupChange.Action.CANCELLED,
              SavingsGroup.Status.REMOVED: GroupChange.Action.REMOVED}

    def __init__(self, request):
        self.district = request.getfixturevalue("district_user")
        self.province = request.getfixturevalue("province_user")
        self.village = VillageFactory(moo=7)

    def prepare(self):
        return None

    def enter(self, _prepared, to):
        return group_services.group_create(actor=self.district, data={
            "code": "5201019901", "name": "กลุ่มออมทรัพย์เพื่อการผลิตบ้านใหม่", "village": self.village, "status": to})

    def subject(self, here):
        return GroupFactory(village=self.village, status=here)

    def move(self, group, to):
        if to == SavingsGroup.Status.ACTIVE:
            group_services.group_restore(group=group, actor=self.province, reason="ตรวจสอบแล้วยังดำเนินการอยู่")
        elif to == SavingsGroup.Status.CANCELLED:
            group_services.group_cancel(group=group, actor=self.district, reason="กลุ่มขอยกเลิก")
        else:
            with transaction.atomic():  # its caller (review acceptance) holds the transaction
                group_services.group_remove(group=group, actor=self.province, reason="ทบทวนฐานข้อมูล")

    def state(self, group):
        return SavingsGroup.objects.get(pk=group.pk).status

    def event(self, group, here, to):
        change = GroupChange.objects.filter(group_id=group.pk).latest("pk")
        if not here:
            return (change.action, change.actor), (GroupChange.Action.CREATED, self.district)
        label = dict(SavingsGroup.Status.choices)
        return ((change.action, change.old.get("status"), change.new.get("status")),
                (self.events[to], label[here], label[to]))


# ---------------------------------------------------------------- submissions

class Submissions:
    def __init__(self, request):
        self.district = request.getfixturevalue("district_user")
        self.province = request.getfixturevalue("province_user")
        village = VillageFactory(moo=1)
        self.groups = [GroupFactory(code=f"520101010{n}", village=village) for n in (1, 2)]

    def open_round(self):
        return review_services.round_open(actor=self.province, title="ทบทวนฐานข้อมูล ๒๕๖๗",
                                          reference_number="ลป ๐๐๑๙.๔/ว ๒๗๕๓๐", letter_date=LETTER_DATE,
                                          due_on=DUE, now=OPENED)

    def prepare(self):
        return None

    def enter(self, _prepared, to):
        assert to == Submission.Status.NOT_STARTED  # round_open names no other state
        return self.open_round().submissions.get(district_id="5201")

    def subject(self, here):
        submission = self.enter(None, Submission.Status.NOT_STARTED)
        # Test setup only: the facts a real history would have left (every group classified, a
        # submission time and a return reason), so the database constraints hold in every state.
        GroupReview.objects.filter(submission=submission).update(category=GroupReview.Category.COMPLIANT)
        Submission.objects.filter(pk=submission.pk).update(status=here, submitted_at=BEFORE_DUE, return_reason="ทดสอบ")
        return Submission.objects.get(pk=submission.pk)

    def move(self, submission, to):
        Status = Submission.Status
        if to == Status.SUBMITTED:
            submit(submission, self.district)
        elif to == Status.RETURNED:
            review_services.submission_return(submission=submission, actor=self.province, reason="แก้ไขประเภท",
                                              now=BEFORE_DUE)
        elif to == Status.ACCEPTED:
            review_services.submission_accept(submission=submission, actor=self.province, now=BEFORE_DUE)
        else:  # in progress (the first classification, reviews.services._start) or back to not started
            with transaction.atomic():
                workflow.move(Submission.objects.get(pk=submission.pk), to=to, actor=self.district, now=BEFORE_DUE)

    def state(self, submission):
        return Submission.objects.get(pk=submission.pk).status

    def event(self, submission, here, to):
        if not here:  # entering the round is the round's own event (one for all its districts)
            event = ReviewEvent.objects.filter(round_id=submission.round_id).latest("pk")
            return (event.kind, event.submission_id), (ReviewEvent.Kind.ROUND_OPENED, None)
        event = ReviewEvent.objects.filter(submission=submission, kind=ReviewEvent.Kind.STATUS).latest("pk")
        return (event.old, event.new, event.actor.is_province_staff), (here, to, to in ("returned", "accepted"))


# ---------------------------------------------------------------- follow-ups

class FollowUps(Submissions):
    def prepare(self):
        """A district submitted with its group 0101 category 2, will correct (not yet followed up)."""
        submission = self.open_round().submissions.get(district_id="5201")
        review_services.reviews_mark_compliant(submission=submission, actor=self.district, now=BEFORE_DUE,
                                               review_ids=list(submission.reviews.values_list("pk", flat=True)))
        review = submission.reviews.get(group=self.groups[0])
        review_services.review_classify(review=review, actor=self.district, data=CAT2, now=BEFORE_DUE)
        SavingsGroup.objects.filter(pk=self.groups[0].pk).update(under_regulation=False)
        submit(submission, self.district)
        return GroupReview.objects.get(pk=review.pk)

    def enter(self, review, to):
        """The province's acceptance enters the review; any other move of a review not followed up is refused."""
        if to == FollowUpStatus.OPEN:
            review_services.submission_accept(submission=review.submission, actor=self.province, now=BEFORE_DUE)
        else:
            self.move(review, to)
        return review

    def subject(self, here):
        review = self.enter(self.prepare(), FollowUpStatus.OPEN)
        GroupReview.objects.filter(pk=review.pk).update(follow_up_status=here)
        return GroupReview.objects.get(pk=review.pk)

    def move(self, review, to):
        visit = {"visited_on": dt.date(2025, 1, 18), "note": "", "next_follow_up_on": None}
        if to == FollowUpStatus.CORRECTING:
            visit["next_follow_up_on"] = dt.date(2025, 2, 15)
        if to == FollowUpStatus.REFUSED:
            visit["note"] = "กลุ่มไม่ประสงค์ดำเนินการตามระเบียบฯ"
        if to == FollowUpStatus.REMOVED:
            follow_up.follow_up_remove(review=review, actor=self.province, reason="กลุ่มไม่ประสงค์ดำเนินการ", now=AFTER)
        elif to == FollowUpStatus.OPEN:  # no visit leads back to open; the guard every service calls
            with transaction.atomic():
                follow_up.move(GroupReview.objects.get(pk=review.pk), to=to, actor=self.district, note="", now=AFTER)
        else:
            follow_up.follow_up_record(review=review, actor=self.district, outcome=to, now=AFTER, **visit)

    def state(self, review):
        return GroupReview.objects.get(pk=review.pk).follow_up_status

    def event(self, review, here, to):
        event = ReviewEvent.objects.filter(group_id=review.group_id, kind=ReviewEvent.Kind.FOLLOW_UP).latest("pk")
        return (event.old, event.new), (here, to)


# ---------------------------------------------------------------- committees and drive plans

class Committees:
    def __init__(self, request):
        self.district = request.getfixturevalue("district_user")
        self.province = request.getfixturevalue("province_user")
        groups_in("520101", moos=(1, 2, 3), per_village=2)
        self.amphoe, tambons = district_networks(self.district)
        self.tambon = tambons[0]

    def prepare(self):
        return None

    def enter(self, _prepared, to):
        return network_services.committee_create(network=self.tambon, actor=self.district, term_start=dt.date(2023, 7, 24))

    def subject(self, here):
        committee = full_tambon_committee(self.district, self.tambon)
        network_services.committee_update_details(committee=committee, actor=self.district, data={
            "order_number": 1, "order_year": 2566, "order_date": dt.date(2023, 7, 28),
            "signer_name": "นายสมชาย ใจดี", "signer_position": "นายอำเภอเมืองลำปาง"})
        Committee.objects.filter(pk=committee.pk).update(status=here)
        return Committee.objects.get(pk=committee.pk)

    def move(self, committee, to):
        network_services.committee_move(committee=committee, actor=self.district, to=to)

    def state(self, committee):
        return Committee.objects.get(pk=committee.pk).status

    def event(self, committee, here, to):
        event = NetworkEvent.objects.filter(committee_id=committee.pk).latest("pk")
        if not here:
            return event.kind, NetworkEvent.Kind.COMMITTEE_CREATED
        return (event.kind, event.old, event.new), (NetworkEvent.Kind.COMMITTEE_STATUS, here, to)


class Plans(Committees):
    events = {DrivePlan.Status.SUBMITTED: NetworkEvent.Kind.PLAN_SUBMITTED,
              DrivePlan.Status.RETURNED: NetworkEvent.Kind.PLAN_RETURNED}

    def enter(self, _prepared, to):
        return network_services.plan_create(network=self.amphoe, actor=self.district, fiscal_year=2570)

    def subject(self, here):
        plan = self.enter(None, DrivePlan.Status.DRAFT)
        PlanActivity.objects.create(plan=plan, name="ประชุมเครือข่าย", objective="ติดตามงาน", month=11,
                                    responsible="ประธาน")
        DrivePlan.objects.filter(pk=plan.pk).update(status=here)
        return DrivePlan.objects.get(pk=plan.pk)

    def move(self, plan, to):
        if to == DrivePlan.Status.SUBMITTED:
            network_services.plan_submit(plan=plan, actor=self.district)
        else:
            network_services.plan_return(plan=plan, actor=self.province, reason="ปรับงบประมาณ")

    def state(self, plan):
        return DrivePlan.objects.get(pk=plan.pk).status

    def event(self, plan, here, to):
        event = NetworkEvent.objects.filter(network_id=plan.network_id).latest("pk")
        if not here:
            return (event.kind, event.note), (NetworkEvent.Kind.PLAN_CREATED, "ปีงบประมาณ พ.ศ. 2570")
        return (event.kind, event.old, event.new), (self.events[to], here, to)


WORLDS = {"group": Groups, "submission": Submissions, "follow_up": FollowUps, "committee": Committees, "plan": Plans}

# The forbidden moves no code can ask: creations that name no state, and targets no service names.
GUARD_ONLY = {
    ("submission", NOT_STARTED, to) for to in Submission.Status if to != Submission.Status.NOT_STARTED
} | {
    ("committee", NOT_STARTED, to) for to in Committee.Status if to != Committee.Status.DRAFT
} | {
    ("plan", NOT_STARTED, to) for to in DrivePlan.Status if to != DrivePlan.Status.DRAFT
} | {
    ("plan", here, DrivePlan.Status.DRAFT) for here in DrivePlan.Status
}

CASES = [
    pytest.param(name, here, to, allowed, id=f"{name}:{here or 'new'}->{to}:{'allowed' if allowed else 'refused'}")
    for name, machine in MACHINES.items() for here, to, allowed in machine.all_moves()
]


def test_the_walk_covers_every_machine_and_each_has_allowed_and_forbidden_moves():
    per_machine = {name: sum(1 for case in CASES if case.values[0] == name) for name in MACHINES}
    # (states + "not started") × states for each machine
    assert per_machine == {"group": 12, "submission": 30, "follow_up": 30, "committee": 12, "plan": 12}
    allowed = {name: sum(1 for case in CASES if case.values[0] == name and case.values[3]) for name in MACHINES}
    # The maps of each app, plus one entry each.
    assert allowed == {"group": 4 + 1, "submission": 6 + 1, "follow_up": 7 + 1, "committee": 3 + 1, "plan": 3 + 1}
    assert not [key for key in GUARD_ONLY if MACHINES[key[0]].can(key[1], key[2])]


@pytest.mark.parametrize(("name", "here", "to", "allowed"), CASES)
def test_every_move_of_every_machine(db, request, name, here, to, allowed):
    machine = MACHINES[name]
    if (name, here, to) in GUARD_ONLY:
        with pytest.raises(ValidationError) as error:
            machine.check(here, to)
        assert error.value.code == "bad_move"
        assert error.value.messages == [refused_move(machine.label, machine.state_label(here), machine.state_label(to))]
        return
    world = WORLDS[name](request)
    subject = world.subject(here) if here else world.prepare()
    before = written()
    if allowed:
        if here:
            world.move(subject, to)
        else:
            subject = world.enter(subject, to)
        assert world.state(subject) == to
        assert written() != before
        got, expected = world.event(subject, here, to)
        assert got == expected
        return
    with pytest.raises(ValidationError) as error:
        if here:
            world.move(subject, to)
        else:
            world.enter(subject, to)
    assert written() == before
    if subject is not None:
        assert world.state(subject) == here
    if getattr(error.value, "code", None) == "bad_move":  # the guard refused (not an earlier rule)
        assert error.value.messages in (
            [refused_move(machine.label, machine.state_label(here), machine.state_label(to))],
            [machine.not_started_message],
        )
