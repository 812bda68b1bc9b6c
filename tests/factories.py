"""factory_boy factories shared by every test package. Geography comes from the real geothai
data (the `geography` fixture loads Lampang and Surat Thani)."""

import datetime as dt
from decimal import Decimal

import factory

from accounts.models import Office, User
from geo.models import Subdistrict, Village
from groups.models import Activity, ActivityType, SavingsGroup


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village
        django_get_or_create = ("code",)

    subdistrict = factory.LazyFunction(lambda: Subdistrict.objects.get(code="520101"))
    moo = factory.Sequence(lambda n: n % 99 + 1)
    code = factory.LazyAttribute(lambda o: Village.code_for(o.subdistrict.code, o.moo))
    name = factory.Sequence(lambda n: f"บ้านทดสอบ{n}")


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavingsGroup

    code = factory.Sequence(lambda n: f"T{n:06d}")
    name = factory.Sequence(lambda n: f"กลุ่มออมทรัพย์เพื่อการผลิตทดสอบ {n}")
    village = factory.SubFactory(VillageFactory)
    founded_on = dt.date(2000, 1, 15)
    under_regulation = True
    members_total = 50
    members_men = 20
    members_women = 25
    savings_balance = Decimal("125000.00")
    loans_outstanding = Decimal("80000.00")
    figures_as_of = dt.date(2024, 9, 30)
    chair_name = "นางบัวผัน ใจมา"
    officer_name = "นางสาวศิริพร ทองมา"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    group = factory.SubFactory(GroupFactory)
    activity_type = factory.LazyFunction(lambda: ActivityType.objects.get(name="ร้านค้าชุมชน"))
    name = "ร้านค้าชุมชนของกลุ่ม"
    capital = Decimal("50000.00")
    members_taking_part = 30


def office_for(level, *, province=None, district=None):
    if level == Office.Level.DISTRICT:
        office, _ = Office.objects.get_or_create(
            level=level, district_id=district, defaults={"province_id": district[:2], "name": f"สพอ.{district}",
                                                         "chief_name": "นายสมชาย ใจดี", "chief_title": "นายอำเภอทดสอบ"}
        )
    elif level == Office.Level.PROVINCE:
        office, _ = Office.objects.get_or_create(level=level, province_id=province, defaults={"name": f"สพจ.{province}"})
    else:
        office, _ = Office.objects.get_or_create(level=level, defaults={"name": "กรมการพัฒนาชุมชน"})
    return office


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "ทดสอบ"
    last_name = "ผู้ใช้"
    # Hashed before the row is written: a post-generation set_password was never saved, so the
    # session hash of force_login and the browser tests' password login both failed.
    password = factory.django.Password("pass-for-tests")
