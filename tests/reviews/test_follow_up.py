"""Follow-up of category 2 groups that will correct: each outcome of a visit, the province's removal of
a group that refuses, the state machine, the per-district status and overdue marks, permissions."""

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core import thai
from groups.models import GroupChange, SavingsGroup
from reviews import services
from reviews.models import FollowUpStatus, FollowUpVisit, GroupReview, ReviewEvent, Submission
from reviews.services import follow_up

from .conftest import CAT2, bangkok, classify_all, login, submit

AFTER = bangkok(2025, 1, 20)  # a follow-up visit after the round was accepted


def review_of(round_, code):
    return GroupReview.objects.get(round=round_, group__code=code)


@pytest.fixture
def accepted(round_, submission, district_user, province_user):
    """5201 accepted: A1 and B1 are category 2 "will correct" (next follow-up 15 Jan 2568), C1 category 1."""
    classify_all(submission, district_user)
    for code in ("A1", "B1"):
        services.review_classify(review=review_of(round_, code), actor=district_user, data=CAT2)
    SavingsGroup.objects.filter(code__in=["A1", "B1"]).update(under_regulation=False)
    submit(submission, district_user)
    services.submission_accept(submission=submission, actor=province_user)
    return round_


def record(review, actor, now=AFTER, **data):
    values = {"visited_on": dt.date(2025, 1, 18), "outcome": "correcting", "note": "",
              "next_follow_up_on": dt.date(2025, 2, 15), **data}
    return follow_up.follow_up_record(review=review, actor=actor, now=now, **values)


def test_acceptance_puts_the_will_correct_groups_on_the_follow_up_list(accepted):
    assert dict(GroupReview.objects.filter(round=accepted).values_list("group__code", "follow_up_status")) == {
        "A1": "open", "B1": "open", "C1": "", "X1": "", "Y1": ""}
    # Entering the follow-up is a move of its machine, recorded like the others.
    entries = ReviewEvent.objects.filter(round=accepted, kind="follow_up").order_by("group__code")
    assert [(e.group.code, e.from_value, e.to_value) for e in entries] == [("A1", "", "open"), ("B1", "", "open")]
    assert (entries[0].from_label, entries[0].to_label) == ("ยังไม่ติดตาม", "รอติดตาม")


def test_now_compliant_makes_the_review_category_1_and_the_group_under_regulation_with_history(
        accepted, district_user):
    review = review_of(accepted, "A1")
    visit = record(review, district_user, outcome="compliant", note="ตั้งคณะกรรมการครบแล้ว", next_follow_up_on=None)
    review.refresh_from_db()
    assert (review.category, review.follow_up_status) == (1, "compliant")
    # A category 1 review keeps none of the category 2 details (clear_details_for_category).
    assert (review.issues, review.intention, review.follow_up_officer, review.next_follow_up_on) == ([], "", "", None)
    assert (visit.visited_on, visit.outcome, visit.note, visit.recorded_by) == (
        dt.date(2025, 1, 18), "compliant", "ตั้งคณะกรรมการครบแล้ว", district_user)
    group = SavingsGroup.objects.get(code="A1")
    assert group.under_regulation is True
    change = GroupChange.objects.filter(group=group, action="updated").latest("pk")
    assert (change.source, list(change.fields), change.actor) == ("review", ["under_regulation"], district_user)
    events = ReviewEvent.objects.filter(group=group, at=AFTER).order_by("pk")
    assert [(e.kind, e.from_value, e.to_value) for e in events] == [
        ("classified", "2", "1"), ("follow_up", "open", "compliant")]
    assert events[1].note == "ติดตามเมื่อ 18 มกราคม 2568: ตั้งคณะกรรมการครบแล้ว"


def test_still_correcting_sets_the_next_date_and_can_repeat(accepted, district_user):
    review = review_of(accepted, "A1")
    record(review, district_user)
    record(review, district_user, now=bangkok(2025, 2, 16), visited_on=dt.date(2025, 2, 15),
           next_follow_up_on=dt.date(2025, 3, 31))
    review.refresh_from_db()
    assert (review.category, review.follow_up_status, review.next_follow_up_on) == (2, "correcting",
                                                                                   dt.date(2025, 3, 31))
    assert review.visits.count() == 2
    assert list(ReviewEvent.objects.filter(group=review.group, kind="follow_up").order_by("pk")
                .values_list("from_value", "to_value")) == [("", "open"), ("open", "correcting"),
                                                            ("correcting", "correcting")]


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"next_follow_up_on": None}, "next_follow_up_on",
     "กลุ่มยังอยู่ระหว่างปรับปรุงแก้ไข กรุณากำหนดวันที่ติดตามครั้งถัดไป"),
    ({"next_follow_up_on": dt.date(2025, 1, 18)}, "next_follow_up_on",
     "วันที่ติดตามครั้งถัดไปต้องอยู่หลังวันที่ติดตามครั้งนี้"),
    ({"visited_on": dt.date(2025, 1, 21)}, "visited_on", "วันที่ติดตามต้องไม่เกินวันนี้"),
    ({"visited_on": None}, "visited_on", "กรุณากรอกวันที่ติดตาม"),
    ({"outcome": "refused", "note": " "}, "note", "กรุณาบันทึกเหตุผลที่กลุ่มไม่ประสงค์ดำเนินการตามระเบียบฯ"),
])
def test_incomplete_visit_is_a_thai_message_and_nothing_is_saved(accepted, district_user, data, field, message):
    review = review_of(accepted, "A1")
    with pytest.raises(ValidationError) as error:
        record(review, district_user, **data)
    assert error.value.message_dict[field] == [message]
    review.refresh_from_db()
    assert (review.follow_up_status, FollowUpVisit.objects.count(),
            ReviewEvent.objects.filter(kind="follow_up").exclude(from_value="").count()) == ("open", 0, 0)


def test_refusal_waits_for_the_province_which_removes_the_group_with_its_reason(accepted, district_user,
                                                                               province_user):
    review = review_of(accepted, "B1")
    record(review, district_user, outcome="refused", note="สมาชิกมีมติไม่ดำเนินการต่อ", next_follow_up_on=None)
    review.refresh_from_db()
    assert (review.follow_up_status, review.intention) == ("refused", "refuse")
    assert SavingsGroup.objects.get(code="B1").status == "active"  # the district proposes, the province removes
    with pytest.raises(ValidationError):
        follow_up.follow_up_remove(review=review, actor=province_user, reason="  ", now=AFTER)
    follow_up.follow_up_remove(review=review, actor=province_user, reason="ตามผลการติดตามของอำเภอ", now=AFTER)
    group = SavingsGroup.objects.get(code="B1")
    assert (group.status, group.status_changed_by) == ("removed", province_user)
    assert group.status_reason == ("ติดตามกลุ่มประเภทที่ 2 ตามหนังสือจังหวัดที่ ลป 0019.4/ว 27530: "
                                   "ไม่ประสงค์ดำเนินการตามระเบียบฯ · ตามผลการติดตามของอำเภอ")
    assert GroupChange.objects.filter(group=group, action="removed", source="review").count() == 1
    review.refresh_from_db()
    assert review.follow_up_status == "removed"
    assert list(ReviewEvent.objects.filter(group=group, at=AFTER).order_by("pk").values_list("kind", "to_value")) == [
        ("follow_up", "refused"), ("group_removed", "removed"), ("follow_up", "removed")]


def test_the_province_cannot_remove_a_group_still_correcting(accepted, district_user, province_user):
    review = review_of(accepted, "A1")
    with pytest.raises(ValidationError):
        follow_up.follow_up_remove(review=review, actor=province_user, reason="ไม่ส่งรายงาน", now=AFTER)
    assert SavingsGroup.objects.get(code="A1").status == "active"


def test_a_group_not_on_the_list_cannot_be_followed_up(accepted, district_user):
    with pytest.raises(ValidationError, match="ไม่อยู่ในรายการกลุ่มที่ต้องติดตาม"):
        record(review_of(accepted, "C1"), district_user)


def test_only_the_groups_district_records_and_only_the_province_removes(accepted, other_district_user,
                                                                       province_user, district_user,
                                                                       other_province_user):
    from django.core.exceptions import PermissionDenied

    review = review_of(accepted, "A1")
    for actor in (other_district_user, province_user):
        with pytest.raises(PermissionDenied):
            record(review, actor)
    record(review, district_user, outcome="refused", note="ไม่ทำต่อ", next_follow_up_on=None)
    for actor in (district_user, other_province_user):
        with pytest.raises(PermissionDenied):
            follow_up.follow_up_remove(review=review, actor=actor, reason="x", now=AFTER)
    assert SavingsGroup.objects.get(code="A1").status == "active"


# The state machine, walked: every allowed move records an event; every other move changes nothing.
ALL_MOVES = list(itertools.product(FollowUpStatus, FollowUpStatus))


def test_the_follow_up_map_names_every_status():
    assert set(follow_up.ALLOWED) == set(FollowUpStatus)
    assert sum(len(targets) for targets in follow_up.ALLOWED.values()) == 7


@pytest.mark.parametrize(("source", "target"), [m for m in ALL_MOVES if m[1] in follow_up.ALLOWED[m[0]]])
def test_allowed_follow_up_move(accepted, district_user, source, target):
    review = review_of(accepted, "A1")
    GroupReview.objects.filter(pk=review.pk).update(follow_up_status=source)
    review.refresh_from_db()
    event = follow_up.move(review, to=target, actor=district_user, note="n", now=AFTER)
    review.refresh_from_db()
    assert review.follow_up_status == target
    assert (event.kind, event.from_value, event.to_value, event.actor) == ("follow_up", source, target, district_user)


@pytest.mark.parametrize(("source", "target"), [m for m in ALL_MOVES if m[1] not in follow_up.ALLOWED[m[0]]])
def test_forbidden_follow_up_move(accepted, district_user, source, target):
    review = review_of(accepted, "A1")
    GroupReview.objects.filter(pk=review.pk).update(follow_up_status=source)
    review.refresh_from_db()
    with pytest.raises(ValidationError):
        follow_up.move(review, to=target, actor=district_user, note="n", now=AFTER)
    review.refresh_from_db()
    assert review.follow_up_status == source
    # (the entries into the follow-up that acceptance wrote are from "")
    assert not ReviewEvent.objects.filter(kind="follow_up").exclude(from_value="").exists()


# Pages


def test_follow_up_list_shows_status_per_district_and_marks_overdue(client, accepted, district_user,
                                                                    province_user):
    record(review_of(accepted, "B1"), district_user, outcome="refused", note="ไม่ทำต่อ", next_follow_up_on=None)
    login(client, province_user)
    response = client.get(reverse("reviews:follow_up", kwargs={"pk": accepted.pk}))
    summary = response.context["summary"]
    assert [(r["submission__district_id"], r["total"], r["n_open"], r["n_refused"], r["overdue_count"])
            for r in summary] == [("5201", 2, 1, 1, 1)]  # A1 was due 15 Jan 2568: long past
    rows = {r.group.code: r for r in response.context["reviews"]}
    assert (rows["A1"].overdue, rows["B1"].overdue) == (True, False)
    page = response.content.decode()
    assert "เลยกำหนด</span>" in page
    assert "ไม่ประสงค์ดำเนินการตามระเบียบฯ (รอจังหวัดนำออก)" in page
    overdue = client.get(reverse("reviews:follow_up", kwargs={"pk": accepted.pk}), {"overdue": "on"})
    assert [r.group.code for r in overdue.context["reviews"]] == ["A1"]
    assert [r.group.code for r in response.context["reviews"]] == ["A1", "B1"]  # pending first, by next date


def test_district_records_a_visit_through_the_page(client, accepted, district_user):
    review = review_of(accepted, "A1")
    url = reverse("reviews:follow_up_visit", kwargs={"pk": accepted.pk, "review_pk": review.pk})
    login(client, district_user)
    today = timezone.localdate()
    response = client.post(url, {"visited_on": thai.format_date(today, "numeric"), "outcome": "correcting"})
    assert response.status_code == 200
    assert "กลุ่มยังอยู่ระหว่างปรับปรุงแก้ไข กรุณากำหนดวันที่ติดตามครั้งถัดไป" in response.content.decode()
    assert not FollowUpVisit.objects.exists()
    # Every missing detail is shown at once, next to its field.
    response = client.post(url, {"outcome": "refused"})
    assert response.context["form"].errors == {"visited_on": ["กรุณากรอกวันที่ติดตาม"],
                                               "note": ["กรุณาบันทึกเหตุผลที่กลุ่มไม่ประสงค์ดำเนินการตามระเบียบฯ"]}
    response = client.post(url, {"visited_on": thai.format_date(today, "numeric"), "outcome": "correcting",
                                 "next_follow_up_on": thai.format_date(today + dt.timedelta(days=30), "numeric"),
                                 "note": "กำลังจัดทำบัญชี"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.follow_up_status, review.next_follow_up_on) == ("correcting", today + dt.timedelta(days=30))


ROLES = ["anonymous", "other_district", "district", "province", "other_province", "national"]
GET_EXPECTED = {"other_district": 404, "district": 200, "province": 200, "other_province": 404, "national": 200}


def _client(client, users, role):
    if role != "anonymous":
        login(client, users[role])
    return client


def _state():
    return (list(GroupReview.objects.order_by("pk").values_list("category", "follow_up_status")),
            list(SavingsGroup.objects.order_by("pk").values_list("status", "under_regulation")),
            FollowUpVisit.objects.count(), ReviewEvent.objects.count())


@pytest.mark.parametrize("role", ROLES)
def test_follow_up_visit_page_matrix(client, users, accepted, role):
    review = review_of(accepted, "A1")
    url = reverse("reviews:follow_up_visit", kwargs={"pk": accepted.pk, "review_pk": review.pk})
    response = _client(client, users, role).get(url)
    assert response.status_code == (302 if role == "anonymous" else GET_EXPECTED[role])


@pytest.mark.parametrize("role", ROLES)
def test_record_visit_matrix_nothing_written_on_denial(client, users, accepted, role):
    review = review_of(accepted, "A1")
    url = reverse("reviews:follow_up_visit", kwargs={"pk": accepted.pk, "review_pk": review.pk})
    before = _state()
    response = _client(client, users, role).post(url, {
        "visited_on": thai.format_date(timezone.localdate(), "numeric"), "outcome": "compliant"})
    expected = {"anonymous": 302, "other_district": 404, "district": 302, "province": 403,
                "other_province": 404, "national": 403}[role]
    assert response.status_code == expected
    assert (_state() != before) == (role == "district")


@pytest.mark.parametrize("role", ROLES)
def test_remove_matrix_nothing_written_on_denial(client, users, accepted, district_user, role):
    review = review_of(accepted, "A1")
    record(review, district_user, outcome="refused", note="ไม่ทำต่อ", next_follow_up_on=None)
    url = reverse("reviews:follow_up_remove", kwargs={"pk": accepted.pk, "review_pk": review.pk})
    before = _state()
    response = _client(client, users, role).post(url, {"reason": "ตามผลการติดตาม"})
    expected = {"anonymous": 302, "other_district": 404, "district": 403, "province": 302,
                "other_province": 404, "national": 403}[role]
    assert response.status_code == expected
    assert (_state() != before) == (role == "province")


def test_submission_status_unchanged_by_follow_up(accepted, district_user):
    record(review_of(accepted, "A1"), district_user, outcome="compliant", next_follow_up_on=None)
    assert Submission.objects.get(round=accepted, district_id="5201").status == "accepted"


def test_follow_up_list_pages_keep_the_filter(client, accepted, province_user, monkeypatch):
    from reviews.views import follow_up as follow_up_views

    monkeypatch.setattr(follow_up_views, "PAGE_SIZE", 1)
    login(client, province_user)
    url = reverse("reviews:follow_up", kwargs={"pk": accepted.pk})
    response = client.get(url, {"status": "open"})
    assert [r.group.code for r in response.context["reviews"]] == ["A1"]
    assert 'href="?status=open&amp;page=2"' in response.content.decode()
    response = client.get(url, {"status": "open", "page": "2"})
    assert [r.group.code for r in response.context["reviews"]] == ["B1"]


def test_the_group_page_history_shows_the_follow_up(accepted, district_user):
    from django.template.loader import render_to_string

    from reviews.templatetags.reviews import group_review_history

    review = review_of(accepted, "A1")
    record(review, district_user, outcome="compliant", next_follow_up_on=None)
    html = render_to_string("reviews/_group_history.html", group_review_history(review.group))
    assert "การติดตาม: ดำเนินการตามระเบียบฯ แล้ว" in html
    assert "ติดตามกลุ่มประเภทที่ 2" in html  # the event
