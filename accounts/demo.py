"""Demo offices and users for Lampang (52) and Surat Thani (84). Password for every demo login:
DEMO_PASSWORD. Usernames: amphoe<code> (district officer), province<code>, admin (national)."""

from accounts.models import Office, User
from core.thai import to_thai_digits
from geo.models import District, Province

DEMO_PROVINCES = ["52", "84"]
DEMO_PASSWORD = "demo1234"

PROVINCE_OFFICES = {
    "52": {"address": "ศาลากลางจังหวัดลำปาง ถนนวชิราวุธดำเนิน ลำปาง ๕๒๐๐๐", "document_prefix": "ลป ๐๐๑๙.๔",
           "chief_name": "นายชัชวาลย์ ฉายะบุตร", "phone": "๐-๕๔๒๖-๕๐๕๘"},
    "84": {"address": "ศาลากลางจังหวัดสุราษฎร์ธานี ถนนดอนนก สุราษฎร์ธานี ๘๔๐๐๐", "document_prefix": "สฎ ๐๐๑๙.๐๔",
           "chief_name": "นายวิชวุทย์ จินโต", "phone": "๐-๗๗๒๓-๒๕๕๘"},
}
CHIEF_NAMES = [
    "นายสมชาย ใจดี", "นายประเสริฐ วงศ์ไทย", "นายวีระ ศรีสุข", "นายอนุชา มั่นคง", "นางสาวพรทิพย์ บุญมา",
    "นายธนากร แก้วมณี", "นายสุรชัย ทองดี", "นางวิไลวรรณ ศรีวงศ์", "นายกิตติพงษ์ คำแก้ว", "นายชาตรี เพชรรัตน์",
]
OFFICER_FIRST = ["สมศรี", "วิภาวดี", "ณัฐพล", "ธีรวัฒน์", "กาญจนา", "ปิยะนุช", "อรุณี", "จักรพันธ์", "ศิริพร", "ภานุวัฒน์"]
OFFICER_LAST = ["แสงทอง", "ปัญญาดี", "อินทร์แก้ว", "สุขเจริญ", "คำมูล", "บุญเรือง", "ทองคำ", "ศรีสวัสดิ์", "จันทร์ดี", "วงศ์ใหญ่"]


def _user(username, office, first, last, position, **extra):
    user, created = User.objects.get_or_create(
        username=username,
        # example.org addresses (reserved for examples): the demo's notice e-mails print in the
        # worker's console output and reach nobody.
        defaults={"office": office, "first_name": first, "last_name": last, "position": position,
                  "email": f"{username}@example.org", **extra},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def seed() -> dict:
    national, _ = Office.objects.get_or_create(
        level=Office.Level.NATIONAL, defaults={"name": "กรมการพัฒนาชุมชน", "address": "ถนนแจ้งวัฒนะ กรุงเทพมหานคร"}
    )
    _user("admin", national, "ผู้ดูแล", "ระบบ", "นักวิชาการคอมพิวเตอร์", is_staff=True, is_superuser=True)
    users = 1
    for code in DEMO_PROVINCES:
        province = Province.objects.get(code=code)
        office, _ = Office.objects.get_or_create(
            level=Office.Level.PROVINCE, province=province,
            defaults={"name": f"สำนักงานพัฒนาชุมชนจังหวัด{province.name_th}",
                      "chief_title": f"ผู้ว่าราชการจังหวัด{province.name_th}", **PROVINCE_OFFICES[code]},
        )
        _user(f"province{code}", office, "พัฒนาการ", f"จังหวัด{province.name_th}", "นักวิชาการพัฒนาชุมชนชำนาญการ")
        users += 1
        for index, district in enumerate(District.objects.filter(province=province)):
            office, _ = Office.objects.get_or_create(
                level=Office.Level.DISTRICT, district=district,
                defaults={
                    "province": province,
                    "name": f"สำนักงานพัฒนาชุมชนอำเภอ{district.name_th}",
                    "address": f"ที่ว่าการอำเภอ{district.name_th} จังหวัด{province.name_th}",
                    "chief_name": CHIEF_NAMES[index % len(CHIEF_NAMES)],
                    "chief_title": f"นายอำเภอ{district.name_th}",
                    "document_prefix": f"{PROVINCE_OFFICES[code]['document_prefix'].split()[0]} ๐๐๑๙.{to_thai_digits(index + 1)}",
                },
            )
            _user(f"amphoe{district.code}", office, OFFICER_FIRST[index % 10], OFFICER_LAST[(index * 3) % 10],
                  "นักวิชาการพัฒนาชุมชน")
            users += 1
    return {"users": users}
