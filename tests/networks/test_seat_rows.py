"""Adding blank rows to the seat table keeps what was typed: in place with the page's script
(the cloned empty row), and without JavaScript by posting the table back unsaved."""

import pytest
from django.urls import reverse

from networks.models import SeatHolder, SeatKind
from tests.networks.test_committees import seat_post

pytestmark = pytest.mark.django_db


def test_adding_rows_without_javascript_keeps_the_typed_names_and_saves_nothing(client, district_user, world):
    committee = world["tambon_committee"]
    client.force_login(district_user)
    data = seat_post(committee, first_name="บัวผันแก้ไข")
    before = list(SeatHolder.objects.filter(committee=committee).values_list("first_name", flat=True))
    response = client.post(reverse("networks:committee_seats", args=[committee.pk]), {**data, "add_rows": "10"})
    assert response.status_code == 200
    formset = response.context["formset"]
    assert len(formset.forms) == 15 + 10
    assert formset.forms[0]["first_name"].value() == "บัวผันแก้ไข"
    member = SeatKind.objects.get(code=SeatKind.MEMBER).pk
    assert [f["seat_kind"].value() for f in formset.forms[15:]] == [str(member)] * 10
    body = response.content.decode()
    assert 'name="seats-TOTAL_FORMS" value="25"' in body
    assert 'value="บัวผันแก้ไข"' in body
    assert "เพิ่มแถวว่างแล้ว รายชื่อที่กรอกไว้ยังอยู่ครบ (ยังไม่บันทึก)" in body
    assert list(SeatHolder.objects.filter(committee=committee).values_list("first_name", flat=True)) == before


def test_rows_added_without_javascript_stop_at_the_tables_limit(client, district_user, world):
    committee = world["tambon_committee"]
    client.force_login(district_user)
    data = seat_post(committee)
    data["seats-TOTAL_FORMS"] = "75"
    for index in range(15, 75):
        data[f"seats-{index}-seat_kind"] = str(SeatKind.objects.get(code=SeatKind.MEMBER).pk)
    response = client.post(reverse("networks:committee_seats", args=[committee.pk]), {**data, "add_rows": "10"})
    assert len(response.context["formset"].forms) == 80


def test_the_seat_page_carries_an_empty_row_for_the_script_to_clone(client, district_user, world):
    committee = world["tambon_committee"]
    client.force_login(district_user)
    body = client.get(reverse("networks:committee_seats", args=[committee.pk])).content.decode()
    template = body[body.index('<template id="seat-row-template">'):body.index("</template>")]
    assert 'name="seats-__prefix__-first_name"' in template
    assert "__number__" in template
    member = SeatKind.objects.get(code=SeatKind.MEMBER)
    assert f'<option value="{member.pk}" selected>' in template
    assert 'data-add-rows="10"' in body
    assert "networks/seat-rows.js" in body
