"""Loads provinces, amphoe and tambon from the geothai package (data CC-BY-4.0, GeoThai)."""

from dataclasses import dataclass

import geothai
from django.db import transaction

from geo.models import District, Province, Subdistrict


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _sync(model, rows: dict[str, dict], result: LoadResult):
    existing = model.objects.in_bulk(list(rows))
    to_create, to_update = [], []
    fields = set()
    for code, values in rows.items():
        current = existing.get(code)
        if current is None:
            to_create.append(model(code=code, **values))
            continue
        changed = {k: v for k, v in values.items() if getattr(current, k) != v}
        if changed:
            for key, value in changed.items():
                setattr(current, key, value)
            fields |= set(changed)
            to_update.append(current)
        else:
            result.unchanged += 1
    model.objects.bulk_create(to_create, batch_size=1000)
    if to_update:
        model.objects.bulk_update(to_update, sorted(fields), batch_size=500)
    result.created += len(to_create)
    result.updated += len(to_update)


@transaction.atomic
def load_geography(province_codes: list[str] | None = None) -> LoadResult:
    """Idempotent: a second run creates and updates nothing."""
    result = LoadResult()
    provinces = [p for p in geothai.provinces() if not province_codes or p.code in province_codes]
    _sync(Province, {p.code: {"name_th": p.name_th, "name_en": p.name_en} for p in provinces}, result)
    districts = [d for p in provinces for d in geothai.districts(p.code)]
    _sync(
        District,
        {d.code: {"name_th": d.name_th, "name_en": d.name_en, "province_id": d.province_code} for d in districts},
        result,
    )
    subdistricts = [s for d in districts for s in geothai.subdistricts(d.code)]
    _sync(
        Subdistrict,
        {s.code: {"name_th": s.name_th, "name_en": s.name_en, "district_id": s.district_code} for s in subdistricts},
        result,
    )
    return result
