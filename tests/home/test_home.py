"""Each role's home page: what it gathers, where each item links, and pinned query counts (the same
with 2 districts as with 20). Every request starts with 3 queries: session, user, the user's office."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from geo.models import Subdistrict
from networks.models import Committee, Network
from notices.models import Notice
from reviews import services
from tests.factories import GroupFactory, VillageFactory
from tests.reviews.conftest import CAT2, classify_all, submit

AUTH = 2  # session, user with office (accounts.backends)


@pytest.fixture
def current_round(province_user, district_user, other_district_user, geography):
    """A round due in 5 days: 5201 returned with a reason, 5202 submitted and waiting."""
    for n, tambon in enumerate(["520101", "520102", "520201", "520202"] * 3):
        GroupFactory(code=f"H{n:03d}", village=VillageFactory(subdistrict=Subdistrict.objects.get(code=tambon), moo=n + 1))
    today = timezone.localdate()
    now = timezone.now()
    round_ = services.round_open(actor=province_user, title="ทบทวนปีนี้", reference_number="ลป 1/2569",
                                 letter_date=today - dt.timedelta(days=10), due_on=today + dt.timedelta(days=5))
    own, other = round_.submissions.get(district_id="5201"), round_.submissions.get(district_id="5202")
    classify_all(own, district_user, now=now)
    submit(own, district_user, now=now)
    services.submission_return(submission=own, actor=province_user, reason="ขอให้ตรวจสอบกลุ่มประเภทที่ 2 อีกครั้ง\nบรรทัดที่สอง")
    classify_all(other, other_district_user, now=now)
    review = other.reviews.order_by("pk").first()
    services.review_classify(review=review, actor=other_district_user, now=now,
                             data={**CAT2, "next_follow_up_on": today - dt.timedelta(days=3)})
    submit(other, other_district_user, now=now)
    return round_


def _get(client, user, queries=None):
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    return response, len(ctx.captured_queries)


def test_district_home_shows_the_returned_reason_in_full_with_a_button_to_the_groups(client, district_user, current_round):
    response, queries = _get(client, district_user)
    page = response.content.decode()
    submission = current_round.submissions.get(district_id="5201")
    assert "ส่งกลับให้แก้ไข" in page
    assert "ขอให้ตรวจสอบกลุ่มประเภทที่ 2 อีกครั้ง<br>บรรทัดที่สอง" in page
    assert "เหลือ 5 วัน" in page
    assert f'href="{reverse("reviews:submission", kwargs={"pk": submission.pk})}?hint=check"' in page
    assert "จังหวัดส่งผลการทบทวนกลับให้แก้ไข" in page  # the notice
    assert "1 ยังไม่อ่าน" in page
    # round, submission, category counts, follow-up figures, follow-up items, committees, imports,
    # batches, notices, unread count
    assert queries == AUTH + 10


def test_province_home_lists_districts_waiting_and_not_sent_and_overdue_follow_ups(
        client, province_user, current_round, other_district_user):
    response, queries = _get(client, province_user)
    page = response.content.decode()
    waiting = current_round.submissions.get(district_id="5202")
    assert f'href="{reverse("reviews:submission", kwargs={"pk": waiting.pk})}"' in page
    context = response.context["province"]
    assert [row.submission.district_id for row in context.waiting] == ["5202"]
    assert "5201" in [row.submission.district_id for row in context.not_sent]
    assert len(context.not_sent) == 12  # Lampang's 13 amphoe, one waiting
    assert "เหลือ 5 วัน" in page
    # submission 5202 was not accepted: its category 2 group is not followed up yet
    assert context.follow_ups_overdue == []
    # round, dashboard (counts, submissions), follow-ups overdue, networks without representatives,
    # committees, batches, notices, unread count
    assert queries == AUTH + 9


def test_province_home_counts_overdue_follow_ups_and_networks_without_representatives(
        client, province_user, current_round, district_user):
    other = current_round.submissions.get(district_id="5202")
    services.submission_accept(submission=other, actor=province_user)
    Network.objects.create(level="amphoe", province_id="52", district_id="5202", name="เครือข่ายอำเภอแม่เมาะ")
    response, queries = _get(client, province_user)
    context = response.context["province"]
    [row] = context.follow_ups_overdue
    assert (row["submission__district_id"], row["count"]) == ("5202", 1)
    assert row["url"] == reverse("reviews:follow_up", kwargs={"pk": current_round.pk}) + "?district=5202&overdue=on"
    assert [n.district_id for n in context.no_representatives] == ["5202"]
    assert queries == AUTH + 9


def test_national_home_is_the_country_by_province_in_a_fixed_number_of_queries(
        client, national_user, current_round, province_user):
    response, queries = _get(client, national_user)
    lines = {line.code: line for line in response.context["provinces"]}
    assert len(lines) == 2  # the test loads Lampang and Surat Thani
    assert (lines["52"].not_sent, lines["52"].waiting, lines["52"].days_left) == (12, 1, 5)
    assert lines["84"].round is None
    # provinces, rounds, submission figures, follow-ups overdue, representatives, offices, notices, unread
    assert queries == AUTH + 8


def test_committee_terms_ending_or_ended_are_on_the_district_home(client, district_user, geography):
    today = timezone.localdate()
    ending = Network.objects.create(level="amphoe", province_id="52", district_id="5201", name="เครือข่ายอำเภอ")
    tambon = Network.objects.create(level="tambon", province_id="52", district_id="5201", subdistrict_id="520101",
                                    name="เครือข่ายตำบลเวียงเหนือ", parent=ending)
    running = Network.objects.create(level="tambon", province_id="52", district_id="5201", subdistrict_id="520102",
                                     name="เครือข่ายตำบลหัวเวียง", parent=ending)
    Committee.objects.create(network=ending, term_start=today.replace(year=today.year - 4) + dt.timedelta(days=30))
    Committee.objects.create(network=tambon, term_start=today.replace(year=today.year - 5))
    Committee.objects.create(network=running, term_start=today.replace(year=today.year - 1))
    response, _ = _get(client, district_user)
    names = [c.network.name for c in response.context["district"].committees]
    assert sorted(names) == ["เครือข่ายตำบลเวียงเหนือ", "เครือข่ายอำเภอ"]
    assert "หมดวาระแล้ว" in response.content.decode()


def test_the_home_page_is_the_first_page_after_login(client, district_user):
    district_user.set_password("x-pass-123")
    district_user.save()
    response = client.post(reverse("login"), {"username": "d5201", "password": "x-pass-123"})
    assert response["Location"] == reverse("home")


def test_a_notice_of_another_user_is_not_on_my_home(client, district_user, other_district_user, geography):
    Notice.objects.create(user=other_district_user, kind="accepted", key="status:9", title="ของคนอื่น",
                          created_at=timezone.now())
    response, _ = _get(client, district_user)
    assert "ของคนอื่น" not in response.content.decode()


def test_national_home_lists_the_provinces_with_a_round_first(national_user, geography):
    from home.selectors import national_home
    from reviews.models import Round

    today = timezone.localdate()
    Round.objects.create(province_id="84", title="รอบสุราษฎร์ธานี", reference_number="สฎ 0019.4/ว 1",
                         letter_date=today, due_on=today + dt.timedelta(days=7), opened_by=national_user,
                         opened_at=timezone.now())
    assert [line.code for line in national_home(national_user, today)] == ["84", "52"]
