"""Every URL pattern, taken from the URL resolver (so a new view cannot be forgotten), tried as an
attacker would: anonymous, a district officer of another district and a provincial officer of
another province, with the ids of เมืองลำปาง's (5201) records, by GET, htmx GET and POST with a
valid CSRF token (other areas' ids in the body too). Every answer is a login redirect, a 404 or a
403 (a 405 for the wrong method); pages without an id show none of 5201's records; and no table
changes (the row count of every model, and the state of the main records, before and after).

A pattern with a parameter this file cannot fill fails the test: add its values to `kwargs_for`."""

import datetime as dt
import hashlib
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from groups.models import Activity, ActivityType, SavingsGroup
from networks import services as network_services
from networks.models import Committee, DrivePlan, FundEntry, Network
from printing.models import IssuedDocument, PrintJob
from reviews.models import GroupReview, Submission
from tests.factories import ActivityFactory, UserFactory, office_for
from tests.networks.conftest import world as networks_world  # noqa: F401  (a fixture)
from tests.reviews.conftest import (  # noqa: F401  (fixtures)
    BEFORE_DUE,
    CAT2,
    lampang_groups,
    round_,
    submission,
)

SECRET = "ความลับเมืองลำปาง"  # in the names of 5201's records: must never show to the attackers
SKIP_TABLES = {
    "django_session",
    # The logs an attacker's own requests add: their own exports, their logins.
    "security_personaldataaccess", "axes_accesslog", "axes_accessattempt", "axes_accessfailurelog",
}
ADMIN_ROLES = {"anonymous", "district next door"}
# A review round belongs to the province (52): the district next door (5202) takes part in it.
PROVINCE_RECORDS = {"reviews:round", "reviews:round_accept_many", "reviews:follow_up", "reviews:round_export"}
# Pages whose POST sets up the user's own district (their own networks, with history); checked
# below not to touch 5201.
OWN_AREA_WRITES = {"networks:setup", "notices:settings"}  # notices: the user's own e-mail choice
# Parameters that name a record or an area (not "kind", which names a kind of file).
ID_PARAMS = {"pk", "activity_pk", "review_pk", "code", "object_id", "id", "content_type_id", "uidb64"}  # sessions change on every request (sliding idle timeout)


def walk(patterns, prefix="", namespace=""):
    """(view name, pattern, callback) for every URL pattern of the project."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n)
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = ":".join(n for n in (namespace, pattern.name or "") if n) if pattern.name else ""
            yield name or f"{namespace}:(unnamed)", prefix + str(pattern.pattern), pattern.callback


def _params(route):
    return set(re.findall(r"<(?:\w+:)?(\w+)>", route)) | set(re.findall(r"\(\?P<(\w+)>", route))


@pytest.fixture
def area(networks_world, round_, submission, district_user, province_user, settings, tmp_path):  # noqa: F811
    """Records of every kind in เมืองลำปาง (5201)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    group = SavingsGroup.objects.filter(district_id="5201").order_by("pk").first()
    SavingsGroup.objects.filter(district_id="5201").update(name=SECRET)
    activity = ActivityFactory(group=group, name=SECRET)
    review = GroupReview.objects.filter(submission=submission).order_by("pk").first()
    from reviews import services as review_services

    review_services.review_classify(review=review, actor=district_user, data=CAT2, now=BEFORE_DUE)
    amphoe = networks_world["amphoe"]
    entry = network_services.fund_entry_add(network=amphoe, actor=district_user, data={
        "kind": FundEntry.Kind.INCOME, "source": FundEntry.Source.OTHER, "occurred_on": dt.date(2024, 1, 5),
        "amount": Decimal("500.00"), "description": SECRET})
    committee = networks_world["tambon_committee"]
    committee.holders.update(first_name=SECRET)
    content = b"%PDF-1.4 issued"
    issued = IssuedDocument(kind="report", record_id=submission.pk, district_id="5201", title=SECRET,
                            sha256=hashlib.sha256(content).hexdigest(), size=len(content), issued_by=district_user,
                            issued_at=timezone.now())
    issued.file.save("report.pdf", ContentFile(content), save=False)
    issued.save()
    job = PrintJob.objects.create(kind="bylaws", district_id="5201", requested_by=district_user)
    return {
        "group": group, "activity": activity, "round": round_, "submission": submission, "review": review,
        "network": amphoe, "tambon": networks_world["tambon"], "committee": committee, "entry": entry,
        "plan": networks_world["plan"], "submitted_plan": networks_world["submitted"], "issued": issued, "job": job,
    }


def kwargs_for(name, route, area):
    """Every way to fill the pattern's parameters with 5201's records (one dict per way)."""
    a = area
    pk = {
        "groups": a["group"].pk, "reviews:round": a["round"].pk, "reviews:submission": a["submission"].pk,
        "networks": a["network"].pk, "networks:committee": a["committee"].pk, "networks:plan": a["plan"].pk,
        "networks:fund_entry": a["entry"].pk, "printing:issued": a["issued"].pk, "printing:batch": a["job"].pk,
    }
    params = _params(route)
    if not params:
        return [{}]
    if name.startswith("admin:"):
        values = {"object_id": str(a["group"].pk), "id": 1, "app_label": "groups", "content_type_id": 1,
                  "url": "groups/savingsgroup/"}
        return [{key: values[key] for key in params}] if params <= values.keys() else None
    if name in ("printing:pdf", "printing:issue"):
        return [{"kind": "order", "pk": a["committee"].pk}, {"kind": "bylaws", "pk": a["network"].pk},
                {"kind": "report", "pk": a["submission"].pk}]
    if name.startswith("spreadsheets:"):
        kinds = [{"kind": "groups"}, {"kind": "activities"}]
        if "code" in params:
            return [{**k, "code": code} for k in kinds for code in ("5201", "52")]
        return kinds
    if params == {"uidb64", "token"}:  # password reset links
        return [{"uidb64": "MQ", "token": "set-password"}]
    values = {}
    if "activity_pk" in params:
        values["activity_pk"] = a["activity"].pk
    if "review_pk" in params:
        values["review_pk"] = a["review"].pk
    if "pk" in params:
        if name.startswith("reviews:") and name not in ("reviews:round", "reviews:round_accept_many",
                                                         "reviews:follow_up", "reviews:follow_up_visit",
                                                         "reviews:follow_up_remove", "reviews:round_export"):
            values["pk"] = pk["reviews:submission"]
        elif name.startswith("reviews:"):
            values["pk"] = pk["reviews:round"]
        elif name.startswith("networks:committee"):
            values["pk"] = pk["networks:committee"]
        elif name.startswith("networks:plan_") and name != "networks:plan_create":
            values["pk"] = pk["networks:plan"]
        elif name.startswith("networks:fund_entry_") and name != "networks:fund_entry_add":
            values["pk"] = pk["networks:fund_entry"]
        elif name.startswith("printing:issued"):
            values["pk"] = pk["printing:issued"]
        elif name.startswith("printing:batch"):
            values["pk"] = pk["printing:batch"]
        else:
            values["pk"] = pk.get(name.split(":")[0])
    if set(values) != params or None in values.values():
        return None
    return [values]


def _url(name, route, kwargs):
    if name.endswith(":(unnamed)"):  # e.g. the admin's redirects: built from the route itself
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route)
    return reverse(name, kwargs=kwargs)


def _text_of(response) -> bytes:
    """The body, with the XML inside an xlsx unpacked, so a leaked name is found in a download too."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return b"".join(archive.read(name) for name in archive.namelist() if name.endswith(".xml"))
    return content


def _counts():
    """The row count of every table, in one query."""
    tables = sorted({model._meta.db_table for model in apps.get_models() if not model._meta.proxy} - SKIP_TABLES)
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(f"SELECT '{table}', COUNT(*) FROM {quote(table)}" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


def _state(area):
    return {
        "groups": list(SavingsGroup.objects.order_by("pk").values_list("pk", "status", "name", "members_total")),
        "activities": list(Activity.objects.order_by("pk").values_list("pk", "status", "name")),
        "submissions": list(Submission.objects.order_by("pk").values_list("pk", "status")),
        "reviews": list(GroupReview.objects.order_by("pk").values_list("pk", "category", "follow_up_status")),
        "committees": list(Committee.objects.order_by("pk").values_list("pk", "status", "order_number")),
        "plans": list(DrivePlan.objects.order_by("pk").values_list("pk", "status")),
        "entries": list(FundEntry.objects.order_by("pk").values_list("pk", "amount", "voided_at")),
        "jobs": list(PrintJob.objects.order_by("pk").values_list("pk", "status")),
        "users": list(get_user_model().objects.order_by("pk").values_list("pk", "is_active", "is_staff", "password")),
        "types": list(ActivityType.objects.order_by("pk").values_list("pk", "is_active")),
        "networks of 5201": list(Network.objects.filter(district_id="5201").order_by("pk").values_list("pk", "name")),
    }


def _attackers():
    anonymous = Client(enforce_csrf_checks=True)
    district = UserFactory(username="d8401", office=office_for("district", district="8401"))
    other_district = UserFactory(username="d5202x", office=office_for("district", district="5202"))
    province = UserFactory(username="p84", office=office_for("province", province="84"))
    clients = {"anonymous": anonymous}
    for role, user in (("district of another province", district), ("district next door", other_district),
                       ("province of another province", province)):
        client = Client(enforce_csrf_checks=True)
        client.user = user
        clients[role] = client
    return clients


def _logged_in(clients):
    """Every attacker logged in again (the logout URL logs them out), with a CSRF cookie."""
    for client in clients.values():
        if getattr(client, "user", None) and "_auth_user_id" not in client.session:
            client.force_login(client.user)
        if "csrftoken" not in client.cookies:
            client.get(reverse("login"))


def _post_body(client, area):
    return {"csrfmiddlewaretoken": client.cookies["csrftoken"].value, "group": area["group"].pk,
            "district": "5201", "area": "d5201", "network": area["network"].pk, "review_ids": area["review"].pk,
            "submission": area["submission"].pk, "pk": area["group"].pk, "reason": "ทดสอบ", "confirm": "1"}


def _refused(role, public, name, response):
    status = response.status_code
    if role == "anonymous":
        if public:
            return status < 500
        logins = (reverse("login"), "/admin/login/")
        return status == 405 or (status == 302 and response["Location"].startswith(logins))
    return status in (302, 403, 404, 405) and (status != 302 or name.startswith("admin:")
                                               or "/login/" in response["Location"])


def test_every_url_refuses_other_areas_and_writes_nothing(area):
    clients = _attackers()
    unfilled, problems, tried = [], [], 0
    for name, route, callback in walk(get_resolver().url_patterns):
        ways = kwargs_for(name, route, area)
        if ways is None:
            unfilled.append(f"{name} {route}")
            continue
        public = getattr(callback, "login_required", True) is False
        for kwargs in ways:
            try:
                url = _url(name, route, kwargs)
            except NoReverseMatch:
                unfilled.append(f"{name} {route} {kwargs}")
                continue
            _logged_in(clients)
            before, state = _counts(), _state(area)
            has_id = bool(set(kwargs) & ID_PARAMS)
            for role, client in clients.items():
                if name.startswith("admin:") and role not in ADMIN_ROLES:
                    continue  # the admin refuses every officer alike, before looking at the URL
                for method, call in (
                    ("GET", lambda c=client, u=url: c.get(u)),
                    ("htmx GET", lambda c=client, u=url: c.get(u, headers={"HX-Request": "true"})),
                    ("POST", lambda c=client, u=url: c.post(u, _post_body(c, area))),
                ):
                    response = call()
                    tried += 1
                    body = _text_of(response)
                    # A public page (a password-reset link) answers everyone; it must still not leak.
                    checked = has_id and not public and not (role == "district next door" and name in PROVINCE_RECORDS)
                    if (role == "anonymous" or checked) and not _refused(role, public, name, response):
                        problems.append(f"{role} {method} {url}: {response.status_code} {response.get('Location', '')}")
                    elif role != "anonymous" and SECRET.encode() in body:
                        problems.append(f"{role} {method} {url}: shows a record of 5201")
            if (_counts() != before and name not in OWN_AREA_WRITES) or _state(area) != state:
                changed = {k for k, v in _counts().items() if before[k] != v}
                problems.append(f"{url}: the database changed {sorted(changed) or '(a record was updated)'}")
    assert unfilled == [], "add these URL parameters to kwargs_for"
    assert problems == [], "\n".join(problems)
    assert tried > 1000
