"""load_geography: every province, amphoe and tambon from geothai, idempotently."""

import geothai
from django.core.management import call_command

from geo.loader import load_geography
from geo.models import District, Province, Subdistrict, Village


def test_load_geography_twice_changes_nothing(db):
    first = load_geography(["52"])
    snapshot = list(Subdistrict.objects.values_list("code", "name_th", "name_en", "district_id"))
    second = load_geography(["52"])
    assert first.created == 1 + 13 + Subdistrict.objects.filter(district__province_id="52").count()
    assert (second.created, second.updated, second.unchanged) == (0, 0, first.created)
    assert list(Subdistrict.objects.values_list("code", "name_th", "name_en", "district_id")) == snapshot


def test_lampang_has_13_amphoe_and_surat_thani_19(geography):
    assert District.objects.filter(province_id="52").count() == 13
    assert District.objects.filter(province_id="84").count() == 19
    assert Province.objects.get(code="52").name_th == "ลำปาง"
    assert Province.objects.get(code="84").name_th == "สุราษฎร์ธานี"
    mueang = District.objects.get(code="5201")
    assert (mueang.name_th, mueang.name_en, mueang.display_name) == ("เมืองลำปาง", "Mueang Lampang", "อำเภอเมืองลำปาง")
    assert Subdistrict.objects.get(code="520101").name_th == "เวียงเหนือ"


def test_a_changed_name_is_corrected_on_the_next_run(geography):
    Subdistrict.objects.filter(code="520101").update(name_th="ชื่อผิด")
    result = load_geography(["52"])
    assert (result.created, result.updated) == (0, 1)
    assert Subdistrict.objects.get(code="520101").name_th == "เวียงเหนือ"


def test_loading_keeps_the_villages_groups_created(geography):
    Village.objects.create(code="52010101", subdistrict_id="520101", moo=1, name="บ้านดอนแก้ว")
    load_geography(["52"])
    assert Village.objects.get(code="52010101").name == "บ้านดอนแก้ว"


def test_the_whole_country_loads_with_dopa_codes(db):
    result = load_geography()
    assert Province.objects.count() == len(list(geothai.provinces()))
    assert Province.objects.count() >= 77
    assert District.objects.count() >= 878
    assert Subdistrict.objects.count() >= 7255
    assert result.created == Province.objects.count() + District.objects.count() + Subdistrict.objects.count()
    assert all(len(code) == 6 for code in Subdistrict.objects.values_list("code", flat=True)[:50])


def test_the_command_reports_in_thai(db, capsys):
    call_command("load_geography", "--province", "52")
    call_command("load_geography", "--province", "52")
    lines = capsys.readouterr().out.splitlines()
    # 1 province + 13 amphoe + 100 tambon
    assert lines[0] == "ภูมิศาสตร์: เพิ่ม 114 แก้ไข 0 ไม่เปลี่ยน 0"
    assert lines[1] == "ภูมิศาสตร์: เพิ่ม 0 แก้ไข 0 ไม่เปลี่ยน 114"
