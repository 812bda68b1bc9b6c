"""The deadline's load: district officers classifying and editing, provincial officers refreshing
their dashboard, against a national-size registry (`manage.py seed_scale`).

    DATABASE_URL=postgres://…/registry_scale .venv/bin/locust -f bench/load/locustfile.py \\
        --host http://127.0.0.1:8600 --headless -u 50 -r 10 -t 3m --csv /tmp/load50

The officers and their submissions are read from the database once at start (districts whose
submission is in progress, and their provinces' officers; the demo password). Every district officer logs in once,
then in a loop: opens the district's submission page, classifies one group (GET the review form,
POST category 1), opens a group and now and then edits it (GET the edit form, POST it back with a
new chair name), and opens the group list. One user in ten is a provincial officer refreshing the
province dashboard. Think time 1-3 s, as an officer reads and clicks.
"""

import os
import random
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from locust import HttpUser, between, task

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = os.environ.get("LOAD_PASSWORD", "demo1234")


def _officers():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "savings_registry.settings")
    import django

    django.setup()
    from reviews.models import Submission

    rows = list(Submission.objects.filter(status="in_progress").values_list("district_id", "district__province_id",
                                                                            "round_id", "pk"))
    return ([(f"amphoe{d}", s) for d, _p, _r, s in rows],
            sorted({(f"province{p}", r) for _d, p, r, _s in rows}))


DISTRICTS, PROVINCES = _officers()


class FormFields(HTMLParser):
    """The named fields of the page's forms with their current values (inputs, selects, textareas)."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.values[name] = a.get("value", "on")
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def fields(html):
    parser = FormFields()
    parser.feed(html)
    return parser.values


class Officer(HttpUser):
    abstract = True
    wait_time = between(1, 3)

    def login(self, username):
        page = self.client.get("/login/", name="/login/")
        token = fields(page.text).get("csrfmiddlewaretoken", "")
        self.client.post("/login/", {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
                         name="/login/ POST")


class DistrictOfficer(Officer):
    weight = 9

    def on_start(self):
        username, self.submission = random.choice(DISTRICTS)
        self.login(username)
        self.reviews, self.groups = [], []
        self.open_submission()

    def open_submission(self):
        if not self.submission:
            return
        page = self.client.get(f"/reviews/submissions/{self.submission}/", name="submission page").text
        self.reviews = re.findall(rf"/reviews/submissions/{self.submission}/groups/(\d+)/", page) or self.reviews
        self.groups = re.findall(r'href="/groups/(\d+)/"', page) or self.groups

    @task(4)
    def submission_page(self):
        self.open_submission()

    @task(3)
    def classify(self):
        if not self.reviews:
            return
        url = f"/reviews/submissions/{self.submission}/groups/{random.choice(self.reviews)}/"
        form = fields(self.client.get(url, name="review form").text)
        form["category"] = "1"
        self.client.post(url, form, name="review form POST")

    @task(2)
    def group_page(self):
        if self.groups:
            self.client.get(f"/groups/{random.choice(self.groups)}/", name="group page")

    @task(1)
    def edit_group(self):
        if not self.groups:
            return
        url = f"/groups/{random.choice(self.groups)}/edit/"
        form = fields(self.client.get(url, name="group edit form").text)
        form["chair_name"] = f"นายประธาน ทดสอบ {random.randint(1, 999)}"
        self.client.post(url, form, name="group edit POST")

    @task(2)
    def group_list(self):
        self.client.get("/groups/", name="group list")


class ProvincialOfficer(Officer):
    weight = 1

    def on_start(self):
        username, self.round = random.choice(PROVINCES)
        self.login(username)

    @task
    def dashboard(self):
        self.client.get(f"/reviews/{self.round}/", name="dashboard")
