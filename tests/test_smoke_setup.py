from geo.loader import load_geography
from geo.models import District, Subdistrict


def test_load_geography_twice_changes_nothing(db):
    first = load_geography(["52"])
    second = load_geography(["52"])
    assert first.created == 1 + 13 + Subdistrict.objects.filter(district__province_id="52").count()
    assert (second.created, second.updated) == (0, 0)
    assert District.objects.filter(province_id="52").count() == 13
