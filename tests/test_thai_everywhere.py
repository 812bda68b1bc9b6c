""""Thai first", proved on every page: each role (district officers of Lampang and Surat Thani, the
Lampang provincial office, the department) crawls the demo data from the start page, following every
same-origin link (downloads skipped), submitting every post form twice (empty, then with bad input:
far too long text, absurd numbers, a choice not offered) and every filter form with bad input. No
response may be a server error or an unexpected refusal, show common UI English or a Christian-era
year, or lack X-Frame-Options DENY and X-Content-Type-Options nosniff. A failure names the page and
quotes the offending text.

The demo data (`seed_demo`, ~10 s) is built once for the module inside a transaction that is rolled
back at the end, so nothing leaks into other tests; every request runs in its own savepoint, and each
post is rolled back, so a form that needs no input (e.g. "submit to the province") changes nothing
for the pages crawled after it.
"""

import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, override_settings

from accounts.models import User
from core.thai import format_date
from geo.loader import load_geography

# Marked so that pytest-django creates the test database; the demo data itself lives in the
# module-scoped transaction below, each test's own transaction nests inside it.
pytestmark = pytest.mark.django_db

ROLES = {
    "district_lampang": "amphoe5201",
    "district_surat": "amphoe8401",
    "province52": "province52",
    "national": "admin",
}

# Paths the crawl never follows: downloads (spreadsheets, PDFs, uploaded files, scans), logging
# out and Django's admin site (English by design, for the system administrator only).
SKIP_PATH = re.compile(r"(\.xlsx|\.pdf|/pdf/|\.csv|/file|/scan|/download|/export|logout|^/admin/|^/media/|^/static/)")
# At most this many URLs of one shape (path with numbers replaced, plus the query's keys): the list
# of 300 groups needs two detail pages checked, not 300.
PER_SHAPE = 2

# Words an officer must never see: Django's untranslated messages and widgets, English dates.
ENGLISH = {
    "this", "field", "required", "ensure", "enter", "valid", "select", "choice", "characters",
    "character", "value", "submit", "save", "cancel", "delete", "edit", "next", "previous", "page",
    "of", "none", "true", "false", "yes", "no", "unknown", "the", "is", "and", "or", "not", "must",
    "already", "exists", "with", "file", "upload", "number", "whole", "date", "time", "search",
    "filter", "all", "back", "home", "login", "log", "in", "out", "password", "username", "name",
    "error", "errors", "please", "correct", "below", "add", "new", "show", "hide", "total",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "a.m", "p.m", "am", "pm", "midnight", "noon",
}
# Proper nouns and format names that stay in Latin letters.
ALLOWED_PHRASES = ["TH Sarabun New", "Creative Commons Attribution 4.0 International", "CC-BY-4.0",
                   "GeoThai", "geothai", "Excel", "PDF", "xlsx", "htmx"]
BAD_VALUES = {"text": "ก" * 3000, "textarea": "ก" * 30000, "number": "-99999999999999.999",
              "date": "๙๙ ฟฟฟ ๙๙๙๙", "email": "ไม่ใช่อีเมล", "tel": "ก" * 300, "search": "ก" * 300,
              "select": "ไม่มีตัวเลือกนี้"}
# A whitespace-separated token with any of these is a URL, an e-mail, a file or field name or a code
# (group code, document number), not a word.
CODE = re.compile(r"[\d_/@:=]")
WORD = re.compile(r"[A-Za-z]+(?:\.[A-Za-z]+)*\.?")
THAI_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
THAI_DIGIT = re.compile(r"\S*[๐-๙]\S*")
CE_YEAR = re.compile(r"(?<![\d,.])(19\d\d|20\d\d|2100)(?![\d,.])")


@dataclass
class Form:
    action: str
    method: str = "post"
    hidden: set = field(default_factory=set)
    can_submit: bool = False
    hidden_values: dict = field(default_factory=dict)
    fields: dict = field(default_factory=dict)  # name -> kind (text, number, select, ...)

    def bad_input(self):
        """What a careless officer could type: far too long text, absurd numbers, a choice that is
        not offered; hidden fields (formset counts, the state to move to) as the page sent them."""
        data = dict(self.hidden_values)
        for name, kind in self.fields.items():
            data[name] = BAD_VALUES.get(kind, BAD_VALUES["text"])
        return data

    @property
    def needs_hidden_fields(self):
        """A browser always sends these: an empty post is a tampered request, refused with 403."""
        return bool(self.hidden - {"csrfmiddlewaretoken"})


class _Page(HTMLParser):
    """Collects what a reader sees (text, button labels, placeholders, filled-in values, the title)
    plus the page's links and forms."""

    HIDDEN = {"script", "style", "template"}
    SHOWN_INPUTS = {"text", "search", "number", "date", "submit", "button", "email", "tel", None}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.links, self.forms = [], [], []
        self.labels = []  # what the page says, without what is typed in its fields (the digit rule)
        self._typed = False
        self._hidden_depth = 0
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.HIDDEN:
            self._hidden_depth += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "input" and attrs.get("type") in self.SHOWN_INPUTS:
            self.text.append(attrs.get("value") or "")
            if attrs.get("type") in {"submit", "button"}:
                self.labels.append(attrs.get("value") or "")
        if tag == "textarea":
            self._typed = True
        if tag in {"input", "textarea"} and attrs.get("placeholder"):
            self.text.append(attrs["placeholder"])
            self.labels.append(attrs["placeholder"])
        if attrs.get("title"):
            self.text.append(attrs["title"])
            self.labels.append(attrs["title"])
        if tag == "form":
            self.forms.append(Form(attrs.get("action") or "", (attrs.get("method") or "get").lower()))
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input" and attrs.get("type") == "hidden":
            self.forms[-1].hidden.add(attrs.get("name"))
            if attrs.get("name") != "csrfmiddlewaretoken":
                self.forms[-1].hidden_values[attrs.get("name")] = attrs.get("value") or ""
        elif attrs.get("name") and (
            tag in {"select", "textarea"}
            or (tag == "input" and attrs.get("type", "text") in {"text", "number", "date", "email", "tel", "search"})
        ):
            kind = tag if tag != "input" else attrs.get("type", "text")
            self.forms[-1].fields[attrs["name"]] = kind
        if (
            (tag == "button" and attrs.get("type", "submit") == "submit")
            or (tag == "input" and attrs.get("type") == "submit")
        ):
            self.forms[-1].can_submit = True

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._typed = False
        if tag == "form":
            self._in_form = False
        if tag in self.HIDDEN:
            self._hidden_depth = max(0, self._hidden_depth - 1)

    def handle_data(self, data):
        if not self._hidden_depth:
            self.text.append(data)
            if not self._typed:
                self.labels.append(data)

    def visible_text(self):
        return re.sub(r"\s+", " ", " ".join(self.text)).strip()

    def shown_text(self):
        """The visible text less the values in editable fields (an officer's own typing)."""
        return re.sub(r"\s+", " ", " ".join(self.labels)).strip()


def english_words(text):
    """The banned English words in visible text, each as (word, the text around it)."""
    blanked = text  # the same length as text, so that positions match
    for phrase in ALLOWED_PHRASES:
        blanked = blanked.replace(phrase, " " * len(phrase))
    found = []
    for token in re.finditer(r"\S+", blanked):
        if CODE.search(token.group()):
            continue
        for match in WORD.finditer(token.group()):
            if match.group().lower().rstrip(".") in ENGLISH:
                start, end = token.start() + match.start(), token.start() + match.end()
                found.append((match.group(), text[max(0, start - 60):end + 60].strip()))
    return found


def ce_years(text):
    text = text.translate(THAI_TO_ARABIC)
    return [text[max(0, m.start() - 40):m.end() + 40].strip() for m in CE_YEAR.finditer(text)]


def thai_digits(text):
    """docs/digits.md: web pages show Arabic digits only; the bad input the crawl typed itself (which
    an error message may quote back) is left out."""
    for typed in BAD_VALUES.values():
        text = text.replace(typed, " ")
    text = re.sub(r"\s+", " ", text)
    return [text[max(0, m.start() - 12):m.end() + 12].strip() for m in THAI_DIGIT.finditer(text)]


def shape(url):
    parts = urlsplit(url)
    keys = sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair})
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(keys)


@dataclass
class Crawl:
    pages: dict = field(default_factory=dict)      # url -> status code
    posts: dict = field(default_factory=dict)      # form action -> status code
    problems: list = field(default_factory=list)   # "METHOD url: what is wrong"

    def check(self, label, response, refusal_ok=False):
        if response.status_code >= 500 or (response.status_code == 403 and not refusal_ok):
            self.problems.append(f"{label}: status {response.status_code}")
        if (response.get("X-Frame-Options"), response.get("X-Content-Type-Options")) != ("DENY", "nosniff"):
            self.problems.append(f"{label}: X-Frame-Options/X-Content-Type-Options not DENY/nosniff")
        if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            return None
        page = _Page()
        page.feed(response.content.decode())
        text = page.visible_text()
        english = english_words(text)
        if english:
            words = sorted({word for word, _ in english})
            self.problems.append(f"{label}: English {', '.join(words)} «{english[0][1]}»")
        self.problems += [f"{label}: Christian-era year «{snippet}»" for snippet in ce_years(text)]
        digits = thai_digits(page.shown_text())
        if digits:
            self.problems.append(f"{label}: Thai digits " + " ".join(f"«{snippet}»" for snippet in digits))
        return page


def same_origin(base, href):
    if href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme and parts.netloc not in {"", "testserver"}:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if SKIP_PATH.search(parts.path) else path


def crawl(client, start="/"):
    result, queue, seen, shapes = Crawl(), [start], {start}, Counter()
    forms_done = set()
    while queue:
        url = queue.pop(0)
        with transaction.atomic():
            response = client.get(url)
        result.pages[url] = response.status_code
        if response.status_code not in (200, 301, 302, 403, 500):  # 403 and 500 are named by check()
            result.problems.append(f"GET {url}: status {response.status_code}, a link to nowhere")
        found = []
        if response.status_code in (301, 302):
            found.append(response["Location"])
        page = result.check(f"GET {url}", response)
        if page:
            found += page.links
            for form in page.forms:
                target = same_origin(url, form.action) if form.action else url.split("?")[0]
                if not (form.can_submit and target) or (form.method, shape(target)) in forms_done:
                    continue
                forms_done.add((form.method, shape(target)))
                if form.method == "get":
                    # Search and filter forms: whatever is typed into them, the list answers in Thai.
                    with transaction.atomic():
                        response = client.get(target, form.bad_input())
                    result.pages[f"{target} (filters with bad input)"] = response.status_code
                    result.check(f"GET {target} (filters with bad input, from {url})", response)
                    continue
                with transaction.atomic():
                    posted = client.post(target, {})
                    result.posts[target] = posted.status_code
                    result.check(f"POST {target} (empty, from {url})", posted,
                                 refusal_ok=form.needs_hidden_fields)
                    transaction.set_rollback(True)
                if form.fields:
                    with transaction.atomic():
                        posted = client.post(target, form.bad_input())
                        result.posts[f"{target} (bad input)"] = posted.status_code
                        result.check(f"POST {target} (bad input, from {url})", posted)
                        transaction.set_rollback(True)
        for href in found:
            target = same_origin(url, href)
            if target and target not in seen and shapes[shape(target)] < PER_SHAPE:
                seen.add(target)
                shapes[shape(target)] += 1
                queue.append(target)
    return result


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_geography(["52", "84"])
        call_command("seed_demo", stdout=io.StringIO())
        if connection.vendor == "postgresql":
            # The rows are never committed, so autovacuum never gathers statistics on them; without
            # any, the planner takes the tables for empty and nests loops over seq scans (a follow-up
            # list query ran for minutes). ANALYZE sees this transaction's own rows.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def crawls(demo_data):
    """One crawl per role, shared by the assertions below."""
    results = {}
    # As tests/conftest.py's autouse fixture does per test: static names unhashed (no collectstatic).
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}):
        for role, username in ROLES.items():
            client = Client(raise_request_exception=False)
            client.force_login(User.objects.get(username=username))
            with transaction.atomic():
                results[role] = crawl(client)
                transaction.set_rollback(True)
    for role, result in results.items():
        statuses = Counter(result.pages.values())
        print(f"\n{role}: {len(result.pages)} pages {dict(statuses)}, {len(result.posts)} form posts (empty, bad input) "
              f"{dict(Counter(result.posts.values()))}")
    return results


@pytest.mark.parametrize("role", ROLES)
def test_every_page_reachable_by_a_role_is_thai_with_buddhist_era_years(crawls, role):
    result = crawls[role]
    assert not result.problems, "\n".join(result.problems)


@pytest.mark.parametrize("role", ROLES)
def test_the_crawl_reaches_every_app(crawls, role):
    prefixes = {"/groups/", "/spreadsheets/", "/reviews/", "/networks/", "/printing/"}
    reached = {prefix for prefix in prefixes for url in crawls[role].pages if url.startswith(prefix)}
    assert reached == prefixes


def html_response(html):
    response = HttpResponse(html)
    response["X-Frame-Options"], response["X-Content-Type-Options"] = "DENY", "nosniff"
    return response


def test_the_check_names_a_page_sent_without_the_security_headers():
    result = Crawl()
    result.check("GET /framed/", HttpResponse("<p>หน้า</p>"))
    assert result.problems == ["GET /framed/: X-Frame-Options/X-Content-Type-Options not DENY/nosniff"]


def test_the_check_names_the_page_the_english_words_and_the_ce_year():
    """The checker itself: scripts are not read, proper nouns and numbers pass, the rest is named."""
    html = ('<title>Page 1 of 3</title><script>var x = "Next";</script><p>ค่า <b>This field is required.</b></p>'
            '<input type="submit" value="Save"><p>ส่งเป็น Excel หรือ PDF · 2,025.00 บาท · พ.ศ. ๒๕๖๘ · ๑ ม.ค. ๒๐๒๔</p>')
    result = Crawl()
    result.check("GET /somewhere/", html_response(html))
    assert result.problems == [
        "GET /somewhere/: English Page, Save, This, field, is, of, required. "
        "«Page 1 of 3 ค่า This field is required. Save ส่งเป็น Excel หรือ»",
        "GET /somewhere/: Christian-era year «PDF · 2,025.00 บาท · พ.ศ. 2568 · 1 ม.ค. 2024»",
        "GET /somewhere/: Thai digits «บาท · พ.ศ. ๒๕๖๘ · ๑ ม.ค. ๒๐» «พ.ศ. ๒๕๖๘ · ๑ ม.ค. ๒๐๒๔» «๖๘ · ๑ ม.ค. ๒๐๒๔»",
    ]


def test_the_check_names_thai_digits_in_labels_but_not_in_what_an_officer_typed():
    html = ('<label>ประเภทที่ ๑</label><input type="text" value="ลป ๐๐๑๙.๔/ว ๑" placeholder="เช่น ลป 0019.4">'
            '<textarea>มติครั้งที่ ๒/๒๕๖๙</textarea><button title="ข้อ ๑๓">ส่ง</button>'
            f'<p>{BAD_VALUES["date"]} ไม่ใช่วันที่</p>')
    result = Crawl()
    result.check("GET /form/", html_response(html))
    assert result.problems == ["GET /form/: Thai digits «ประเภทที่ ๑ เช่น ลป 001» «0019.4 ข้อ ๑๓ ส่ง ไม่ใช่ว»"]


def test_a_page_in_thai_with_buddhist_era_dates_passes():
    result = Crawl()
    result.check("GET /", html_response(f"<h1>กลุ่มออมทรัพย์</h1><p>{format_date(dt.date(2024, 1, 1), 'long')}</p>"
                                       "<p>แบบอักษร TH Sarabun New · ข้อมูล GeoThai (CC-BY-4.0)</p>"))
    assert result.problems == []
