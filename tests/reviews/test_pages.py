"""What the district and the province see and do on the review pages."""

import datetime as dt

import pytest
from django.urls import reverse

from core.models import PendingUpload
from core.thai import to_arabic_digits
from geo.models import Subdistrict
from groups.models import SavingsGroup
from reviews import services
from reviews.models import GroupReview, ReviewEvent
from tests.factories import GroupFactory, VillageFactory

from .conftest import BEFORE_DUE, CAT2, CAT2_REFUSE, CAT3, bangkok, classify_all, login, submit


def review_of(round_, code):
    return GroupReview.objects.get(round=round_, group__code=code)


@pytest.fixture
def second_tambon_round(province_user, lampang_groups):
    """The round with one more 5201 group in another tambon (520102)."""
    village = VillageFactory(subdistrict=Subdistrict.objects.get(code="520102"), moo=2)
    GroupFactory(code="D1", village=village)
    return services.round_open(actor=province_user, title="รอบสอง", reference_number="ลป ๐๐๑๙.๔/ว ๒",
                               letter_date=dt.date(2024, 11, 21), due_on=dt.date(2024, 12, 9))


def test_bulk_category_1_states_the_count_and_respects_the_filter(client, district_user, second_tambon_round):
    round_ = second_tambon_round
    submission = round_.submissions.get(district_id="5201")
    services.review_classify(review=review_of(round_, "A1"), actor=district_user, data=CAT3)
    url = reverse("reviews:bulk_compliant", kwargs={"pk": submission.pk})
    login(client, district_user)
    params = {"subdistrict": "520101", "category": "none", "scope": "all"}
    response = client.get(url, params)
    assert response.status_code == 200
    assert "ยืนยันจัดเป็นประเภทที่ 1 จำนวน 2 กลุ่ม" in response.content.decode()
    assert review_of(round_, "B1").category is None  # the confirmation writes nothing
    response = client.post(url, params)
    assert response.status_code == 302
    assert dict(round_.reviews.filter(submission=submission).values_list("group__code", "category")) == {
        "A1": 3, "B1": 1, "C1": 1, "D1": None}


def test_bulk_category_1_of_selected_rows_only(client, district_user, round_, submission):
    login(client, district_user)
    url = reverse("reviews:bulk_compliant", kwargs={"pk": submission.pk})
    ids = [str(review_of(round_, "A1").pk), str(review_of(round_, "C1").pk)]
    response = client.get(url, {"scope": "selected", "review": ids})
    assert "ยืนยันจัดเป็นประเภทที่ 1 จำนวน 2 กลุ่ม" in response.content.decode()
    client.post(url, {"scope": "selected", "review": ids})
    assert dict(submission.reviews.values_list("group__code", "category")) == {"A1": 1, "B1": None, "C1": 1}


def test_category_3_without_a_reason_is_a_thai_message_and_nothing_is_saved(client, district_user, round_,
                                                                            submission):
    review = review_of(round_, "A1")
    login(client, district_user)
    response = client.post(reverse("reviews:review_edit", kwargs={"pk": submission.pk, "review_pk": review.pk}),
                           {"category": "3"})
    assert response.status_code == 200
    assert "กรุณาเลือกเหตุผลที่จัดเป็นประเภทที่ 3" in response.content.decode()
    review.refresh_from_db()
    assert review.category is None
    assert not ReviewEvent.objects.filter(kind="classified").exists()


def test_category_2_form_saves_checklist_officer_date_and_intention(client, district_user, round_, submission):
    review = review_of(round_, "A1")
    login(client, district_user)
    response = client.post(reverse("reviews:review_edit", kwargs={"pk": submission.pk, "review_pk": review.pk}), {
        "category": "2", "issues": ["accounts", "other"], "note": "ไม่มีสมุดบัญชี", "follow_up_officer": "นายณัฐพล ใจมา",
        "next_follow_up_on": "15/01/2568", "intention": "correct"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.category, review.issues, review.note, review.follow_up_officer, review.next_follow_up_on,
            review.intention) == (2, ["accounts", "other"], "ไม่มีสมุดบัญชี", "นายณัฐพล ใจมา", dt.date(2025, 1, 15),
                                  "correct")


def test_submit_page_lists_exactly_the_groups_still_unclassified(client, district_user, round_, submission):
    services.review_classify(review=review_of(round_, "B1"), actor=district_user, data={"category": 1})
    login(client, district_user)
    response = client.get(reverse("reviews:submit", kwargs={"pk": submission.pk}))
    missing = [r.group.code for r in response.context["missing"]]
    assert missing == ["A1", "C1"]
    assert "ยังไม่ได้จัดประเภทอีก 2 กลุ่ม" in response.content.decode()
    response = client.post(reverse("reviews:submit", kwargs={"pk": submission.pk}), {
        "signer_role": "chief", "signer_name": "นายสมชาย ใจดี", "signer_position": "นายอำเภอเมืองลำปาง",
        "letter_number": "ลป ๐๐๑๙.๑/๑", "letter_date": "02/12/2567"})
    assert response.status_code == 200
    assert "ยังจัดประเภทไม่ครบ: เหลืออีก 2 กลุ่ม" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == "in_progress"


def test_the_district_sees_the_return_reason(client, district_user, province_user, submission):
    classify_all(submission, district_user)
    submit(submission, district_user)
    login(client, province_user)
    client.post(reverse("reviews:return", kwargs={"pk": submission.pk}), {"reason": "ประเภทที่ ๓ ไม่ครบ"})
    client.logout()
    login(client, district_user)
    page = client.get(reverse("reviews:submission", kwargs={"pk": submission.pk})).content.decode()
    assert "จังหวัดส่งกลับให้แก้ไข:</b> ประเภทที่ 3 ไม่ครบ" in page
    assert reverse("reviews:submit", kwargs={"pk": submission.pk}) in page  # can fix and resubmit


def test_return_without_a_reason_is_refused(client, district_user, province_user, submission):
    classify_all(submission, district_user)
    submit(submission, district_user)
    login(client, province_user)
    response = client.post(reverse("reviews:return", kwargs={"pk": submission.pk}), {"reason": "   "})
    assert "กรุณาระบุเหตุผลที่ส่งกลับให้อำเภอแก้ไข" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == "submitted"


def test_dashboard_counts_rates_and_lateness(client, district_user, other_district_user, province_user, round_,
                                             submission, other_submission):
    services.review_classify(review=review_of(round_, "A1"), actor=district_user, data=CAT2)
    services.review_classify(review=review_of(round_, "B1"), actor=district_user, data=CAT3)
    services.review_classify(review=review_of(round_, "C1"), actor=district_user, data={"category": 1})
    submit(submission, district_user, now=bangkok(2024, 12, 9, 20))
    classify_all(other_submission, other_district_user)
    submit(other_submission, other_district_user, now=bangkok(2024, 12, 10, 8))
    services.submission_accept(submission=other_submission, actor=province_user)
    login(client, province_user)
    response = client.get(reverse("reviews:round", kwargs={"pk": round_.pk}))
    rows = {row.submission.district_id: row for row in response.context["rows"]}
    totals = response.context["totals"]
    assert (rows["5201"].cat1, rows["5201"].cat2, rows["5201"].cat3, rows["5201"].percent) == (1, 1, 1, 100)
    assert (rows["5202"].cat1, rows["5202"].submission.is_late, rows["5202"].submission.status) == (2, True, "accepted")
    assert (totals.expected, totals.sent, totals.on_time, totals.late, totals.missing) == (13, 2, 1, 1, 11)
    assert (totals.total, totals.classified, totals.percent) == (5, 5, 100)
    page = response.content.decode()
    assert "ส่งเกินกำหนด" in page and "ส่งตรงเวลา" in page
    assert 'value="100"' in page  # the progress bar of a finished district
    # the 11 districts that have not sent are past the deadline (the round's due date is in 2024)
    assert page.count('<progress class="bar late"') == 11 and page.count('<span class="badge bad">เกินกำหนด ') == 11


def test_acceptance_puts_correcting_groups_on_the_follow_up_list(client, district_user, province_user, round_,
                                                                 submission):
    services.review_classify(review=review_of(round_, "A1"), actor=district_user, data=CAT2)
    services.review_classify(review=review_of(round_, "B1"), actor=district_user, data=CAT2_REFUSE)
    services.review_classify(review=review_of(round_, "C1"), actor=district_user, data={"category": 1})
    submit(submission, district_user)
    login(client, province_user)
    url = reverse("reviews:follow_up", kwargs={"pk": round_.pk})
    assert list(client.get(url).context["reviews"]) == []
    client.post(reverse("reviews:accept", kwargs={"pk": submission.pk}))
    reviews = list(client.get(url).context["reviews"])
    assert [(r.group.code, r.follow_up_officer, r.next_follow_up_on) for r in reviews] == [
        ("A1", "นางสาวศิริพร ทองมา", dt.date(2025, 1, 15))]
    assert SavingsGroup.objects.get(code="B1").status == "removed"


def test_accept_several_districts_at_once_from_the_dashboard(client, district_user, other_district_user,
                                                            province_user, round_, submission, other_submission):
    classify_all(submission, district_user)
    submit(submission, district_user)
    classify_all(other_submission, other_district_user)
    submit(other_submission, other_district_user)
    login(client, province_user)
    response = client.post(reverse("reviews:round_accept_many", kwargs={"pk": round_.pk}),
                           {"submission": [submission.pk, other_submission.pk]})
    assert response.status_code == 302
    submission.refresh_from_db()
    other_submission.refresh_from_db()
    assert (submission.status, other_submission.status) == ("accepted", "accepted")


def test_removed_group_page_shows_the_round_and_reason(client, district_user, province_user, round_, submission):
    services.review_classify(review=review_of(round_, "A1"), actor=district_user, data=CAT3)
    services.reviews_mark_compliant(submission=submission, actor=district_user,
                                    review_ids=submission.reviews.exclude(group__code="A1").values_list("pk", flat=True))
    submit(submission, district_user)
    services.submission_accept(submission=submission, actor=province_user)
    group = SavingsGroup.objects.get(code="A1")
    login(client, district_user)
    page = client.get(reverse("groups:detail", kwargs={"pk": group.pk})).content.decode()
    assert "ประวัติการทบทวนฐานข้อมูล" in page.replace("<wbr>", "")  # a heading: breaks between words
    assert "นำกลุ่มออกจากฐานข้อมูล" in page
    assert "ประเภทที่ 3 ไม่มีการดำเนินงานแล้ว/ยกเลิกแล้ว" in page
    assert to_arabic_digits(round_.reference_number) in page  # docs/digits.md
    assert [g.code for g in client.get(reverse("groups:list")).context["page"]] == ["B1", "C1"]
    removed = client.get(reverse("groups:list"), {"status": "removed"}).context["page"]
    assert [g.code for g in removed] == ["A1"]


def test_round_create_page_opens_a_round_for_the_users_province(client, province_user, lampang_groups):
    login(client, province_user)
    response = client.post(reverse("reviews:round_create"), {
        "title": "ทบทวน ๒๕๖๘", "reference_number": "ลป ๐๐๑๙.๔/ว ๑๑", "letter_date": "21/11/2567",
        "due_on": "9/12/2567"})
    assert response.status_code == 302
    round_ = province_user.office.province.review_rounds.get()
    assert (round_.letter_date, round_.due_on, round_.reviews.count()) == (dt.date(2024, 11, 21),
                                                                           dt.date(2024, 12, 9), 5)


def test_round_create_rejects_a_deadline_before_the_letter(client, province_user, geography):
    login(client, province_user)
    response = client.post(reverse("reviews:round_create"), {
        "title": "x", "reference_number": "y", "letter_date": "21/11/2567", "due_on": "1/11/2567"})
    assert "กำหนดส่งต้องไม่ก่อนวันที่ของหนังสือ" in response.content.decode()
    assert province_user.office.province.review_rounds.count() == 0


def test_hints_mark_old_figures_zero_members_and_duplicate_names(client, district_user, province_user, geography):
    village = VillageFactory(subdistrict=Subdistrict.objects.get(code="520101"), moo=3)
    GroupFactory(code="H1", village=village, name="กลุ่มซ้ำ", figures_as_of=dt.date(2019, 1, 1))
    GroupFactory(code="H2", village=village, name="กลุ่มซ้ำ", members_total=0, members_men=None, members_women=None,
                 figures_as_of=dt.date.today())
    GroupFactory(code="H3", village=village, name="กลุ่มปกติ", figures_as_of=dt.date.today())
    round_ = services.round_open(actor=province_user, title="t", reference_number="r",
                                 letter_date=dt.date(2024, 11, 21), due_on=dt.date(2024, 12, 9))
    submission = round_.submissions.get(district_id="5201")
    login(client, district_user)
    response = client.get(reverse("reviews:submission", kwargs={"pk": submission.pk}), {"hint": "check"})
    hints = {r.group.code: r.hints for r in response.context["page"]}
    assert hints == {"H1": ["ข้อมูลเก่ากว่า 2 ปี", "ชื่อซ้ำในหมู่บ้านเดียวกัน"],
                     "H2": ["ไม่มีสมาชิก", "ชื่อซ้ำในหมู่บ้านเดียวกัน"]}


def test_group_reviews_of_one_district_are_not_listed_for_another(client, other_district_user, submission):
    login(client, other_district_user)
    assert client.get(reverse("reviews:submission", kwargs={"pk": submission.pk})).status_code == 404


def test_classification_events_show_on_the_review_page(client, district_user, round_, submission):
    review = review_of(round_, "A1")
    services.review_classify(review=review, actor=district_user, data={"category": 1}, now=BEFORE_DUE)
    services.review_classify(review=review, actor=district_user, data=CAT3, now=BEFORE_DUE)
    login(client, district_user)
    response = client.get(reverse("reviews:review_edit", kwargs={"pk": submission.pk, "review_pk": review.pk}))
    events = [(e.from_value, e.to_value) for e in response.context["events"]]
    assert events == [("1", "3"), ("", "1")]


def test_filtering_with_htmx_returns_only_the_results_partial(client, district_user, round_, submission):
    login(client, district_user)
    response = client.get(reverse("reviews:submission", kwargs={"pk": submission.pk}), {"category": "none"},
                          headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results">')
    assert "<html" not in html
    assert "พบ 3 กลุ่มตามตัวกรอง" in html
    assert all(f"<td>{code}</td>" in html for code in ("A1", "B1", "C1"))


def test_province_cannot_upload_a_district_sheet_and_nothing_is_written(client, province_user, submission):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, province_user)
    response = client.post(reverse("reviews:sheet_upload", kwargs={"pk": submission.pk}),
                           {"file": SimpleUploadedFile("r.xlsx", b"x")})
    assert response.status_code == 403
    assert not PendingUpload.objects.exists()
    assert GroupReview.objects.filter(category__isnull=False).count() == 0


def test_bulk_is_not_applied_when_the_count_changed_since_the_confirmation(client, district_user, round_,
                                                                          submission):
    login(client, district_user)
    url = reverse("reviews:bulk_compliant", kwargs={"pk": submission.pk})
    response = client.post(url, {"scope": "all", "category": "none", "expected": "2"})
    assert response.status_code == 200
    assert "จำนวนกลุ่มเปลี่ยนจาก 2 เป็น 3 กลุ่มระหว่างยืนยัน" in response.content.decode()
    assert "ยืนยันจัดเป็นประเภทที่ 1 จำนวน 3 กลุ่ม" in response.content.decode()
    assert GroupReview.objects.filter(category__isnull=False).count() == 0


def test_django_built_in_form_checks_speak_thai():
    from reviews.forms import FollowUpVisitForm, ReviewForm, RoundForm, SheetUploadForm

    assert RoundForm({"title": "ก" * 300}).errors == {
        "title": ["ยาวเกิน 255 ตัวอักษร (ตอนนี้ 300 ตัวอักษร)"],  # locale/th
        "reference_number": ["กรุณากรอกเลขที่หนังสือจังหวัด"],
        "letter_date": ["กรุณากรอกวันที่ของหนังสือจังหวัด"], "due_on": ["กรุณากรอกวันกำหนดส่ง"]}
    assert ReviewForm({"category": "9", "issues": ["zzz"]}).errors == {
        "category": ["ตัวเลือกไม่ถูกต้อง กรุณาเลือกจากรายการ"], "issues": ["ตัวเลือกไม่ถูกต้อง กรุณาเลือกจากรายการ"]}
    assert ReviewForm({}).errors == {"category": ["กรุณาเลือกประเภทของกลุ่ม"]}  # the field's own message wins
    assert FollowUpVisitForm({"outcome": "correcting"}).errors == {
        "visited_on": ["กรุณากรอกวันที่ติดตาม"],
        "next_follow_up_on": ["กลุ่มยังอยู่ระหว่างปรับปรุงแก้ไข กรุณากำหนดวันที่ติดตามครั้งถัดไป"]}
    assert SheetUploadForm({}, {}).errors == {"file": ["กรุณาเลือกไฟล์"]}  # Django's own, locale/th
