from django.contrib import admin

from core.admin import ReadOnlyAdmin
from geo.models import District, Province, Subdistrict, Village

# Geography comes from `load_geography` (DOPA codes) and villages from the group pages: read-only here.


@admin.register(Province)
class ProvinceAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_th", "name_en"]
    search_fields = ["code", "name_th", "name_en"]


@admin.register(District)
class DistrictAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_th", "province"]
    list_filter = ["province"]
    search_fields = ["code", "name_th", "name_en"]


@admin.register(Subdistrict)
class SubdistrictAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_th", "district"]
    search_fields = ["code", "name_th", "name_en"]
    list_select_related = ["district"]


@admin.register(Village)
class VillageAdmin(ReadOnlyAdmin):
    list_display = ["code", "moo", "name", "subdistrict"]
    search_fields = ["code", "name"]
    list_select_related = ["subdistrict"]
    raw_id_fields = ["subdistrict"]
