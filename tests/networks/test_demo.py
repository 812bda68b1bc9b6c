"""The demo data: every Surat Thani amphoe has its networks and committees, some break a rule or
end their term soon, and a second run adds nothing."""

import pytest
from django.utils import timezone

import accounts.demo
import groups.demo
import networks.demo
from networks import rules
from networks.models import Committee, DrivePlan, Level, Network, ProvinceRepresentatives

pytestmark = pytest.mark.django_db


def test_demo_networks_cover_surat_thani_and_show_the_warnings(geography):
    accounts.demo.seed()
    groups.demo.seed()
    first = networks.demo.seed()
    assert Network.objects.filter(level=Level.AMPHOE, province_id="84").count() == 19
    assert Network.objects.filter(level=Level.AMPHOE, province_id="52").count() == 3
    assert not Network.objects.filter(level=Level.TAMBON, province_id="84", committees__isnull=True).exists()
    tambon_sizes = [c.holders.count() for c in Committee.objects.filter(network__level=Level.TAMBON)]
    assert sum(1 for size in tambon_sizes if size >= 15) > 0.8 * len(tambon_sizes)
    broken = [c for c in Committee.objects.filter(status=Committee.Status.DRAFT)
              if not rules.all_hold(rules.check_committee(c))]
    assert len(broken) >= 5
    today = timezone.localdate()
    assert Committee.objects.ending_within(today).exists()
    assert Committee.objects.expired(today).exists()
    assert 0 < ProvinceRepresentatives.objects.filter(network__province_id="84").count() < 19
    assert 0 < DrivePlan.objects.filter(status=DrivePlan.Status.SUBMITTED, network__province_id="84").count() < 19
    assert first["committees"] == Committee.objects.count()
    assert networks.demo.seed()["committees"] == 0
