"""The national group list: a province first, then the amphoe of that province only, then the tambon
of that amphoe only; the htmx answer swaps the dependent lists; without JavaScript the same GET works."""

from django.urls import reverse

from geo.models import Subdistrict
from tests.factories import GroupFactory, VillageFactory


def _options(page, name):
    start = page.index(f'name="{name}"')
    return page[start:page.index("</select>", start)].count("<option")


def test_national_user_chooses_a_province_before_amphoe_and_tambon(client, national_user):
    GroupFactory(code="L1")
    surat = GroupFactory(code="S1", village=VillageFactory(subdistrict=Subdistrict.objects.get(code="840101"), moo=1))
    client.force_login(national_user)
    page = client.get(reverse("groups:list")).content.decode()
    assert _options(page, "province") == 3  # ทุกจังหวัด + the two loaded provinces
    assert _options(page, "district") == 1 and "เลือกจังหวัดก่อน" in page
    assert _options(page, "subdistrict") == 1 and "เลือกอำเภอก่อน" in page
    response = client.get(reverse("groups:list"), {"province": "84"})
    page = response.content.decode()
    assert _options(page, "district") == 1 + 19  # Surat Thani's 19 amphoe
    assert [g.code for g in response.context["page"]] == [surat.code]
    page = client.get(reverse("groups:list"), {"province": "84", "district": "8401"}).content.decode()
    assert 0 < _options(page, "subdistrict") - 1 < 30  # เมืองสุราษฎร์ธานี's tambon only
    # an amphoe of another province is dropped with the province change
    response = client.get(reverse("groups:list"), {"province": "52", "district": "8401"})
    assert [g.code for g in response.context["page"]] == ["L1"]


def test_the_htmx_answer_swaps_the_amphoe_and_tambon_lists(client, national_user):
    client.force_login(national_user)
    response = client.get(reverse("groups:list"), {"province": "52"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert '<div id="filter-district" hx-swap-oob="true">' in page
    assert _options(page, "district") == 1 + 13
    assert "<html" not in page


def test_province_staff_see_no_province_filter(client, province_user):
    client.force_login(province_user)
    page = client.get(reverse("groups:list")).content.decode()
    assert 'name="province"' not in page
    assert _options(page, "district") == 1 + 13
