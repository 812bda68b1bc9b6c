"""The district submission page's table rows, prepared once in Python.

Each row's cells were resolved in the template from the review, its group, village and tambon
(ten attribute chains, two `{% url %}`, five filters and `request.get_full_path|urlencode` per
row): about half of the page's CPU for 50 rows (docs/performance-national.md, "CPU per page"). Here each
cell is a finished string (escaped, or built with format_html where it holds markup), so the
template only places them. The whole `<tr>` is one format string (ROW): the template's 12 cells
of 50 rows were still 600 variable renders, a third of the page's CPU. A row still answers
`row.group`, `row.hints` and each cell (`row.code`) for Python readers.
"""

from urllib.parse import quote

from core.html import format_html, format_html_join
from core.thai import format_date, format_money, format_number
from groups.models import SavingsGroup
from groups.selectors.rows import REGULATION, Row, url_pattern
from reviews.selectors import hints as review_hints

STATUS_LABELS = dict(SavingsGroup.Status.choices)
UNCLASSIFIED = format_html('<span class="badge">{}</span>', "ยังไม่จัดประเภท")
ROW = ('<tr id="review-{pk}">{check}<td>{code}</td><td>{name_cell}</td>'
       '<td>หมู่ที่ {moo} {village}<div class="muted">ต.{subdistrict}</div></td><td>{regulation}</td>'
       '<td class="num">{members}</td><td class="num">{savings}</td><td class="nowrap">{as_of}</td>'
       '<td class="nowrap">{updated}</td><td>{hints_cell}</td><td>{category_cell}</td>'
       '<td class="nowrap"><a href="{edit_url}">{action}</a></td></tr>\n')
CHECK = '<td><input type="checkbox" name="review" value="{}" aria-label="เลือก {}"></td>'


def _name_cell(group, url):
    if group.status == "cancelled":
        badge = format_html(' <span class="badge bad">{}</span>', "อำเภอยกเลิกกลุ่มระหว่างรอบ")
    elif group.status != "active":
        badge = format_html(' <span class="badge bad">{}</span>', STATUS_LABELS.get(group.status, group.status))
    else:
        badge = ""
    return format_html('<a href="{}">{}</a>{}', url, group.name, badge)


def _category_cell(review):
    if not review.category:
        return UNCLASSIFIED
    html = format_html("<b>ประเภทที่ {}</b>", review.category)
    if review.category != 1:
        html += format_html('<div class="muted">{}</div>', review.reason_text())
    if review.category == 2:
        html += format_html('<div class="muted">{} · ผู้ติดตาม {} · {}</div>', review.get_intention_display(),
                            review.follow_up_officer, format_date(review.next_follow_up_on))
    return html


def review_rows(reviews, *, submission, full_path, today, can_edit):
    """The rows of one page of a submission's reviews (with their groups, villages and tambons);
    `can_edit` adds the selection box and names the link "จัดประเภท" instead of "ดู"."""
    group_url = url_pattern("groups:detail")
    next_query = "?next=" + quote(full_path, safe="/")
    edit_url = url_pattern("reviews:review_edit", pk=submission.pk, key="review_pk")
    action = "จัดประเภท" if can_edit else "ดู"
    rows = []
    for review in reviews:
        group, village = review.group, review.group.village
        hints = review_hints.hints_for(review, today)
        cells = {
            "pk": review.pk, "code": group.code,
            "name": group.name, "name_cell": _name_cell(group, group_url(group.pk)),
            "moo": village.moo, "village": village.name, "subdistrict": village.subdistrict.name_th,
            "regulation": REGULATION[bool(group.under_regulation)],
            "members": format_number(group.members_total), "savings": format_money(group.savings_balance),
            "as_of": format_date(group.figures_as_of) or "-", "updated": format_date(group.updated_at),
            "hints_cell": format_html_join("", '<span class="badge warn hint">ตรวจสอบ: {}</span>',
                                           ((hint,) for hint in hints)),
            "category_cell": _category_cell(review), "edit_url": edit_url(review.pk) + next_query,
        }
        check = format_html(CHECK, review.pk, group.name) if can_edit else ""
        rows.append(Row(cells, review=review, group=group, hints=hints,
                        html=format_html(ROW, check=check, action=action, **cells)))
    return rows
