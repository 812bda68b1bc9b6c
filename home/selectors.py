"""What each role's home page gathers: read-only queries, a fixed number per page however many
districts, groups and committees there are (the counts are pinned in tests/home/test_home.py).

The round a province runs now is its latest one (by letter date): older rounds are history and
are not counted here.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.urls import reverse

from accounts.models import Office
from core.prepared import prepared
from groups.models import GroupChange
from networks.models import Committee, Network
from networks.models.terms import WARN_DAYS
from printing.models import PrintJob
from reviews.models import GroupReview, Round, Submission
from reviews.selectors.dashboard import SENT, round_dashboard, round_submissions
from reviews.selectors.submission import progress as submission_progress
from reviews.services import follow_up

RECENT_DAYS = 7          # imports and batch prints "of the last days"
FOLLOW_UP_AHEAD_DAYS = 14  # a follow-up visit is "due" within two weeks
Status = Submission.Status
WAITING = {Status.NOT_STARTED, Status.IN_PROGRESS, Status.RETURNED}


@prepared
def _latest_round(province_id):
    return Round.objects.filter(province_id=province_id).order_by("-letter_date", "-pk")[:1]


def latest_round(province_id):
    """The province's current round (its latest), or None."""
    return next(iter(_latest_round(province_id)), None)


@prepared
def _district_submission(round_id, district_id):
    return Submission.objects.filter(round_id=round_id, district_id=district_id).select_related("round")


@dataclass
class DistrictHome:
    submission: Submission | None = None
    days_left: int | None = None
    progress: dict = field(default_factory=dict)
    follow_ups: dict = field(default_factory=dict)
    follow_up_items: list = field(default_factory=list)
    committees: list = field(default_factory=list)
    imports: list = field(default_factory=list)
    batches: list = field(default_factory=list)


def follow_up_figures(user, today: dt.date) -> dict:
    """Pending follow-up visits in the user's area: overdue, and due within two weeks (one query)."""
    ahead = today + dt.timedelta(days=FOLLOW_UP_AHEAD_DAYS)
    return GroupReview.objects.visible_to(user).filter(follow_up_status__in=follow_up.PENDING).aggregate(
        overdue=Count("pk", filter=follow_up.overdue_q(today)),
        due=Count("pk", filter=Q(next_follow_up_on__gte=today, next_follow_up_on__lte=ahead)),
    )


def committees_needing_terms(user, today: dt.date):
    """Each network's latest committee whose term ends within 90 days or has ended."""
    latest = Committee.objects.visible_to(user).latest_per_network()
    return list((latest.ending_within(today, WARN_DAYS) | latest.expired(today))
                .select_related("network").order_by("term_start")[:20])


def district_home(user, today: dt.date, now: dt.datetime) -> DistrictHome:
    home = DistrictHome()
    district_id = user.office.district_id
    round_ = latest_round(user.office.province_id)
    if round_ is not None:
        home.submission = next(iter(_district_submission(round_.pk, district_id)), None)
    if home.submission is not None:
        home.progress = submission_progress(home.submission.pk)
        if home.submission.status not in SENT:
            home.days_left = round_.days_left(today)
    home.follow_ups = follow_up_figures(user, today)
    ahead = today + dt.timedelta(days=FOLLOW_UP_AHEAD_DAYS)
    home.follow_up_items = list(
        GroupReview.objects.visible_to(user).filter(follow_up_status__in=follow_up.PENDING,
                                                    next_follow_up_on__lte=ahead)
        .select_related("group").order_by("next_follow_up_on", "group__code")[:5])
    for review in home.follow_up_items:
        review.overdue = follow_up.is_overdue(review, today)
    home.committees = committees_needing_terms(user, today)
    since = now - dt.timedelta(days=RECENT_DAYS)
    home.imports = list(
        GroupChange.objects.visible_to(user).filter(source=GroupChange.Source.IMPORT, at__gte=since)
        .annotate(day=TruncDate("at")).values("day", "actor__first_name", "actor__last_name", "actor__username")
        .annotate(changes=Count("pk"), groups=Count("group_id", distinct=True)).order_by("-day")[:5])
    home.batches = recent_batches(user, now)
    return home


def recent_batches(user, now):
    since = now - dt.timedelta(days=RECENT_DAYS)
    return list(PrintJob.objects.visible_to(user).filter(requested_at__gte=since)
                .select_related("district", "province").order_by("-requested_at")[:5])


@dataclass
class ProvinceHome:
    round: Round | None = None
    days_left: int | None = None
    not_sent: list = field(default_factory=list)
    waiting: list = field(default_factory=list)
    totals: object = None
    follow_ups_overdue: list = field(default_factory=list)
    no_representatives: list = field(default_factory=list)
    committees: list = field(default_factory=list)
    batches: list = field(default_factory=list)


def networks_without_representatives(user):
    """Amphoe networks that have not named their two representatives to the province."""
    return Network.objects.visible_to(user).amphoe().filter(representatives__isnull=True)


def province_home(user, today: dt.date, now: dt.datetime) -> ProvinceHome:
    home = ProvinceHome(round=latest_round(user.office.province_id))
    if home.round is not None:
        rows, home.totals = round_dashboard(home.round, round_submissions(user, home.round.pk), today)
        home.days_left = home.round.days_left(today)
        home.not_sent = [row for row in rows if row.submission.status in WAITING]
        home.waiting = [row for row in rows if row.submission.status == Status.SUBMITTED]
    home.follow_ups_overdue = list(
        GroupReview.objects.visible_to(user).filter(follow_up.overdue_q(today))
        .values("round_id", "submission__district_id", "submission__district__name_th")
        .annotate(count=Count("pk")).order_by("submission__district_id"))
    for row in home.follow_ups_overdue:
        row["url"] = (reverse("reviews:follow_up", kwargs={"pk": row["round_id"]})
                      + f"?district={row['submission__district_id']}&overdue=on")
    home.no_representatives = list(networks_without_representatives(user).select_related("district")
                                   .order_by("district_id"))
    home.committees = committees_needing_terms(user, today)
    home.batches = recent_batches(user, now)
    return home


@dataclass
class ProvinceLine:
    """One province on the national home page."""

    code: str
    name: str
    round: Round | None = None
    days_left: int | None = None
    expected: int = 0
    not_sent: int = 0
    waiting: int = 0
    accepted: int = 0
    follow_ups_overdue: int = 0
    no_representatives: int = 0
    offices: int = 0


def national_home(user, today: dt.date) -> list[ProvinceLine]:
    """The country by province: each province's current round and the same figures (five queries)."""
    from geo.models import Province

    lines = {p.code: ProvinceLine(code=p.code, name=p.name_th)
             for p in Province.objects.exclude(code="10").order_by("code").only("code", "name_th")}
    for round_ in Round.objects.order_by("province_id", "-letter_date", "-pk").only(
            "pk", "province_id", "title", "due_on", "letter_date"):
        line = lines.get(round_.province_id)
        if line is not None and line.round is None:
            line.round, line.days_left = round_, round_.days_left(today)
    current = [line.round.pk for line in lines.values() if line.round]
    for row in (Submission.objects.filter(round_id__in=current).values("round__province_id").order_by()
                .annotate(expected=Count("pk"), not_sent=Count("pk", filter=Q(status__in=WAITING)),
                          waiting=Count("pk", filter=Q(status=Status.SUBMITTED)),
                          accepted=Count("pk", filter=Q(status=Status.ACCEPTED)))):
        line = lines[row.pop("round__province_id")]
        for key, value in row.items():
            setattr(line, key, value)
    for row in (GroupReview.objects.filter(follow_up.overdue_q(today)).values("submission__district__province_id")
                .order_by().annotate(n=Count("pk"))):
        lines[row["submission__district__province_id"]].follow_ups_overdue = row["n"]
    for row in (networks_without_representatives(user).values("province_id").order_by().annotate(n=Count("pk"))):
        lines[row["province_id"]].no_representatives = row["n"]
    for row in (Office.objects.filter(level=Office.Level.DISTRICT).values("province_id").order_by()
                .annotate(n=Count("pk"))):
        if row["province_id"] in lines:
            lines[row["province_id"]].offices = row["n"]
    # Provinces with a round first (the work to watch), then by code: 75 rows of "no round yet" must
    # not push the two that are reviewing off the first screen.
    return sorted(lines.values(), key=lambda line: (line.round is None, line.code))
