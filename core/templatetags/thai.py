"""Template filters for Thai display, loaded as builtins in every template."""

from django import template
from django.utils.safestring import mark_safe

from core import thai
from core.words import break_words

register = template.Library()


@register.filter
def thai_date(value, style="short"):
    """{{ group.founded_on|thai_date }} -> 15 มี.ค. 2530; |thai_date:"long" -> 15 มีนาคม 2530."""
    return thai.format_date(value, style)


@register.filter
def thai_datetime(value):
    return thai.format_datetime(value)


@register.filter
def doc_date(value, style="long"):
    """Printed documents: Thai digits, e.g. ๒๑ พฤศจิกายน ๒๕๖๗."""
    return thai.format_date(value, style, digits="thai")


@register.filter
def thai_digits(value):
    return thai.to_thai_digits(value)


@register.filter
def baht(value):
    """1234567.5 -> 1,234,567.50"""
    return thai.format_money(value)


@register.filter
def number(value):
    return thai.format_number(value)


@register.filter
def arabic(value):
    """Web pages: a value stored with Thai digits (a letter number) shown with Arabic ones (docs/digits.md)."""
    return thai.to_arabic_digits(str(value)) if value not in (None, "") else value


@register.filter
def words(value):
    """{{ round.title|words }}: Thai text that breaks between words only (core/words.py)."""
    return break_words(value)


@register.tag(name="words")
def words_tag(parser, token):
    """{% words %}<h1>…</h1>{% endwords %}: the same for a piece of the template (headings)."""
    nodelist = parser.parse(("endwords",))
    parser.delete_first_token()
    return _WordsNode(nodelist)


class _WordsNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return break_words(mark_safe(self.nodelist.render(context)))
