"""The form renderer (settings.FORM_RENDERER): Django's own, except that the plain widgets are
written in Python.

Django renders every widget through templates, and a `<select>` one include per option (plus one
for the option's attributes): the tambon filter of a province's group list, the review form's
radio buttons and the date boxes cost a third of those pages' CPU. The functions below produce
the same characters as Django 5.2's templates in django/forms/templates/django/forms/widgets/
(select, select_option, input and the inputs that include it, textarea, radio and checkbox
lists), with the same escaping; any other template, a widget with its own template (the BE date
box) or an option with its own template goes to Django's templates as before.
`tests/test_form_rendering.py` renders every kind both ways and compares them character by
character, so an upgrade of Django that changes a template shows up there.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData

WIDGETS = "django/forms/widgets/"
INPUTS = {f"{WIDGETS}{name}.html" for name in (
    "input", "text", "number", "email", "url", "password", "hidden", "date", "datetime", "time",
    "search", "tel", "color", "checkbox", "file")}
OPTION_INPUTS = {f"{WIDGETS}radio_option.html", f"{WIDGETS}checkbox_option.html", f"{WIDGETS}input_option.html"}
MULTIPLE_INPUTS = {f"{WIDGETS}radio.html", f"{WIDGETS}checkbox_select.html", f"{WIDGETS}multiple_input.html"}


def _var(value) -> str:
    """`{{ value }}`: localized, then escaped unless already safe."""
    value = localize(value)
    return conditional_escape(value if isinstance(value, str) else str(value))


def _stringformat(value) -> str:
    """`{{ value|stringformat:'s' }}` (the filter keeps a safe string safe)."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attrs(attrs) -> str:
    """django/forms/widgets/attrs.html."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(" " + _var(name))
        if value is not True:
            out.append('="' + _stringformat(value) + '"')
    return "".join(out)


def _input(widget) -> str:
    value = widget["value"]
    shown = "" if value is None else ' value="' + _stringformat(value) + '"'
    return f'<input type="{_var(widget["type"])}" name="{_var(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'


def _input_option(option) -> str:
    """radio_option.html and checkbox_option.html include input_option.html: the input wrapped in
    its label (each template file ends with a newline, which Django keeps)."""
    if option.get("wrap_label"):
        id_ = option["attrs"].get("id")
        label_for = f' for="{_var(id_)}"' if id_ else ""
        html = f"<label{label_for}>{_input(option)}\n {_var(option['label'])}</label>\n"
    else:
        html = _input(option) + "\n\n"
    return html if option["template_name"].endswith("/input_option.html") else html + "\n"


def _options_are(widget, names) -> bool:
    return all(option["template_name"] in names
               for _group, options, _index in widget["optgroups"] for option in options)


def _select(widget) -> str:
    out = [f'<select name="{_var(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{_var(group_name)}">')
        for option in options:
            out.append(f'\n  <option value="{_stringformat(option["value"])}"{_attrs(option["attrs"])}>'
                       f'{_var(option["label"])}</option>\n')
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


def _multiple_input(widget) -> str:
    attrs = widget["attrs"]
    out = ["<div"]
    if attrs.get("id"):
        out.append(f' id="{_var(attrs["id"])}"')
    if attrs.get("class"):
        out.append(f' class="{_var(attrs["class"])}"')
    out.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            out.append(f"\n  <div><label>{_var(group)}</label>")
        for option in options:
            out.append(f"<div>\n    {_input_option(option)}</div>")
        if group:
            out.append("\n  </div>")
    out.append("\n</div>")
    return "".join(out)


def _textarea(widget) -> str:
    value = _var(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_var(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def render_widget(template_name, context):
    """The widget's HTML as Django's template would give it, or None for a template not written here."""
    widget = context.get("widget")
    if widget is None:
        return None
    if template_name in INPUTS:
        return _input(widget)
    if template_name == f"{WIDGETS}select.html" and _options_are(widget, {f"{WIDGETS}select_option.html"}):
        return _select(widget)
    if template_name in MULTIPLE_INPUTS and _options_are(widget, OPTION_INPUTS):
        return _multiple_input(widget)
    if template_name == f"{WIDGETS}textarea.html":
        return _textarea(widget)
    return None


class FastWidgetRenderer(DjangoTemplates):
    """Django's template renderer with the plain widgets written in Python (see the module's docstring)."""

    def render(self, template_name, context, request=None):
        html = render_widget(template_name, context)
        if html is None:
            return super().render(template_name, context, request=request)
        return html.strip()
