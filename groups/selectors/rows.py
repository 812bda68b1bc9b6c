"""The group list's table rows, read and formatted once in Python.

A row of `/groups/` was a model instance with its village, tambon and amphoe instances, and the
template then resolved ten attribute chains, a `{% url %}` and four filters per row: half of the
page's CPU for 50 rows (docs/performance-national.md, "CPU per page"). Here the page's rows come from one
`values()` query of exactly the columns shown (the same one query as before), and each row is
a dict of finished strings, and its whole `<tr>` one format string (ROW): the template places one
string a row instead of rendering ten variables (about 4 ms of CPU for 50 rows). The page shows
the same text as before (tests/groups/test_list.py). The first page of a status, as the list
opens, is a prepared query (core/prepared.py).
"""

from django.urls import reverse
from django.utils.safestring import mark_safe

from core.html import format_html
from core.prepared import prepared
from core.thai import format_date, format_money, format_number
from groups.models import SavingsGroup
from groups.selectors.filters import ordered, with_status

PAGE_SIZE = 50

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


@prepared
def first_page(user, status):
    """The list as it opens: the first PAGE_SIZE groups of `status` the user sees, by code, as
    `group_rows` reads them (the same queryset the filters build for that choice)."""
    return ordered(with_status(SavingsGroup.objects.visible_to(user), status), "code")[:PAGE_SIZE].values(*COLUMNS)


def group_rows(values):
    """The list's rows of `values`: a page of groups as dicts of COLUMNS (`queryset.values(*COLUMNS)`
    of the filtered, ordered page, or `first_page`)."""
    detail = url_pattern("groups:detail")
    rows = []
    for v in values:
        pk, status = v["pk"], v["status"]
        label = STATUS_LABELS.get(status, status)
        row = Row({
            "pk": pk, "district_id": v["district_id"], "code": v["code"], "name": v["name"], "url": detail(pk),
            "moo": v["village__moo"], "village": v["village__name"], "subdistrict": v["village__subdistrict__name_th"],
            "district": v["district__name_th"], "members": format_number(v["members_total"]),
            "savings": format_money(v["savings_balance"]), "regulation": REGULATION[bool(v["under_regulation"])],
            "as_of": format_date(v["figures_as_of"]),
            "status": status,
            "status_badge": format_html('<span class="badge {}">{}</span>', "ok" if status == "active" else "bad", label),
        })
        row["html"] = format_html(ROW, **row)
        rows.append(row)
    return rows
