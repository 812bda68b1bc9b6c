"""Every page type at 390 px (a phone) and 1280 px, for district, provincial and national users: the
page is never wider than the viewport (no sideways scrolling), its main action or content is visible
and clickable, buttons and menu links are at least 44 px high, and on a phone the menu folds behind
"เมนู" and opens without JavaScript. The pages are those of bench/pages.py (the screenshot script)."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Office
from bench.pages import page_types
from reviews import services
from tests.e2e.conftest import PASSWORD, log_in
from tests.factories import ActivityFactory, UserFactory, office_for
from tests.networks.helpers import district_networks, full_tambon_committee, groups_in
from tests.reviews.conftest import classify_all, submit

pytestmark = pytest.mark.e2e

WIDTHS = [(390, 844), (1280, 900)]


def _user(username, office, **extra):
    user = UserFactory(username=username, office=office, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def users(geography):
    district = _user("d5201", office_for(Office.Level.DISTRICT, district="5201"))
    other = _user("d5202", office_for(Office.Level.DISTRICT, district="5202"))
    province = _user("p52", office_for(Office.Level.PROVINCE, province="52"))
    national = _user("national", office_for(Office.Level.NATIONAL), is_staff=True, is_superuser=True)
    groups = groups_in("520101", moos=(1, 2, 3, 4), per_village=2) + groups_in("520201", moos=(1, 2))
    ActivityFactory(group=groups[0])
    today = timezone.localdate()
    round_ = services.round_open(actor=province, title="ทบทวนฐานข้อมูลปีนี้", reference_number="ลป 0019.4/ว 1",
                                 letter_date=today - dt.timedelta(days=7), due_on=today + dt.timedelta(days=3))
    own = round_.submissions.get(district_id="5201")
    services.reviews_mark_compliant(submission=own, actor=district,
                                    review_ids=list(own.reviews.values_list("pk", flat=True)[:3]))
    submitted = round_.submissions.get(district_id="5202")
    classify_all(submitted, other, now=timezone.now())
    submit(submitted, other, now=timezone.now())
    _amphoe, tambons = district_networks(district)
    full_tambon_committee(district, tambons[0])
    return {"district": district, "province": province, "national": national}


def _check(page, name, width, selector, *, ours=True):
    where = f"{name} at {width} px"
    doc_width = page.evaluate("document.documentElement.scrollWidth")
    assert doc_width <= width, f"{where}: the page is {doc_width} px wide"
    main = page.locator(selector).first
    expect(main, where).to_be_visible()
    main.scroll_into_view_if_needed()
    main.click(trial=True)  # visible, enabled and not covered (e.g. by a sticky column)
    if ours:
        low = page.evaluate("""() => [...document.querySelectorAll('main button, main .button, .mainnav a, .menu-button')]
            .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 43.5)
            .map(e => e.textContent.trim().slice(0, 30))""")
        assert low == [], f"{where}: touch targets under 44 px: {low}"


@pytest.mark.parametrize("role", ["district", "province", "national"])
def test_every_page_fits_the_phone_and_the_desktop(browser, live_server, users, role):
    pages = page_types(role)
    for width, height in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="th-TH",
                                      base_url=live_server.url)
        page = context.new_page()
        page.set_default_timeout(15_000)
        log_in(page, users[role].username)
        for name, path, selector in pages:
            response = page.goto(path)
            assert response.status == 200, f"{name}: {path} answered {response.status}"
            _check(page, name, width, selector, ours=not path.startswith("/admin/"))
        if width < 760:
            page.goto("/")
            menu = page.get_by_role("navigation", name="เมนูหลัก")
            expect(menu).to_be_hidden()
            page.locator(".menu-button").click()
            expect(menu.get_by_role("link", name="เครือข่าย")).to_be_visible()
            menu.get_by_role("link", name="เครือข่าย").click()
            page.wait_for_url("**/networks/**")
        context.close()


def test_signed_out_pages_fit_the_phone(browser, live_server, db):
    for width, height in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=live_server.url)
        page = context.new_page()
        for name, path, selector in page_types("anonymous"):
            page.goto(path)
            _check(page, name, width, selector)
        context.close()
