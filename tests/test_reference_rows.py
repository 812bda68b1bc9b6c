from django.core.management import call_command

from groups.models import ActivityType
from networks.models import SeatKind


def test_flush_leaves_the_reference_rows_in_place(transactional_db):
    """A flush (as between browser tests) empties every table; post_migrate puts back the
    activity types and the 14 seat kinds of the draft orders."""
    call_command("flush", interactive=False, verbosity=0)
    assert ActivityType.objects.filter(name="ร้านค้าชุมชน").exists()
    assert ActivityType.objects.count() == 7
    assert SeatKind.objects.count() == 14
    assert SeatKind.objects.get(code="vice-chair").max_holders == 2
