"""What each printed document needs, as plain objects.

The templates under templates/pdf/ read only these, so a document can be rendered from the
real records (networks/documents.py, reviews/documents.py build them) or from made-up values
(tests, the bench, the sample pages in docs/). The wording itself stays in the templates.
"""

import base64
import datetime as dt
import mimetypes
from dataclasses import dataclass, field

from core.thai import BE_OFFSET

AMPHOE = "amphoe"
TAMBON = "tambon"


@dataclass(frozen=True)
class Signer:
    """The person who signs, in the lines printed under the name in parentheses:
    ("นายอำเภอเมืองลำปาง",) or ("ปลัดอำเภอ ปฏิบัติราชการแทน", "นายอำเภอเมืองลำปาง")."""

    name: str
    title_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Area:
    """Names without their prefix: province "ลำปาง", district "เมืองลำปาง", tambon "เวียงเหนือ"."""

    province: str
    district: str
    tambon: str = ""


@dataclass(frozen=True)
class Seat:
    title: str
    holder: str


@dataclass
class CommitteeOrder:
    """คำสั่งอำเภอ… เรื่อง แต่งตั้งคณะกรรมการเครือข่ายกลุ่มออมทรัพย์เพื่อการผลิตระดับอำเภอ/ตำบล."""

    level: str
    area: Area
    seats: list[Seat]
    signer: Signer
    number: int | None = None
    year_be: int | None = None
    ordered_on: dt.date | None = None
    term_years: int = 4
    garuda: str | None = None  # a data: URI, see garuda_data_uri

    @property
    def template_name(self) -> str:
        return f"pdf/order_{self.level}.html"

    @property
    def number_text(self) -> str:
        """"๑/๒๕๖๗" once numbered (digits become Thai when rendered), dots while a draft."""
        year = self.year_be or (self.ordered_on.year + BE_OFFSET if self.ordered_on else "")
        return f"{self.number}/{year}" if self.number else f"........../{year}"


@dataclass
class NetworkBylaws:
    """ระเบียบเครือข่ายกลุ่มออมทรัพย์เพื่อการผลิตระดับอำเภอ/ตำบล, signed by the network's chair."""

    level: str
    area: Area
    chair_name: str = ""
    announced_on: dt.date | None = None
    year_be: int | None = None

    @property
    def template_name(self) -> str:
        return f"pdf/bylaws_{self.level}.html"

    @property
    def level_word(self) -> str:
        return "ตำบล" if self.level == TAMBON else "อำเภอ"

    @property
    def network_name(self) -> str:
        """"อำเภอเมืองลำปาง" or "ตำบลเวียงเหนือ", after "เครือข่ายกลุ่มออมทรัพย์เพื่อการผลิต"."""
        return f"ตำบล{self.area.tambon}" if self.level == TAMBON else f"อำเภอ{self.area.district}"

    @property
    def year(self):
        if self.year_be:
            return self.year_be
        return self.announced_on.year + BE_OFFSET if self.announced_on else ""


@dataclass(frozen=True)
class GroupLine:
    """One group in a category list of the report letter's annex."""

    code: str
    name: str
    village: str  # "หมู่ที่ ๓ บ้านป่าขาม"
    tambon: str
    note: str = ""
    # Category 2: whether the group will correct ("correct") or refuses ("refuse"), and who follows
    # it up; category 3: the reason. `removed`: accepting the result takes it out of the registry.
    intention: str = ""
    officer: str = ""
    reason: str = ""
    removed: bool = False


@dataclass
class CategoryList:
    number: int  # 1, 2, 3: the Lampang letter's categories (their wording is in the templates)
    groups: list[GroupLine] = field(default_factory=list)


@dataclass
class ReportLetter:
    """หนังสือภายนอก from the district to the province with the result of a review round."""

    area: Area
    reference: str  # "ลป ๐๔๑๗/๑๒๓" (the office's prefix and the letter's number)
    office_lines: tuple[str, ...]  # ("ที่ว่าการอำเภอเมืองลำปาง", "ถนน… ลป ๕๒๐๐๐")
    sent_on: dt.date | None
    round_title: str  # "การตรวจสอบและทบทวนฐานข้อมูลกลุ่มออมทรัพย์เพื่อการผลิต …"
    round_reference: str  # "ลป ๐๐๑๙.๔/ว ๒๗๕๓๐"
    round_dated: dt.date | None
    due_on: dt.date | None
    categories: list[CategoryList]
    signer: Signer
    contact_lines: tuple[str, ...] = ()  # the owner unit and phone, at the foot of the last page
    garuda: str | None = None

    template_name = "pdf/report_letter.html"
    annex_template_name = "pdf/report_annex.html"

    @property
    def total(self) -> int:
        return sum(len(c.groups) for c in self.categories)

    def _category(self, number: int) -> list[GroupLine]:
        return next((c.groups for c in self.categories if c.number == number), [])

    @property
    def correcting(self) -> list[GroupLine]:
        """Category 2 groups that will correct, followed up by an officer."""
        return [g for g in self._category(2) if g.intention != "refuse"]

    @property
    def refusing(self) -> list[GroupLine]:
        """Category 2 groups that refuse to operate under the regulation: to be removed."""
        return [g for g in self._category(2) if g.intention == "refuse"]

    @property
    def officers(self) -> list[tuple[str, int]]:
        """Who follows up the correcting groups, with how many each, in the order first met."""
        counts: dict[str, int] = {}
        for group in self.correcting:
            if group.officer:
                counts[group.officer] = counts.get(group.officer, 0) + 1
        return list(counts.items())

    @property
    def defunct_reasons(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for group in self._category(3):
            counts[group.reason or "ไม่ระบุเหตุผล"] = counts.get(group.reason or "ไม่ระบุเหตุผล", 0) + 1
        return list(counts.items())

    @property
    def removals(self) -> list[GroupLine]:
        """The groups the letter asks the province to take out of the registry: exactly those
        that accepting the submission removes (reviews.services.submission_accept)."""
        return [g for c in self.categories for g in c.groups if g.removed]

    @property
    def already_out(self) -> int:
        """Groups to be removed that have already left the registry (cancelled meanwhile)."""
        return sum(1 for g in self.refusing + self._category(3) if not g.removed)


def garuda_data_uri(image_field) -> str | None:
    """An office's Garuda image, inlined, so the renderer never reads files beyond the fonts."""
    if not image_field:
        return None
    try:
        with image_field.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None
    mime = mimetypes.guess_type(image_field.name)[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
