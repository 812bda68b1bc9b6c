"""Groups that enter the registry after a round opened, and groups the district cancels during the round."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from groups import services as group_services
from groups.models import SavingsGroup
from reviews import services
from reviews.models import GroupReview, ReviewEvent
from tests.factories import GroupFactory

from .conftest import classify_all, login, submit

SUBMIT = {"signer_role": "chief", "signer_name": "นายสมชาย ใจดี", "signer_position": "นายอำเภอเมืองลำปาง",
          "letter_number": "ลป ๐๐๑๙.๑/๑", "letter_date": "02/12/2567"}


@pytest.fixture
def new_group(round_, lampang_groups):
    """A 5201 group recorded in the registry after the round opened."""
    return GroupFactory(code="N1", village=lampang_groups["a"].village)


def test_the_review_page_counts_active_groups_not_in_the_round(client, district_user, submission, new_group):
    GroupFactory(code="N2", village=new_group.village, status="cancelled")  # not active: not counted
    login(client, district_user)
    response = client.get(reverse("reviews:submission", kwargs={"pk": submission.pk}))
    assert response.context["not_in_round"] == 1
    page = response.content.decode()
    assert "1 กลุ่มที่ดำเนินการอยู่ของอำเภอยังไม่อยู่ในรอบนี้" in page
    assert reverse("reviews:add_new_groups", kwargs={"pk": submission.pk}) in page


def test_the_submit_check_lists_new_groups_and_refuses(client, district_user, submission, new_group):
    classify_all(submission, district_user)
    login(client, district_user)
    url = reverse("reviews:submit", kwargs={"pk": submission.pk})
    response = client.get(url)
    assert [g.code for g in response.context["not_in_round"]] == ["N1"]
    response = client.post(url, SUBMIT)
    assert response.status_code == 200
    assert "มีกลุ่มที่ดำเนินการอยู่ของอำเภอที่ยังไม่อยู่ในรอบนี้ 1 กลุ่ม" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == "in_progress"


def test_adding_new_groups_puts_them_unclassified_in_the_round_with_an_event(client, district_user, submission,
                                                                            new_group):
    classify_all(submission, district_user)
    login(client, district_user)
    response = client.post(reverse("reviews:add_new_groups", kwargs={"pk": submission.pk}))
    assert response.status_code == 302
    review = GroupReview.objects.get(group=new_group)
    assert (review.submission_id, review.round_id, review.category) == (submission.pk, submission.round_id, None)
    event = ReviewEvent.objects.get(kind="groups_added")
    assert (event.submission_id, event.actor, event.note) == (submission.pk, district_user, "เพิ่ม 1 กลุ่ม: N1")
    assert list(services.groups_not_in_round(submission)) == []
    with pytest.raises(ValidationError, match="ยังจัดประเภทไม่ครบ: เหลืออีก 1 กลุ่ม"):
        submit(submission, district_user)
    services.review_classify(review=review, actor=district_user, data={"category": 1})
    assert submit(submission, district_user).status == "submitted"


def test_adding_twice_is_refused(district_user, submission, new_group):
    assert services.reviews_add_new_groups(submission=submission, actor=district_user) == 1
    with pytest.raises(ValidationError, match="ไม่มีกลุ่มใหม่ที่ยังไม่อยู่ในรอบนี้"):
        services.reviews_add_new_groups(submission=submission, actor=district_user)


def test_new_groups_cannot_be_added_once_submitted(district_user, submission, lampang_groups):
    classify_all(submission, district_user)
    submit(submission, district_user)
    GroupFactory(code="N1", village=lampang_groups["a"].village)
    with pytest.raises(ValidationError):
        services.reviews_add_new_groups(submission=submission, actor=district_user)
    assert not GroupReview.objects.filter(group__code="N1").exists()


@pytest.mark.parametrize(("role", "expected"), [("anonymous", 302), ("other_district", 404), ("district", 302),
                                                ("province", 403), ("other_province", 404), ("national", 403)])
def test_add_new_groups_matrix_nothing_written_on_denial(client, users, submission, new_group, role, expected):
    if role != "anonymous":
        login(client, users[role])
    response = client.post(reverse("reviews:add_new_groups", kwargs={"pk": submission.pk}))
    assert response.status_code == expected
    assert GroupReview.objects.filter(group=new_group).exists() == (role == "district")
    assert ReviewEvent.objects.filter(kind="groups_added").exists() == (role == "district")


def test_the_province_cannot_add_groups_to_a_district(province_user, submission, new_group):
    with pytest.raises(PermissionDenied):
        services.reviews_add_new_groups(submission=submission, actor=province_user)


def test_a_group_cancelled_during_the_round_is_shown_as_such_and_suggested_category_3(
        client, district_user, round_, submission, lampang_groups):
    group_services.group_cancel(group=lampang_groups["b"], actor=district_user, reason="สมาชิกมีมติเลิกกลุ่ม")
    login(client, district_user)
    response = client.get(reverse("reviews:submission", kwargs={"pk": submission.pk}))
    page = response.content.decode()
    assert "อำเภอยกเลิกกลุ่มระหว่างรอบ" in page
    assert "ยกเลิกระหว่างรอบ: 1" in page
    assert "ตรวจสอบ: ยกเลิกระหว่างรอบ ควรจัดเป็นประเภทที่ 3" in page
    response = client.get(reverse("reviews:submission", kwargs={"pk": submission.pk}), {"hint": "cancelled"})
    assert [r.group.code for r in response.context["page"]] == ["B1"]
    review = GroupReview.objects.get(group=lampang_groups["b"])
    form = client.get(reverse("reviews:review_edit", kwargs={"pk": submission.pk, "review_pk": review.pk}))
    assert (form.context["form"].initial["category"], form.context["form"].initial["defunct_reason"],
            form.context["form"].initial["note"]) == (3, "dissolved", "สมาชิกมีมติเลิกกลุ่ม")
    assert review.category is None  # a suggestion, never a decision
    assert SavingsGroup.objects.get(pk=lampang_groups["b"].pk).status == "cancelled"


def test_bulk_category_1_leaves_out_cancelled_groups_and_names_filters_in_thai(client, district_user, submission,
                                                                             lampang_groups):
    group_services.group_cancel(group=lampang_groups["b"], actor=district_user, reason="เลิกกลุ่ม")
    login(client, district_user)
    url = reverse("reviews:bulk_compliant", kwargs={"pk": submission.pk})
    params = {"scope": "all", "category": "none", "subdistrict": "520101"}
    page = client.get(url, params).content.decode()
    assert "ยืนยันจัดเป็นประเภทที่ 1 จำนวน 2 กลุ่ม" in page
    assert "ไม่รวมกลุ่มที่อำเภอยกเลิกระหว่างรอบ 1 กลุ่ม" in page
    assert "ตัวกรอง: ตำบล: เวียงเหนือ · ประเภท: ยังไม่จัดประเภท" in page
    assert "subdistrict=" not in page and "category=none" not in page  # no raw parameter names
    client.post(url, params)
    assert dict(submission.reviews.values_list("group__code", "category")) == {"A1": 1, "B1": None, "C1": 1}
    # The service refuses it too, whatever the caller passes.
    services.reviews_mark_compliant(submission=submission, actor=district_user,
                                    review_ids=submission.reviews.values_list("pk", flat=True))
    assert GroupReview.objects.get(group=lampang_groups["b"]).category is None
