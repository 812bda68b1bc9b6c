"""Province, amphoe, tambon and village by code or by name, for the import's place columns."""

from geo.models import District, Province, Subdistrict, Village
from groups.spreadsheets.base import chunks


def _strip_prefix(text: str, prefixes) -> str:
    for prefix in prefixes:
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix):].strip()
    return text


class PlaceLookup:
    """Province, amphoe and tambon by code or by name (a tambon's name is unique in its amphoe),
    and the villages already in the registry; loaded once per import."""

    def __init__(self):
        self.provinces = {p.code: p for p in Province.objects.all()}
        self.province_names = {p.name_th: p for p in self.provinces.values()}
        self.districts = {d.code: d for d in District.objects.all()}
        self.district_names = {}
        for d in self.districts.values():
            self.district_names.setdefault(d.name_th, []).append(d)
        self.subdistricts = {}
        self.subdistrict_names = {}
        for s in Subdistrict.objects.all():
            s.district = self.districts[s.district_id]
            self.subdistricts[s.code] = s
            self.subdistrict_names[(s.district_id, s.name_th)] = s
        self.villages = {}  # (tambon code, moo) → Village, filled by load_villages

    def province(self, text):
        if not text:
            return None
        text = _strip_prefix(text, ("จังหวัด", "จ."))
        found = self.provinces.get(text) or self.province_names.get(text)
        if found is None:
            raise ValueError(f"ไม่พบจังหวัด “{text}”")
        return found

    def district(self, text, province=None):
        if not text:
            raise ValueError("กรุณากรอกอำเภอ")
        text = _strip_prefix(text, ("อำเภอ", "อ."))
        found = self.districts.get(text)
        if found is None:
            candidates = self.district_names.get(text, [])
            if province is not None:
                candidates = [d for d in candidates if d.province_id == province.code]
            if len(candidates) > 1:
                raise ValueError(f"มีอำเภอ “{text}” มากกว่าหนึ่งจังหวัด กรุณากรอกจังหวัดหรือรหัสอำเภอ")
            found = candidates[0] if candidates else None
        if found is None:
            where = f" ในจังหวัด{province.name_th}" if province else ""
            raise ValueError(f"ไม่พบอำเภอ “{text}”{where}")
        if province is not None and found.province_id != province.code:
            raise ValueError(f"อำเภอ{found.name_th} ไม่ได้อยู่ในจังหวัด{province.name_th}")
        return found

    def subdistrict(self, text, district):
        if not text:
            raise ValueError("กรุณากรอกตำบล")
        text = _strip_prefix(text, ("ตำบล", "ต.", "แขวง"))
        found = self.subdistricts.get(text)
        if found is not None:
            if district is not None and found.district_id != district.code:
                raise ValueError(f"ตำบลรหัส {text} ({found.name_th}) ไม่ได้อยู่ในอำเภอ{district.name_th}")
            return found
        if district is None:
            return None
        found = self.subdistrict_names.get((district.code, text))
        if found is None:
            raise ValueError(f"ไม่พบตำบล “{text}” ในอำเภอ{district.name_th}")
        return found

    def load_villages(self, tambon_codes):
        for chunk in chunks(set(tambon_codes) - {c for c, _ in self.villages}):
            for village in Village.objects.filter(subdistrict_id__in=chunk):
                village.subdistrict = self.subdistricts[village.subdistrict_id]  # no query per row
                self.villages[(village.subdistrict_id, village.moo)] = village
