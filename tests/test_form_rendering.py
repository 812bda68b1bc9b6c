"""core.form_rendering writes the plain widgets in Python: the same characters as Django's widget
templates, for every kind it writes and for the project's own forms."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from core.form_rendering import FastWidgetRenderer, render_widget

TRICKY = 'ก<b>"&\'ข'


class EveryWidget(forms.Form):
    text = forms.CharField(label="ชื่อ", widget=forms.TextInput(attrs={"placeholder": TRICKY, "autofocus": True,
                                                                        "data-off": False, "maxlength": 20}))
    number = forms.IntegerField(required=False)
    email = forms.EmailField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    password = forms.CharField(widget=forms.PasswordInput, required=False)
    flag = forms.BooleanField(required=False)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    choice = forms.ChoiceField(choices=[("", "ทั้งหมด"), ("a", TRICKY), (1, 2), ("ภาค", [("n", "เหนือ"), ("s", "ใต้")])],
                               required=False)
    many = forms.MultipleChoiceField(choices=[("a", "ก"), ("b", mark_safe("<i>ข</i>"))], required=False)
    radio = forms.ChoiceField(choices=[("1", "หนึ่ง"), ("2", TRICKY)], widget=forms.RadioSelect)
    radio_groups = forms.ChoiceField(choices=[("ภาค", [("n", "เหนือ"), ("s", "ใต้")]), ("x", "อื่น")],
                                     widget=forms.RadioSelect, required=False)
    checks = forms.MultipleChoiceField(choices=[("a", "ก"), ("b", "ข")], widget=forms.CheckboxSelectMultiple,
                                       required=False)
    yes_no = forms.NullBooleanField(required=False)
    no_id = forms.ChoiceField(choices=[("1", "หนึ่ง")], widget=forms.RadioSelect(attrs={"class": "inline"}))


def both(form):
    """Each field rendered by Django's templates and by the fast renderer."""
    pairs = []
    for name in form.fields:
        form.renderer = DjangoTemplates()
        slow = str(form[name])
        form.renderer = FastWidgetRenderer()
        fast = str(form[name])
        pairs.append((name, slow, fast))
    return pairs


@pytest.mark.parametrize("data", [None, {
    "text": TRICKY, "number": "12", "email": "x@example.com", "hidden": TRICKY, "password": "secret", "flag": "on",
    "date": "2024-01-02", "note": TRICKY + "\nบรรทัดสอง", "choice": "n", "many": ["a", "b"], "radio": "2",
    "radio_groups": "s", "checks": ["b"], "yes_no": "true", "no_id": "1",
}, {"text": "", "choice": "1", "radio": "9", "checks": ["a", "b"]}])
def test_every_plain_widget_is_written_as_djangos_templates_write_it(data):
    form = EveryWidget(data, auto_id="id_%s")
    form.is_valid()
    for name, slow, fast in both(form):
        assert fast == slow, name


def test_without_ids_too():
    for name, slow, fast in both(EveryWidget(auto_id=False)):
        assert fast == slow, name


def test_a_widget_with_its_own_template_goes_to_the_templates():
    assert render_widget("core/widgets/thai_date.html", {"widget": {}}) is None
    assert render_widget("django/forms/widgets/clearable_file_input.html", {"widget": {}}) is None
    assert render_widget("django/forms/div.html", {"form": None}) is None


@pytest.mark.django_db
def test_the_projects_forms_render_the_same(district_user):
    from groups.forms import GroupForm
    from groups.selectors import GroupFilterForm
    from reviews.forms import ReviewFilterForm, ReviewForm

    forms_ = [
        GroupFilterForm({"q": TRICKY, "status": "all"}, user=district_user),
        GroupForm(user=district_user, villages_url="/groups/new/"),
        ReviewForm({"category": "2", "issues": ["bylaws"], "note": TRICKY}),
        ReviewFilterForm({"q": "x"}, district=district_user.office.district),
    ]
    for form in forms_:
        form.is_valid()
        for name, slow, fast in both(form):
            assert fast == slow, (type(form).__name__, name)
