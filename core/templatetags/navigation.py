"""{% main_nav %}: the main menu of base.html, from core/navigation.py."""

from django import template

from core import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def main_nav(context):
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return navigation.main_nav(context["user"], match)
