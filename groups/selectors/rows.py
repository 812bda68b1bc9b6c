"""The group list's table rows, read and formatted once in Python.

A row of `/groups/` was a model instance with its village, tambon and amphoe instances, and the
template then resolved ten attribute chains, a `{% url %}` and four filters per row: half of the
page's CPU for 50 rows (docs/performance-national.md, "CPU per page"). Here the page's rows come from one
`values_list()` query of exactly the columns shown (the same one query as before), and each row is
a dict of finished strings, and its whole `<tr>` one format string (ROW): the template places one
string a row instead of rendering ten variables (about 4 ms of CPU for 50 rows). The page shows
the same text as before (tests/groups/test_list.py).
"""

from django.urls import reverse
from django.utils.safestring import mark_safe

from core.html import format_html
from core.thai import format_date, format_money, format_number
from groups.models import SavingsGroup

COLUMNS = ("pk", "code", "name", "village__moo", "village__name", "village__subdistrict__name_th",
           "district_id", "district__name_th", "members_total", "savings_balance", "under_regulation", "figures_as_of", "status")
STATUS_LABELS = dict(SavingsGroup.Status.choices)
REGULATION = {True: mark_safe('<span class="badge ok">ใช่</span>'),
              False: mark_safe('<span class="badge warn">ไม่ใช่</span>')}

ROW = ('<tr><td>{code}</td><td><a href="{url}">{name}</a></td><td>หมู่ที่ {moo} {village}</td><td>{subdistrict}</td>'
       '<td>{district}</td><td class="num">{members}</td><td class="num">{savings}</td><td>{regulation}</td>'
       '<td>{as_of}</td><td>{status_badge}</td></tr>\n')


class Row(dict):
    """A prepared row: a dict for the template (Django tries `row[key]` first, the fastest lookup)
    that Python code and tests read as attributes (`row.code`)."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def url_pattern(name, key="pk", **kwargs):
    """A function pk -> the URL `name` reverses to for that pk (`key`, with the other `kwargs`),
    reversed once instead of once per row."""
    sentinel = 987654321
    base = reverse(name, kwargs={**kwargs, key: sentinel})
    head, tail = base.split(str(sentinel))
    return lambda pk: f"{head}{pk}{tail}"


def group_rows(queryset):
    """The list's rows of `queryset` (already filtered, ordered and sliced to a page)."""
    detail = url_pattern("groups:detail")
    rows = []
    for (pk, code, name, moo, village, subdistrict, district_id, district, members, savings, regulation, as_of,
         status) in queryset.values_list(*COLUMNS):
        label = STATUS_LABELS.get(status, status)
        row = Row({
            "pk": pk, "district_id": district_id, "code": code, "name": name, "url": detail(pk), "moo": moo, "village": village,
            "subdistrict": subdistrict, "district": district, "members": format_number(members),
            "savings": format_money(savings), "regulation": REGULATION[bool(regulation)],
            "as_of": format_date(as_of),
            "status": status,
            "status_badge": format_html('<span class="badge {}">{}</span>', "ok" if status == "active" else "bad", label),
        })
        row["html"] = format_html(ROW, **row)
        rows.append(row)
    return rows
