"""Made-up documents for the bench, the tests of the layout and the sample pages in docs/.

The seats are those of the model order in the Surat Thani letter (20 seats); the names are
invented.
"""

import datetime as dt

from printing.contexts import (
    AMPHOE,
    TAMBON,
    Area,
    CategoryList,
    CommitteeOrder,
    GroupLine,
    NetworkBylaws,
    ReportLetter,
    Seat,
    Signer,
)

SEAT_TITLES = [
    "ประธานเครือข่าย",
    "รองประธาน",
    "รองประธาน",
    "เลขานุการ",
    "ผู้ช่วยเลขานุการ",
    "เหรัญญิก",
    "ผู้ช่วยเหรัญญิก",
    "ประชาสัมพันธ์",
    "ผู้ช่วยประชาสัมพันธ์",
    "ผู้ช่วยนายทะเบียน",
    "กรรมการส่งเสริมและสนับสนุนกิจกรรมกลุ่มออมทรัพย์เพื่อการผลิต",
    "กรรมการส่งเสริมและพัฒนาอาชีพ",
    "กรรมการส่งเสริมและพัฒนาศักยภาพบุคลากร",
    "กรรมการส่งเสริมและสนับสนุนแหล่งทุน",
] + ["กรรมการ"] * 6

FIRST_NAMES = [
    "นายสมชาย", "นางบัวผัน", "นายประเสริฐ", "นางสาวศิริพร", "นายอุดม", "นางมณี", "นายบุญมี",
    "นางสุดา", "นายวิชัย", "นางจันทร์เพ็ญ", "นายทองดี", "นางคำปุ่น", "นายสมบัติ", "นางพิมพ์ใจ",
    "นายณรงค์", "นางศรีนวล", "นายเสถียร", "นางอรุณี", "นายประยูร", "นางแสงเดือน",
]
LAST_NAMES = [
    "ใจดี", "ทองมา", "แก้วประเสริฐ", "คำแสน", "ศรีวงศ์", "บุญเรือง", "อินทร์แก้ว", "มูลเมือง",
    "ปัญญาดี", "สุขเกษม", "จันทร์ตา", "วงศ์ใหญ่", "พรหมมา", "ไชยวงศ์", "ขันแก้ว", "เรือนคำ",
    "ยอดเมือง", "ธรรมวงศ์", "กาศสกุล", "สิทธิชัย",
]

LAMPANG = Area(province="ลำปาง", district="เมืองลำปาง", tambon="เวียงเหนือ")


def sample_seats(offset: int = 0) -> list[Seat]:
    return [
        Seat(title=title, holder=f"{FIRST_NAMES[(i + offset) % 20]} {LAST_NAMES[(i * 7 + offset) % 20]}")
        for i, title in enumerate(SEAT_TITLES)
    ]


# The longest names a committee is likely to hold (a long title, first and last name) and the
# longest seat titles, for the test that nothing crosses a column or the margins.
LONGEST_NAMES = [
    "ว่าที่ร้อยตรีหญิงประภาพรรณรัตน์ ศรีสุวรรณวงศ์ชัยกุล",
    "นางสาวจันทร์เพ็ญศรีสุดา เจริญวรรณพิพัฒน์กุล",
    "ว่าที่ร้อยตรีเฉลิมพระเกียรติ ณ ป้อมเพชรพิสุทธิ์",
    "นายสุวิทย์วัฒนาพงษ์ไพบูลย์ ประเสริฐวิวัฒนาการ",
]


def longest_seats() -> list[Seat]:
    titles = sorted(set(SEAT_TITLES), key=len, reverse=True)
    return [Seat(title=titles[i % len(titles)], holder=LONGEST_NAMES[i % len(LONGEST_NAMES)]) for i in range(20)]


def sample_order(level: str = AMPHOE, *, number: int | None = 1, offset: int = 0, seats=None) -> CommitteeOrder:
    return CommitteeOrder(
        level=level,
        area=LAMPANG,
        seats=seats if seats is not None else sample_seats(offset),
        signer=Signer(name="นายวีระ ศรีสุข", title_lines=("นายอำเภอเมืองลำปาง",)),
        number=number,
        year_be=2567,
        ordered_on=dt.date(2024, 11, 21) if number else None,
    )


def sample_bylaws(level: str = AMPHOE) -> NetworkBylaws:
    return NetworkBylaws(
        level=level, area=LAMPANG, chair_name="นายสมชาย ใจดี", announced_on=dt.date(2024, 11, 21)
    )


def sample_letter(groups_per_category=(40, 6, 3)) -> ReportLetter:
    """A letter with every kind of line: category 2 groups that will correct (two officers) and
    one that refuses, category 3 groups for two reasons."""
    categories = []
    serial = 0
    for number, count in enumerate(groups_per_category, start=1):
        lines = []
        for index in range(count):
            serial += 1
            refuses = number == 2 and index == count - 1
            intention = ("refuse" if refuses else "correct") if number == 2 else ""
            officer = ("นางสาวศิริพร ทองมา" if index % 2 else "นายอุดม ศรีวงศ์") if number == 2 and not refuses else ""
            reason = ("ไม่มีการดำเนินงานแล้ว" if index % 2 else "ยุบเลิกหรือยกเลิกกลุ่มไปแล้ว") if number == 3 else ""
            note = {1: "", 2: ("ไม่ประสงค์ดำเนินการตามระเบียบฯ (ยกเลิกกลุ่ม)" if refuses
                              else f"ปรับปรุงแก้ไขให้เป็นไปตามระเบียบฯ · ผู้ติดตาม {officer}"), 3: reason}[number]
            lines.append(GroupLine(
                code=f"520101{serial:04d}",
                name=f"กลุ่มออมทรัพย์เพื่อการผลิตบ้าน{LAST_NAMES[serial % 20]}",
                village=f"หมู่ที่ {serial % 12 + 1} บ้าน{LAST_NAMES[(serial * 3) % 20]}",
                tambon="เวียงเหนือ" if serial % 2 else "สวนดอก",
                note=note, intention=intention, officer=officer, reason=reason,
                removed=refuses or number == 3,
            ))
        categories.append(CategoryList(number=number, groups=lines))
    return ReportLetter(
        area=LAMPANG,
        reference="ลป ๐๔๑๗/๑๒๓",
        office_lines=("ที่ว่าการอำเภอเมืองลำปาง", "ถนนบุญวาทย์ ลป ๕๒๐๐๐"),
        sent_on=dt.date(2024, 12, 5),
        round_title="การตรวจสอบและทบทวนฐานข้อมูลกลุ่มออมทรัพย์เพื่อการผลิต และกิจกรรมของกลุ่มออมทรัพย์เพื่อการผลิต",
        round_reference="ลป ๐๐๑๙.๔/ว ๒๗๕๓๐",
        round_dated=dt.date(2024, 11, 21),
        due_on=dt.date(2024, 12, 9),
        categories=categories,
        signer=Signer(name="นายอนุชา พรหมวงศ์", title_lines=("ปลัดอำเภอ ปฏิบัติราชการแทน", "นายอำเภอเมืองลำปาง")),
        contact_lines=("สำนักงานพัฒนาชุมชนอำเภอเมืองลำปาง", "โทร. ๐ ๕๔๒๒ ๕๐๐๐"),
    )


__all__ = ["AMPHOE", "TAMBON", "sample_order", "sample_bylaws", "sample_letter", "SEAT_TITLES"]
