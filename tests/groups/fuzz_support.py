"""Hypothesis strategies for workbooks as they may arrive: any cell type, any value, in every
documented column (and the values officers really type, so that rows reach the deeper checks)."""

import datetime as dt

import openpyxl
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# Generated workbooks are dry runs against one database set up per test: nothing is written, so
# examples may share the function-scoped fixtures. No example database is kept on disk, and a
# failure is reported as found, unshrunk (shrinking a workbook can take minutes): the run stays
# bounded. Three tests × 120 examples: 360 workbooks a run.
FUZZ = settings(max_examples=120, deadline=None, database=None, print_blob=True,
                phases=[Phase.explicit, Phase.reuse, Phase.generate],
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

TRICKY_TEXT = [
    "", " ", "-", "–", "—", "ไม่มี", "รวม", "รวมทั้งสิ้น", "TRUE", "FALSE", "ใช่", "ไม่ใช่", "1e30", "1e300", "-1e300",
    "NaN", "inf", "๑๒๓", "1,234.50", "12.345", "-5", "0", "15/03/2530", "15/03/30", "31/02/2530", "15 มี.ค. 30",
    "15 มีนาคม 2530", "2530-03-15", "32/13/2567", "00/00/0000", "=1+2", "'=1+2", "@x", "ต.เวียงเหนือ",
    "อ.เมืองลำปาง", "เมืองลำปาง", "เวียงเหนือ", "ลำปาง", "5201", "520101", "52", "99", "100", "ดำเนินการอยู่",
    "ยกเลิก", "หยุดชั่วคราว", "ร้านค้าชุมชน", "5201010301", "5201010301\u200b", "\u200b", "\ufeff", "\u00a0",
    "กลุ่ม\u200bออมทรัพย์", "น\u0e4d\u0e49\u0e32", "x" * 300, "1/2/3", "ประเภท 1", "1,3", "9", "ไม่ประสงค์",
    "\n", "\t", "1 บาท", "๕๐ คน", "๑๕/๐๓/๒๕๓๐",
]


def _legal(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)


cell_values = st.one_of(
    st.none(),
    st.sampled_from(TRICKY_TEXT),
    st.text(max_size=40).map(_legal),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e30, 1e300, -1e300, 1e15, 0.005, 2.5, 5201010301.0, 3.0]),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)),
    st.times(),
)


def row_strategy(valid_row: dict, headers: list[str]):
    """A row whose every column is either a valid value or anything at all."""
    return st.fixed_dictionaries({h: st.one_of(st.just(valid_row.get(h)), cell_values) for h in headers})


@st.composite
def workbook_spec(draw, valid_row: dict, headers: list[str]):
    """(title rows, header cells, data rows): the layout's headers in any order, some left out."""
    chosen = draw(st.lists(st.sampled_from(headers), unique=True, min_size=1, max_size=len(headers)))
    if draw(st.booleans()):
        chosen = [h for h in headers if h in chosen or draw(st.booleans())]
    titles = draw(st.lists(st.lists(cell_values, max_size=3), max_size=2))
    rows = draw(st.lists(row_strategy(valid_row, chosen), min_size=0, max_size=4))
    extra = draw(st.lists(st.lists(cell_values, max_size=len(chosen) + 1), max_size=2))
    return titles, chosen, rows, extra


def write_workbook(path, spec) -> None:
    titles, headers, rows, extra = spec
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for title in titles:
        sheet.append(title)
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    for cells in extra:
        sheet.append(cells)
    workbook.save(path)


def has_thai(text: str) -> bool:
    return any("\u0e01" <= ch <= "\u0e5b" for ch in text)
