"""The group list: area, search, filters, sort, pagination, counts, cancelled groups, htmx."""

import pytest
from django.urls import reverse

from geo.models import District, Subdistrict, Village
from groups.models import SavingsGroup
from tests.factories import GroupFactory, VillageFactory


def _codes(response):
    return [g.code for g in response.context["page"]]


@pytest.fixture
def lampang_groups(geography):
    """One group in every amphoe of Lampang and one in Surat Thani's เมืองสุราษฎร์ธานี."""
    groups = []
    for district in District.objects.filter(province_id__in=["52", "84"]).order_by("code"):
        if district.province_id == "84" and district.code != "8401":
            continue
        subdistrict = district.subdistricts.order_by("code").first()
        village = VillageFactory(subdistrict=subdistrict, moo=1, code=Village.code_for(subdistrict.code, 1))
        groups.append(GroupFactory(code=f"{subdistrict.code}0101", village=village,
                                   name=f"กลุ่มออมทรัพย์เพื่อการผลิตอำเภอ{district.name_th}"))
    return groups


def test_province_officer_sees_all_13_lampang_amphoe_and_no_surat_thani_group(client, lampang_groups, province_user):
    client.force_login(province_user)
    response = client.get(reverse("groups:list"))
    shown = list(response.context["page"])
    assert len(shown) == 13
    assert sorted({g.district_id for g in shown}) == [f"52{n:02d}" for n in range(1, 14)]
    assert [d.code for d in response.context["form"].fields["district"].queryset] == [
        f"52{n:02d}" for n in range(1, 14)]
    surat = SavingsGroup.objects.get(district_id="8401")
    assert client.get(reverse("groups:detail", args=[surat.pk])).status_code == 404
    assert client.get(reverse("groups:edit", args=[surat.pk])).status_code == 404


def test_province_officer_filters_by_amphoe(client, lampang_groups, province_user):
    client.force_login(province_user)
    response = client.get(reverse("groups:list"), {"district": "5205"})
    assert _codes(response) == ["5205010101"]
    # The tambon list follows the amphoe: งาว's 10 tambon only.
    assert {s.district_id for s in response.context["form"].fields["subdistrict"].queryset} == {"5205"}


def test_a_district_officer_has_no_amphoe_filter_and_sees_only_its_tambon(client, lampang_groups, district_user):
    client.force_login(district_user)
    response = client.get(reverse("groups:list"))
    form = response.context["form"]
    assert "district" not in form.fields
    assert form.fields["subdistrict"].queryset.count() == Subdistrict.objects.filter(district_id="5201").count() == 19
    assert _codes(response) == ["5201010101"]


def test_national_staff_see_both_provinces(client, lampang_groups, national_user):
    client.force_login(national_user)
    assert len(_codes(client.get(reverse("groups:list")))) == 14


@pytest.fixture
def mueang_groups(geography):
    """Four groups of เมืองลำปาง in two tambon and three villages."""
    v1 = VillageFactory(subdistrict_id="520101", moo=1, code="52010101", name="บ้านดอนแก้ว")
    v2 = VillageFactory(subdistrict_id="520101", moo=2, code="52010102", name="บ้านหนองบัว")
    v3 = VillageFactory(subdistrict_id="520102", moo=3, code="52010203", name="บ้านป่าตาล")
    return {
        "a": GroupFactory(code="A001", name="กลุ่มออมทรัพย์บ้านดอนแก้ว", village=v1, members_total=30,
                          members_men=10, members_women=20, savings_balance="1000.00"),
        "b": GroupFactory(code="B002", name="กลุ่มสัจจะบ้านหนองบัว", village=v2, members_total=90,
                          savings_balance="5000.50", under_regulation=False),
        "c": GroupFactory(code="C003", name="กลุ่มออมทรัพย์บ้านป่าตาล", village=v3, members_total=60,
                          savings_balance="3000.00"),
        "d": GroupFactory(code="D004", name="กลุ่มออมทรัพย์บ้านดอนแก้ว ๒", village=v1,
                          status=SavingsGroup.Status.CANCELLED),
    }


@pytest.mark.parametrize(("params", "codes"), [
    ({}, ["A001", "B002", "C003"]),
    ({"q": "ดอนแก้ว"}, ["A001"]),
    ({"q": "b00"}, ["B002"]),
    ({"subdistrict": "520101"}, ["A001", "B002"]),
    ({"subdistrict": "520101", "village": "52010102"}, ["B002"]),
    ({"regulation": "no"}, ["B002"]),
    ({"regulation": "yes"}, ["A001", "C003"]),
    ({"status": "cancelled"}, ["D004"]),
    ({"status": "all"}, ["A001", "B002", "C003", "D004"]),
    ({"status": "all", "q": "ดอนแก้ว"}, ["A001", "D004"]),
    ({"sort": "members"}, ["B002", "C003", "A001"]),
    ({"sort": "savings"}, ["B002", "C003", "A001"]),
])
def test_search_filters_and_sort(client, mueang_groups, district_user, params, codes):
    client.force_login(district_user)
    assert _codes(client.get(reverse("groups:list"), params)) == codes


def test_a_village_left_over_from_another_tambon_is_dropped(client, mueang_groups, district_user):
    client.force_login(district_user)
    response = client.get(reverse("groups:list"), {"subdistrict": "520102", "village": "52010102"})
    assert _codes(response) == ["C003"]
    assert not response.context["form"].errors
    assert [v.code for v in response.context["form"].fields["village"].queryset] == ["52010203"]


def test_village_filter_offers_nothing_until_a_tambon_is_chosen(client, mueang_groups, district_user):
    client.force_login(district_user)
    form = client.get(reverse("groups:list")).context["form"]
    assert list(form.fields["village"].queryset) == []
    assert form.fields["village"].empty_label == "เลือกตำบลก่อน"


def test_a_tambon_outside_the_area_is_reported_and_filters_nothing(client, mueang_groups, district_user):
    client.force_login(district_user)
    response = client.get(reverse("groups:list"), {"subdistrict": "840101"})
    assert _codes(response) == ["A001", "B002", "C003"]
    assert "ตัวกรองบางรายการไม่ถูกต้อง" in response.content.decode()


def test_counts_and_totals_at_the_top(client, mueang_groups, district_user):
    client.force_login(district_user)
    response = client.get(reverse("groups:list"), {"subdistrict": "520101"})
    assert response.context["counts"] == {"total": 4, "active": 3, "under_regulation": 2, "cancelled": 1,
                                          "removed": 0}
    html = response.content.decode()
    assert "พบ 2 กลุ่ม · สมาชิกรวม 120 คน · เงินสัจจะสะสมรวม 6,000.50 บาท" in html


def test_cancelled_group_leaves_the_default_list_and_the_province_restores_it(
        client, mueang_groups, district_user, province_user):
    group = mueang_groups["a"]
    client.force_login(district_user)
    client.post(reverse("groups:cancel", args=[group.pk]), {"reason": "กลุ่มมีมติเลิกกลุ่ม"})
    assert _codes(client.get(reverse("groups:list"))) == ["B002", "C003"]
    assert _codes(client.get(reverse("groups:list"), {"status": "cancelled"})) == ["A001", "D004"]
    detail = client.get(reverse("groups:detail", args=[group.pk]))
    assert detail.context["can_restore"] is False
    assert "กลุ่มมีมติเลิกกลุ่ม" in detail.content.decode()

    client.force_login(province_user)
    detail = client.get(reverse("groups:detail", args=[group.pk]))
    assert detail.context["can_restore"] is True
    assert reverse("groups:restore", args=[group.pk]) in detail.content.decode()
    client.post(reverse("groups:restore", args=[group.pk]), {"reason": "กลุ่มกลับมาดำเนินการ"})
    assert _codes(client.get(reverse("groups:list"), {"subdistrict": "520101"})) == ["A001", "B002"]


def test_list_shows_thai_dates_and_money(client, mueang_groups, district_user):
    client.force_login(district_user)
    html = client.get(reverse("groups:list"), {"q": "C003"}).content.decode()
    assert '<td class="num">3,000.00</td>' in html
    assert "<td>30 ก.ย. 2567</td>" in html
    assert "หมู่ที่ 3 บ้านป่าตาล" in html


def test_htmx_request_gets_only_the_results_and_the_dependent_filter_lists(client, mueang_groups, district_user):
    client.force_login(district_user)
    response = client.get(reverse("groups:list"), {"subdistrict": "520101"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert '<section id="results">' in html
    assert '<div id="filter-village" hx-swap-oob="true">' in html
    assert '<option value="52010102">หมู่ที่ 2 บ้านหนองบัว</option>' in html


def test_pagination_keeps_the_filters(client, geography, district_user):
    village = VillageFactory(subdistrict_id="520101", moo=1, code="52010101")
    for n in range(55):
        GroupFactory(code=f"G{n:03d}", village=village)
    client.force_login(district_user)
    first = client.get(reverse("groups:list"), {"q": "G0"})
    assert len(first.context["page"]) == 50
    assert 'href="?q=G0&amp;page=2"' in first.content.decode()
    second = client.get(reverse("groups:list"), {"q": "G0", "page": "2"})
    assert _codes(second) == [f"G{n:03d}" for n in range(50, 55)]
    assert "หน้า 2 จาก 2" in second.content.decode()


def test_group_list_query_count_is_flat_with_many_rows(client, geography, district_user, django_assert_num_queries):
    # 120 groups over six tambon and twelve villages of เมืองลำปาง, each with an activity-free row.
    tambon = list(Subdistrict.objects.filter(district_id="5201").order_by("code")[:6])
    villages = [VillageFactory(subdistrict=t, moo=m, code=Village.code_for(t.code, m)) for t in tambon for m in (1, 2)]
    for n in range(120):
        GroupFactory(code=f"L{n:04d}", village=villages[n % len(villages)])
    client.force_login(district_user)
    for params in ({"status": "all"}, {}):
        with django_assert_num_queries(5):
            # 1 session  2 user with office (area filter)
            # 3 counts at the top, with the matches' count and sums (one aggregate: the status is
            #   the only filter)  4 the page's 50 groups with their place (joined)
            # 5 the filter's tambon choices (villages are not queried until a tambon is chosen)
            response = client.get(reverse("groups:list"), params)
        assert len(response.context["page"]) == 50
    assert response.context["matching"] == 120 and response.context["summary"]["members"] == 120 * 50


def test_group_list_query_count_with_a_tambon_chosen(client, geography, district_user, django_assert_num_queries):
    villages = [VillageFactory(subdistrict_id="520101", moo=m, code=f"520101{m:02d}") for m in (1, 2, 3)]
    for n in range(60):
        GroupFactory(code=f"L{n:04d}", village=villages[n % 3])
    client.force_login(district_user)
    with django_assert_num_queries(11):
        # 1 session  2 user with office  3 is the chosen village inside the chosen tambon
        # 4 validate the tambon choice  5 validate the village choice  6 counts at the top
        # 7 sums of the matches  8 paginator count  9 tambon choices  10 village choices
        # 11 the page of groups with their place (joined)
        response = client.get(reverse("groups:list"), {"subdistrict": "520101", "village": "52010102"})
    assert len(response.context["page"]) == 20


def test_group_page_query_count_is_flat_with_many_activities_and_changes(
        client, geography, district_user, django_assert_num_queries):
    from tests.factories import ActivityFactory
    from tests.groups.helpers import group_form_data

    group = GroupFactory()
    for n in range(8):
        ActivityFactory(group=group, name=f"กิจกรรม {n}")
    client.force_login(district_user)
    for total in range(51, 61):
        group.refresh_from_db()
        client.post(reverse("groups:edit", args=[group.pk]), group_form_data(group, members_total=total))
    with django_assert_num_queries(7):
        # 1 session  2 user with office  3 the group with village, tambon, amphoe, province (joined)
        # 4 its activities with their type  5 its history with each actor
        # 6 its place in each review round  7 its review events (reviews' group_review_history tag)
        response = client.get(reverse("groups:detail", args=[group.pk]))
    assert len(response.context["activities"]) == 8
    assert len(response.context["changes"]) == 10


def test_htmx_answer_to_a_chosen_amphoe_carries_its_tambon_list(client, geography, province_user):
    client.force_login(province_user)
    response = client.get(reverse("groups:list"), {"district": "5202"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert '<div id="filter-subdistrict" hx-swap-oob="true">' in html
    assert '<option value="520201">บ้านดง (อ.แม่เมาะ)</option>' in html
    assert "เวียงเหนือ" not in html


def test_group_form_lists_the_chosen_tambons_villages_for_htmx(client, geography, district_user):
    VillageFactory(subdistrict_id="520102", moo=5, code="52010205", name="หัวเวียงใต้")
    client.force_login(district_user)
    response = client.get(reverse("groups:create"), {"subdistrict": "520102"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.strip().startswith('<div id="villages"')
    assert 'data-village-moo="5" data-village-name="หัวเวียงใต้">หมู่ที่ 5 หัวเวียงใต้</button>' in html
    empty = client.get(reverse("groups:create"), {"subdistrict": "520103"}, headers={"HX-Request": "true"})
    assert "ตำบลสวนดอกยังไม่มีหมู่บ้านในทะเบียน" in empty.content.decode()


def test_village_picker_of_a_tambon_outside_the_area_shows_nothing(client, geography, district_user):
    VillageFactory(subdistrict_id="840101", moo=1, code="84010101", name="บ้านตลาด")
    client.force_login(district_user)
    response = client.get(reverse("groups:create"), {"subdistrict": "840101"}, headers={"HX-Request": "true"})
    assert "บ้านตลาด" not in response.content.decode()


def test_village_picker_of_another_districts_group_is_404(client, geography, other_district_user):
    group = GroupFactory()
    client.force_login(other_district_user)
    response = client.get(reverse("groups:edit", args=[group.pk]), {"subdistrict": "520101"},
                          headers={"HX-Request": "true"})
    assert response.status_code == 404
