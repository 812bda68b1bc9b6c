"""core.html writes what django.utils.html writes: the rows built with it are escaped the same way."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import html as django_html
from django.utils.functional import lazy
from django.utils.safestring import mark_safe

from core import html

lazy_text = lazy(lambda: "<ข้อความ & \"lazy\">", str)

VALUES = ["กลุ่มออมทรัพย์ <script>alert('x')</script>", 'a "quoted" & \'single\'', mark_safe("<b>ปลอดภัย</b>"),
          django_html.format_html("<i>{}</i>", "<x>"), 12345, Decimal("1.50"), None, dt.date(2024, 12, 9), "",
          lazy_text()]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_format_html_escapes_as_django_does(value):
    template = '<td title="{}">{}</td><td>{name}</td>'
    ours = html.format_html(template, value, value, name=value)
    theirs = django_html.format_html(template, value, value, name=value)
    assert ours == theirs
    assert isinstance(ours, django_html.SafeString)


def test_an_unsafe_value_never_reaches_the_page_as_markup():
    cell = html.format_html("<td>{}</td>", "<img src=x onerror=alert(1)>")
    assert "<img" not in cell
    assert "&lt;img src=x onerror=alert(1)&gt;" in cell


def test_format_html_join_matches_django():
    rows = [("<a>", 1), (mark_safe("<b>b</b>"), "ก & ข")]
    assert html.format_html_join(" | ", "<li>{}:{}</li>", rows) == django_html.format_html_join(" | ", "<li>{}:{}</li>", rows)
    named = [{"x": "<1>"}, {"x": mark_safe("<2>")}]
    assert html.format_html_join("", "<i>{x}</i>", named) == django_html.format_html_join("", "<i>{x}</i>", named)
