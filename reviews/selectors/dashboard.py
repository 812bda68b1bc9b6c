"""The province's view of a round: one row per district and the reporting rates, computed in a fixed
number of queries however many districts and groups the round holds."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.safestring import mark_safe

from core import thai
from core.html import format_html
from core.prepared import prepared
from reviews.models import GroupReview, Round, Submission
from reviews.selectors import display

Status = Submission.Status
SENT = {Status.SUBMITTED, Status.ACCEPTED}


# A district's table row and its bar in the chart, each one format string: the template's two loops
# rendered about 15 variables a district (32 districts of Nakhon Ratchasima: 5 ms of CPU).
ROW = ('<tr><td>{check}<a class="nowrap" href="{url}">{name}</a></td>'
       '<td><span class="badge {status_class}">{status_label}</span></td>{number_cells}'
       '<td>{percent_text}</td><td>{submitted_text}</td><td>{deadline_cell}</td></tr>\n')
CHECK = '<input type="checkbox" name="submission" value="{}" aria-label="เลือก{}"> '
BAR = ('<span role="listitem">{short_name}</span><progress class="{bar_class}" max="100" value="{percent}" '
       'aria-label="{name} จัดประเภทแล้ว {percent_text}">{percent_text}</progress><span class="pct">{percent_text}</span>\n')


@dataclass
class DistrictRow:
    submission: Submission
    total: int
    cat1: int
    cat2: int
    cat3: int
    days_left: int | None  # for a district that has not sent: days to the deadline (negative: overdue)

    def __getitem__(self, name):
        """The template's first try at `{{ row.name }}` is `row["name"]`: answering it saves the
        TypeError Django catches before falling back to getattr, for each of the ~20 lookups of
        each of the 878 rows (the attributes are those below and prepare_display's)."""
        try:
            return getattr(self, name)
        except AttributeError:
            raise KeyError(name) from None

    @property
    def classified(self) -> int:
        return self.cat1 + self.cat2 + self.cat3

    @property
    def unclassified(self) -> int:
        return self.total - self.classified

    @property
    def percent(self) -> int:
        """Classified share, rounded down so 100 means every group."""
        return 100 if self.total == 0 else self.classified * 100 // self.total

    @property
    def days_overdue(self) -> int | None:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else None

    def prepare_display(self, url_pattern: str, status_labels: dict, can_decide: bool = False):
        """Plain strings for the dashboard row: with 878 districts, the template's per-row filter
        and lookup chains (reverse, get_status_display, date formatting) were most of the render time.
        `can_decide` (a provincial reviewer) puts a choice box before a submitted district."""
        submission = self.submission
        self.url = url_pattern.replace("/0/", f"/{submission.pk}/")
        self.name = submission.district.display_name
        self.short_name = submission.district.name_th
        self.status_label = status_labels[submission.status]
        self.status_class = display.status_badge(submission.status)
        self.submitted_text = thai.format_datetime(submission.submitted_at) if submission.submitted_at else "-"
        self.deadline_text = display.deadline_text(self.days_left)
        self.numbers = [thai.format_number(n) for n in (self.total, self.cat1, self.cat2, self.cat3,
                                                        self.unclassified)]
        # Whole numbers with commas (thai.format_number): nothing in them to escape.
        self.number_cells = mark_safe("".join(f'<td class="num">{n}</td>' for n in self.numbers))
        self.percent_text = f"{self.percent}%"
        overdue = self.days_left is not None and self.days_left < 0
        self.bar_class = "bar late" if overdue else "bar"
        if self.days_left is None:
            self.deadline_cell = (mark_safe('<span class="badge warn">ส่งเกินกำหนด</span>') if submission.is_late
                                  else mark_safe('<span class="badge ok">ส่งตรงเวลา</span>'))
        elif overdue:
            self.deadline_cell = format_html('<span class="badge bad">{}</span>', self.deadline_text)
        else:
            self.deadline_cell = self.deadline_text
        cells = {key: getattr(self, key) for key in (
            "url", "name", "short_name", "status_class", "status_label", "number_cells", "percent", "percent_text",
            "submitted_text", "deadline_cell", "bar_class")}
        check = format_html(CHECK, submission.pk, self.name) if can_decide and submission.status == Status.SUBMITTED else ""
        self.row_html = format_html(ROW, check=check, **cells)
        self.bar_html = format_html(BAR, **cells)


@dataclass
class Totals:
    total: int = 0
    cat1: int = 0
    cat2: int = 0
    cat3: int = 0
    expected: int = 0
    sent: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    accepted: int = 0
    returned: int = 0

    @property
    def classified(self):
        return self.cat1 + self.cat2 + self.cat3

    @property
    def unclassified(self):
        return self.total - self.classified

    @property
    def percent(self):
        return 100 if self.total == 0 else self.classified * 100 // self.total

    def rate(self, count):
        return 0 if self.expected == 0 else round(count * 100 / self.expected, 1)

    @property
    def sent_rate(self):
        return self.rate(self.sent)

    @property
    def on_time_rate(self):
        return self.rate(self.on_time)


def category_counts():
    """The counts of a set of reviews: in all and in each of the letter's three categories."""
    return {"total": Count("pk"), "cat1": Count("pk", filter=Q(category=1)),
            "cat2": Count("pk", filter=Q(category=2)), "cat3": Count("pk", filter=Q(category=3))}


@prepared
def _round_category_counts(round_id):
    return (GroupReview.objects.filter(round_id=round_id).values("submission_id")
            .annotate(**category_counts()).order_by())


@prepared
def round_submissions(user, round_id):
    """The round's submissions of the districts the user sees, with their districts, by district code."""
    return (Submission.objects.visible_to(user).filter(round_id=round_id).select_related("district")
            .order_by("district_id"))


def round_dashboard(round_: Round, submissions: list[Submission], today: dt.date, *, can_decide: bool = False):
    """Rows (one per district) and totals, for the submissions given (with their districts, in
    district code order: `round_submissions`); `can_decide`: the rows offer a choice box for
    accepting several at once. The counts are read for the whole round in one prepared query
    (core/prepared.py) and only those of the submissions given are used: who sees which district
    is still `submissions`' own rule."""
    counts = {row.pop("submission_id"): row for row in _round_category_counts(round_.pk)}
    totals = Totals(expected=len(submissions))
    rows = []
    empty = {"total": 0, "cat1": 0, "cat2": 0, "cat3": 0}
    days = round_.days_left(today)
    url_pattern = reverse("reviews:submission", kwargs={"pk": 0})
    status_labels = dict(Submission.Status.choices)
    for submission in submissions:
        c = counts.get(submission.pk, empty)
        sent = submission.status in SENT
        row = DistrictRow(submission=submission, days_left=None if sent else days, **c)
        row.prepare_display(url_pattern, status_labels, can_decide)
        rows.append(row)
        for key in empty:
            setattr(totals, key, getattr(totals, key) + c[key])
        if sent:
            totals.sent += 1
            if submission.is_late:
                totals.late += 1
            else:
                totals.on_time += 1
        else:
            totals.missing += 1
        totals.accepted += submission.status == Status.ACCEPTED
        totals.returned += submission.status == Status.RETURNED
    return rows, totals
