"""The Content-Security-Policy holds on every page type: Debian's Chromium crawls the app as a
district officer, a provincial officer and a national administrator (the admin site included),
and as an anonymous visitor (login, privacy notice, lockout), and fails on any violation, whether
reported in the console or through the `securitypolicyviolation` event."""

import datetime as dt
import importlib
import re
from urllib.parse import urljoin, urlsplit

import pytest

from accounts.models import Office
from networks import services as network_services
from printing.models import PrintJob
from reviews import services as review_services
from tests.e2e.conftest import PASSWORD, log_in
from tests.factories import GroupFactory, UserFactory, VillageFactory, office_for
from tests.networks.helpers import VALID_ID, district_networks, rows

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Downloads and actions are not pages; one URL of each shape is enough.
SKIP = re.compile(r"(\.xlsx|\.pdf|/pdf/|\.csv|/file/|/scan/|/download/|/export|logout|/media/|/static/|"
                  r"/admin/logout|/admin/password_change|/delete/|/history/)")
PAGES_PER_ROLE = 60

WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI || "inline"} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def world(geography):
    """Lampang: groups in two tambons of เมืองลำปาง with their networks and a committee holding a
    national ID, a review round, a batch print; one user per role."""
    from django.apps import apps

    importlib.import_module("networks.migrations.0002_seat_kinds_of_the_draft_orders").load(apps, None)
    district = UserFactory(username="d5201", office=office_for(Office.Level.DISTRICT, district="5201"))
    province = UserFactory(username="p52", office=office_for(Office.Level.PROVINCE, province="52"))
    national = UserFactory(username="national", office=office_for(Office.Level.NATIONAL), is_staff=True,
                           is_superuser=True)
    for user in (district, province, national):
        user.save()
    for tambon in ("520101", "520102"):
        for moo in (1, 2):
            village = VillageFactory(subdistrict_id=tambon, moo=moo, code=f"{tambon}{moo:02d}")
            GroupFactory(village=village)
            GroupFactory(village=village)
    _amphoe, tambons = district_networks(district)
    committee = network_services.committee_create(network=tambons[0], actor=district, term_start=dt.date(2023, 7, 24))
    seats = rows(15, represents=list(tambons[0].member_groups.order_by("pk")))
    seats[0]["national_id"] = VALID_ID
    network_services.committee_save_seats(committee=committee, actor=district, rows=seats)
    review_services.round_open(actor=province, title="ทบทวนฐานข้อมูล 2567", reference_number="ลป 0019.4/ว 1",
                               letter_date=dt.date(2024, 11, 21), due_on=dt.date(2030, 12, 9))
    PrintJob.objects.create(kind="bylaws", district_id="5201", requested_by=district, status="failed",
                            error="ไม่มีเอกสารในพื้นที่ที่เลือก")
    return {"district": district, "province": province, "national": national}


def _shape(path):
    return re.sub(r"\d+", "N", path)


def _visit(page, url, seen_console):
    page.goto(url)  # waits for "load": every script has run, htmx has started
    return page.evaluate("window.__csp"), list(seen_console)


def _crawl(page, start, limit=PAGES_PER_ROLE):
    console = []
    page.on("console", lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.add_init_script(WATCH)
    queue, shapes, visited, violations = [start], set(), [], []
    while queue and len(visited) < limit:
        path = queue.pop(0)
        if _shape(path) in shapes:
            continue
        shapes.add(_shape(path))
        console.clear()
        events, messages = _visit(page, path, console)
        visited.append(path)
        violations += [f"{path}: {v}" for v in events + messages]
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
            target = urlsplit(urljoin(page.url, href))
            if target.netloc != urlsplit(page.url).netloc or SKIP.search(target.path):
                continue
            queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return visited, violations


@pytest.mark.parametrize("role", ["district", "province", "national"])
def test_no_page_breaks_the_content_security_policy(page, world, role):
    log_in(page, world[role].username, PASSWORD)
    visited, violations = _crawl(page, "/admin/" if role == "national" else "/")
    if role == "national":
        more, more_violations = _crawl(page, "/groups/", limit=25)
        visited += more
        violations += more_violations
    assert len(visited) >= 8, visited
    assert violations == []


def test_the_anonymous_pages_and_the_lockout_keep_the_policy(page, world):
    console = []
    page.on("console", lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.add_init_script(WATCH)
    for path in ["/login/", "/privacy/", "/about/"]:
        page.goto(path)
        assert page.evaluate("window.__csp") == [], path
    page.goto("/login/")
    for _ in range(10):
        page.fill("#id_username", "d5201")
        page.fill("#id_password", "wrong")
        page.click("button[type=submit]")
    assert "ถูกระงับการเข้าสู่ระบบชั่วคราว" in page.inner_text("main")
    assert page.evaluate("window.__csp") == []
    assert console == []


def test_the_policy_header_is_strict(client, db):
    policy = client.get("/login/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe" not in policy
