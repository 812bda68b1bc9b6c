"""Geography that pages read on every view, as prepared queries (core/prepared.py)."""

from core.prepared import prepared
from geo.models import Subdistrict


@prepared
def tambons_of(district_id):
    """The amphoe's tambon in code order: the tambon filter of the district's own pages."""
    return Subdistrict.objects.filter(district_id=district_id)
