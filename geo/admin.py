from django.contrib import admin

from geo.models import District, Province, Subdistrict, Village


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en"]
    search_fields = ["code", "name_th", "name_en"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "province"]
    list_filter = ["province"]
    search_fields = ["code", "name_th", "name_en"]


@admin.register(Subdistrict)
class SubdistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "district"]
    search_fields = ["code", "name_th", "name_en"]
    list_select_related = ["district"]


@admin.register(Village)
class VillageAdmin(admin.ModelAdmin):
    list_display = ["code", "moo", "name", "subdistrict"]
    search_fields = ["code", "name"]
    list_select_related = ["subdistrict"]
    raw_id_fields = ["subdistrict"]
