"""Filters for the printed documents (templates/pdf/)."""

from django import template

from core.thai import BE_OFFSET, MONTHS, to_thai_digits

register = template.Library()


@register.filter
def be_date(value):
    """Orders and bylaws: "๒๑ พฤศจิกายน พ.ศ. ๒๕๖๗" (doc_date without "พ.ศ." serves letters)."""
    if not value:
        return ""
    return to_thai_digits(f"{value.day} {MONTHS[value.month - 1]} พ.ศ. {value.year + BE_OFFSET}")
