"""The report letter says what accepting the district's result will do: category 2 in two parts
(will correct, with who follows up; refuses, to be removed), category 3 with its reasons, and
the number of groups it asks the province to remove is the number acceptance removes; the
province's consolidated export says the same."""

import io

import openpyxl
import pytest
from django.urls import reverse

from groups.models import SavingsGroup
from printing import pdf
from reviews import services as review_services
from reviews.documents import build_letter
from reviews.exports import REMOVED
from tests.documents import pdfcheck
from tests.factories import GroupFactory
from tests.reviews.conftest import BEFORE_DUE, CAT2, CAT2_REFUSE, CAT3, classify_all, submit


@pytest.fixture
def more_groups(lampang_groups):
    """Two more active groups in เมืองลำปาง's village, in the round from its start."""
    village = lampang_groups["a"].village
    return [GroupFactory(code="D1", village=village), GroupFactory(code="E1", village=village)]


@pytest.fixture
def classified(more_groups, submission, district_user):
    """A1 and E1 category 1, B1 category 2 will correct, D1 category 2 refuses, C1 category 3."""
    classify_all(submission, district_user)
    reviews = {r.group.code: r for r in submission.reviews.select_related("group")}
    for code, data in (("B1", CAT2), ("D1", CAT2_REFUSE), ("C1", CAT3)):
        review_services.review_classify(review=reviews[code], actor=district_user, data=data, now=BEFORE_DUE)
    submit(submission, district_user)
    submission.refresh_from_db()
    return submission


def _letter_text(submission):
    return pdfcheck.normalise("".join(p.extract_text() for p in pdfcheck.reader(pdf.render_document(build_letter(submission))).pages))


def test_category_2_is_reported_in_two_parts_and_category_3_with_its_reason(classified):
    doc = build_letter(classified)
    assert [g.code for g in doc.correcting] == ["B1"] and [g.code for g in doc.refusing] == ["D1"]
    assert doc.officers == [("นางสาวศิริพร ทองมา", 1)]
    assert doc.defunct_reasons == [("ไม่มีการดำเนินงานแล้ว", 1)]
    text = _letter_text(classified)
    for part in ("๒.๑) กลุ่มที่จะปรับปรุงแก้ไขการดำเนินงาน จำนวน ๑ กลุ่ม", "ได้แก่ นางสาวศิริพร ทองมา (๑ กลุ่ม)",
                 "๒.๒) กลุ่มที่ไม่ประสงค์ดำเนินการตามระเบียบฯ จำนวน ๑ กลุ่ม",
                 "จำนวน ๑ กลุ่ม ได้แก่ ไม่มีการดำเนินงานแล้ว ๑ กลุ่ม",
                 "รวมกลุ่มที่ขอให้จังหวัดนำข้อมูลออกจากฐานข้อมูลของกรมการพัฒนาชุมชน จำนวน ๒ กลุ่ม"):
        assert pdfcheck.normalise(part) in text, part


def test_the_groups_the_letter_asks_to_remove_are_those_acceptance_removes(classified, province_user):
    doc = build_letter(classified)
    asked = {g.code for g in doc.removals}
    assert asked == {"C1", "D1"}
    review_services.submission_accept(submission=classified, actor=province_user)
    removed = set(SavingsGroup.objects.filter(status=SavingsGroup.Status.REMOVED, district_id="5201")
                  .values_list("code", flat=True))
    assert removed == asked
    # Printed again after acceptance, the letter still names the same groups.
    classified.refresh_from_db()
    assert {g.code for g in build_letter(classified).removals} == removed
    assert pdfcheck.normalise("ฐานข้อมูลของกรมการพัฒนาชุมชน จำนวน ๒ กลุ่ม") in _letter_text(classified)


def test_a_group_cancelled_meanwhile_is_not_asked_for_again(classified, province_user, district_user):
    from groups import services as group_services

    group_services.group_cancel(group=SavingsGroup.objects.get(code="C1"), actor=district_user, reason="ยุบกลุ่มแล้ว")
    doc = build_letter(classified)
    assert [g.code for g in doc.removals] == ["D1"] and doc.already_out == 1
    review_services.submission_accept(submission=classified, actor=province_user)
    assert list(SavingsGroup.objects.filter(status=SavingsGroup.Status.REMOVED).values_list("code", flat=True)) == ["D1"]


def _export(client, user, round_):
    client.force_login(user)
    response = client.get(reverse("reviews:round_export", kwargs={"pk": round_.pk}))
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)


@pytest.mark.parametrize("accepted", [False, True])
def test_the_provincial_export_counts_the_same_removals(client, classified, province_user, round_, accepted):
    if accepted:
        review_services.submission_accept(submission=classified, actor=province_user)
    book = _export(client, province_user, round_)
    summary = list(book["สรุปรายอำเภอ"].iter_rows(values_only=True))
    header = summary[0]
    column = header.index("ขอให้จังหวัดนำออก (กลุ่ม)")
    row = next(r for r in summary if r[0] == "5201")
    assert row[column] == 2
    assert summary[-1][column] == 2  # the province's total
    for sheet, code in (("ประเภทที่ 2", "D1"), ("ประเภทที่ 3", "C1")):
        rows = list(book[sheet].iter_rows(values_only=True))
        line = next(r for r in rows if code in r)
        assert line[rows[0].index("เมื่อจังหวัดรับผล")] == REMOVED
    rows = list(book["ประเภทที่ 2"].iter_rows(values_only=True))
    line = next(r for r in rows if "B1" in r)
    assert line[rows[0].index("เมื่อจังหวัดรับผล")] != REMOVED
