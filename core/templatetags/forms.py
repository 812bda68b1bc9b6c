"""Form fields on a page, each through the one field partial (templates/core/_field.html).

    {% fields form "bank branch account_name" %}   the named fields, in that order
    {% fields form %}                              every visible field of the form
"""

from django import template

register = template.Library()


@register.inclusion_tag("core/_fields.html")
def fields(form, names=""):
    chosen = [form[name] for name in names.split()] if names else list(form.visible_fields())
    return {"fields": chosen}
