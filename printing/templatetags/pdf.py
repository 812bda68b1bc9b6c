"""Filters for the printed documents (templates/pdf/)."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from core.thai import BE_OFFSET, MONTHS, to_thai_digits
from printing import wordbreak

register = template.Library()


@register.filter
def be_date(value):
    """Orders and bylaws: "๒๑ พฤศจิกายน พ.ศ. ๒๕๖๗" (doc_date without "พ.ศ." serves letters)."""
    if not value:
        return ""
    return keep(to_thai_digits(f"{value.day} {MONTHS[value.month - 1]} พ.ศ. {value.year + BE_OFFSET}"))


@register.filter
def keep(value):
    """Never broken across lines: a date, a code, a number with its unit."""
    return mark_safe(f'<span class="nowrap">{conditional_escape(value)}</span>') if value else ""


# A person's name: each part (title and first name, last name) never broken inside.
register.filter("unbroken", wordbreak.unbroken)
