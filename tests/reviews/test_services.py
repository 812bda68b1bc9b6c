"""The review round's rules, through the services (the same path every page and the sheet take)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from groups import services as group_services
from groups.models import GroupChange, SavingsGroup
from reviews import services
from reviews.models import GroupReview, ReviewEvent, Round, Submission

from .conftest import BEFORE_DUE, CAT2, CAT2_REFUSE, CAT3, DUE, bangkok, classify_all, submit


def review_of(round_, group):
    return GroupReview.objects.get(round=round_, group=group)


def test_opening_a_round_puts_every_active_group_of_every_district_in_it(round_, lampang_groups):
    assert round_.province_id == "52"
    assert round_.submissions.count() == 13  # Lampang has 13 amphoe
    assert set(round_.reviews.values_list("group__code", flat=True)) == {"A1", "B1", "C1", "X1", "Y1"}
    assert set(round_.submissions.values_list("status", flat=True)) == {"not_started"}
    event = ReviewEvent.objects.get(round=round_, kind="round_opened")
    assert event.note == "13 อำเภอ 5 กลุ่ม"


def test_only_provincial_staff_open_a_round_and_nothing_is_written_otherwise(district_user, national_user, geography):
    for user in (district_user, national_user):
        with pytest.raises(PermissionDenied):
            services.round_open(actor=user, title="x", reference_number="x", letter_date=dt.date(2024, 11, 21),
                                due_on=dt.date(2024, 12, 9))
    assert Round.objects.count() == 0


def test_the_same_letter_cannot_open_two_rounds(round_, province_user):
    with pytest.raises(ValidationError) as error:
        services.round_open(actor=province_user, title="ซ้ำ", reference_number=round_.reference_number,
                            letter_date=round_.letter_date, due_on=round_.due_on)
    assert "จังหวัดนี้มีรอบการทบทวนตามหนังสือเลขที่นี้แล้ว" in str(error.value)
    assert Round.objects.count() == 1


def test_first_classification_starts_the_submission_and_records_the_event(round_, submission, district_user,
                                                                         lampang_groups):
    review = review_of(round_, lampang_groups["a"])
    services.review_classify(review=review, actor=district_user, data=CAT2, now=BEFORE_DUE)
    review.refresh_from_db()
    submission.refresh_from_db()
    assert (review.category, review.issues, review.intention, review.classified_by) == (
        2, ["committee", "meeting"], "correct", district_user)
    assert submission.status == "in_progress"
    event = ReviewEvent.objects.get(group=lampang_groups["a"], kind="classified")
    assert (event.from_value, event.to_value, event.actor) == ("", "2", district_user)


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"category": 3, "defunct_reason": ""}, "defunct_reason", "กรุณาเลือกเหตุผลที่จัดเป็นประเภทที่ 3"),
    ({"category": 3, "defunct_reason": "other", "note": " "}, "note", "เลือกเหตุผล “อื่น ๆ” แล้ว กรุณาระบุรายละเอียด"),
    ({**CAT2, "issues": []}, "issues", "กรุณาเลือกอย่างน้อยหนึ่งรายการที่ไม่เป็นไปตามระเบียบฯ"),
    ({**CAT2, "follow_up_officer": ""}, "follow_up_officer", "กรุณาระบุพัฒนากรผู้ติดตาม"),
    ({**CAT2, "next_follow_up_on": None}, "next_follow_up_on", "กรุณาระบุวันที่ติดตามครั้งถัดไป"),
    ({**CAT2, "intention": ""}, "intention",
     "กรุณาระบุความประสงค์ของกลุ่ม (ปรับปรุงแก้ไข หรือไม่ประสงค์ดำเนินการตามระเบียบฯ)"),
])
def test_a_category_without_its_details_is_a_thai_message_and_nothing_is_saved(
        round_, submission, district_user, lampang_groups, data, field, message):
    review = review_of(round_, lampang_groups["a"])
    with pytest.raises(ValidationError) as error:
        services.review_classify(review=review, actor=district_user, data=data, now=BEFORE_DUE)
    assert error.value.message_dict[field] == [message]
    review.refresh_from_db()
    submission.refresh_from_db()
    assert review.category is None
    assert submission.status == "not_started"
    assert not ReviewEvent.objects.filter(kind="classified").exists()


def test_changing_category_drops_the_details_of_the_old_one(round_, district_user, lampang_groups):
    review = review_of(round_, lampang_groups["a"])
    services.review_classify(review=review, actor=district_user, data=CAT2, now=BEFORE_DUE)
    services.review_classify(review=review, actor=district_user, data={**CAT3, "category": 3}, now=BEFORE_DUE)
    review.refresh_from_db()
    assert (review.category, review.issues, review.follow_up_officer, review.intention, review.defunct_reason) == (
        3, [], "", "", "stopped")


def test_other_districts_and_provinces_cannot_classify(round_, users, lampang_groups):
    review = review_of(round_, lampang_groups["a"])
    for role in ("other_district", "province", "other_province", "national"):
        with pytest.raises(PermissionDenied):
            services.review_classify(review=review, actor=users[role], data={"category": 1}, now=BEFORE_DUE)
    review.refresh_from_db()
    assert review.category is None


def test_bulk_compliant_touches_only_the_given_reviews_of_this_district(round_, submission, district_user,
                                                                      lampang_groups):
    a, b = review_of(round_, lampang_groups["a"]), review_of(round_, lampang_groups["b"])
    x = review_of(round_, lampang_groups["x"])  # another district's: ignored
    done = services.reviews_mark_compliant(submission=submission, review_ids=[a.pk, b.pk, x.pk], actor=district_user,
                                           now=BEFORE_DUE)
    assert done == 2
    assert dict(GroupReview.objects.values_list("group__code", "category")) == {
        "A1": 1, "B1": 1, "C1": None, "X1": None, "Y1": None}
    assert ReviewEvent.objects.filter(kind="classified").count() == 2


def test_submit_is_refused_until_every_group_is_classified_and_names_what_is_missing(
        round_, submission, district_user, lampang_groups):
    a = review_of(round_, lampang_groups["a"])
    services.review_classify(review=a, actor=district_user, data={"category": 1}, now=BEFORE_DUE)
    with pytest.raises(ValidationError) as error:
        submit(submission, district_user)
    assert error.value.message_dict["__all__"] == ["ยังจัดประเภทไม่ครบ: เหลืออีก 2 กลุ่ม"]
    assert [r.group.code for r in services.missing_reviews(submission)] == ["B1", "C1"]
    submission.refresh_from_db()
    assert submission.status == "in_progress"


def test_submission_records_the_signer_and_the_district_letter(submission, district_user):
    classify_all(submission, district_user)
    submit(submission, district_user)
    submission.refresh_from_db()
    assert (submission.status, submission.signer_role, submission.signer_name, submission.signer_position,
            submission.letter_number, submission.letter_date, submission.is_acting_for_chief) == (
        "submitted", "deputy", "นายวีระ ศรีสุข", "ปลัดอำเภอ", "ลป ๐๐๑๙.๑/๓๐๑๒", dt.date(2024, 12, 2), True)


def test_after_submitting_the_district_cannot_change_anything(round_, submission, district_user, lampang_groups):
    classify_all(submission, district_user)
    submit(submission, district_user)
    review = review_of(round_, lampang_groups["a"])
    with pytest.raises(ValidationError):
        services.review_classify(review=review, actor=district_user, data=CAT3, now=BEFORE_DUE)
    review.refresh_from_db()
    assert review.category == 1


@pytest.mark.parametrize(("at", "late"), [
    (bangkok(2024, 12, 8, 16), False),          # the day before
    (bangkok(2024, 12, 9, 23, 59), False),      # on the day, late evening in Bangkok (16:59 UTC)
    (bangkok(2024, 12, 10, 0, 30), True),       # half past midnight in Bangkok is still 9 Dec in UTC
    (bangkok(2024, 12, 20), True),              # after
])
def test_on_time_means_on_or_before_9_december_2567_bangkok_time(submission, district_user, at, late):
    classify_all(submission, district_user, now=at)
    submit(submission, district_user, now=at)
    submission.refresh_from_db()
    assert submission.is_late is late


@pytest.mark.parametrize(("today", "days_left"), [
    (dt.date(2024, 12, 1), 8), (dt.date(2024, 12, 9), 0), (dt.date(2024, 12, 12), -3)])
def test_days_left_before_on_and_after_the_deadline(round_, today, days_left):
    assert round_.days_left(today) == days_left


def test_after_the_lock_date_districts_can_no_longer_change_anything(round_, submission, district_user,
                                                                     lampang_groups):
    Round.objects.filter(pk=round_.pk).update(locked_after=DUE + dt.timedelta(days=5))
    review = review_of(round_, lampang_groups["a"])
    services.review_classify(review=review, actor=district_user, data={"category": 1}, now=bangkok(2024, 12, 14))
    with pytest.raises(ValidationError) as error:
        services.review_classify(review=review, actor=district_user, data=CAT3, now=bangkok(2024, 12, 15))
    assert error.value.messages == ["รอบการทบทวนนี้ปิดการแก้ไขแล้ว"]
    review.refresh_from_db()
    assert review.category == 1


def test_return_needs_a_reason_and_the_district_can_then_fix_and_resubmit(
        round_, submission, district_user, province_user, lampang_groups):
    classify_all(submission, district_user)
    submit(submission, district_user)
    with pytest.raises(ValidationError) as error:
        services.submission_return(submission=submission, actor=province_user, reason="  ")
    assert error.value.message_dict["reason"] == ["กรุณาระบุเหตุผลที่ส่งกลับให้อำเภอแก้ไข"]
    submission.refresh_from_db()
    assert submission.status == "submitted"
    services.submission_return(submission=submission, actor=province_user, reason="กลุ่ม C1 ยุบเลิกแล้ว")
    submission.refresh_from_db()
    assert (submission.status, submission.return_reason) == ("returned", "กลุ่ม C1 ยุบเลิกแล้ว")
    services.review_classify(review=review_of(round_, lampang_groups["c"]), actor=district_user, data=CAT3,
                             now=BEFORE_DUE)
    submit(submission, district_user)
    submission.refresh_from_db()
    assert submission.status == "submitted"


def test_only_the_province_of_the_district_decides(submission, district_user, users):
    classify_all(submission, district_user)
    submit(submission, district_user)
    for role in ("district", "other_district", "other_province", "national"):
        with pytest.raises(PermissionDenied):
            services.submission_accept(submission=submission, actor=users[role])
        with pytest.raises(PermissionDenied):
            services.submission_return(submission=submission, actor=users[role], reason="x")
    submission.refresh_from_db()
    assert submission.status == "submitted"


def test_acceptance_removes_category_3_and_refusing_category_2_groups_and_keeps_them(
        round_, submission, district_user, province_user, lampang_groups):
    services.review_classify(review=review_of(round_, lampang_groups["a"]), actor=district_user, data=CAT2,
                             now=BEFORE_DUE)
    services.review_classify(review=review_of(round_, lampang_groups["b"]), actor=district_user, data=CAT2_REFUSE,
                             now=BEFORE_DUE)
    services.review_classify(review=review_of(round_, lampang_groups["c"]), actor=district_user, data=CAT3,
                             now=BEFORE_DUE)
    submit(submission, district_user, now=bangkok(2024, 12, 11))
    services.submission_accept(submission=submission, actor=province_user, now=bangkok(2024, 12, 12))
    submission.refresh_from_db()
    assert (submission.status, submission.is_late, submission.decided_by) == ("accepted", True, province_user)
    statuses = dict(SavingsGroup.objects.values_list("code", "status"))
    assert statuses == {"A1": "active", "B1": "removed", "C1": "removed", "X1": "active", "Y1": "active",
                        "Z9": "cancelled"}
    c = SavingsGroup.objects.get(code="C1")
    assert c.status_changed_by == province_user
    assert c.status_reason == ("ทบทวนฐานข้อมูลตามหนังสือจังหวัดที่ ลป 0019.4/ว 27530: "
                               "ประเภทที่ 3 ไม่มีการดำเนินงานแล้ว/ยกเลิกแล้ว · ไม่มีการดำเนินงานแล้ว")
    assert GroupChange.objects.filter(group=c, action="removed", source="review").count() == 1
    assert ReviewEvent.objects.filter(kind="group_removed", submission=submission).count() == 2
    # Restorable by provincial staff, with a reason.
    group_services.group_restore(group=c, actor=province_user, reason="กลุ่มกลับมาดำเนินการ")
    c.refresh_from_db()
    assert c.status == "active"


def test_accepting_several_is_all_or_none(round_, submission, other_submission, district_user,
                                          other_district_user, province_user):
    classify_all(submission, district_user)
    submit(submission, district_user)
    with pytest.raises(ValidationError) as error:
        services.submissions_accept(submissions=[submission, other_submission], actor=province_user)
    assert error.value.messages[0].startswith("อำเภอแม่เมาะ: เปลี่ยนสถานะจาก")
    submission.refresh_from_db()
    assert submission.status == "submitted"
    classify_all(other_submission, other_district_user)
    submit(other_submission, other_district_user)
    services.submissions_accept(submissions=[submission, other_submission], actor=province_user)
    assert set(Submission.objects.filter(pk__in=[submission.pk, other_submission.pk])
               .values_list("status", flat=True)) == {"accepted"}


def test_model_checks_behind_the_sheet_speak_thai(submission):
    from reviews.services.submissions import apply_details

    review = submission.reviews.select_related("group").first()
    with pytest.raises(ValidationError) as error:
        apply_details(review, {**CAT2, "follow_up_officer": "ก" * 300, "intention": "zz"})
    assert error.value.message_dict == {
        "follow_up_officer": ["ยาวเกิน 200 ตัวอักษร (ตอนนี้ 300 ตัวอักษร)"],  # locale/th
        "intention": ["ตัวเลือกไม่ถูกต้อง กรุณาเลือกจากรายการ"]}
