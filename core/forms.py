"""Form fields shared by every app."""

import functools
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from core import thai
from core.text import clean_text


class CleanTextMixin:
    """Every piece of text a form takes in the one normal form of core.text (invisible characters
    out, odd spaces plain, Thai marks in order), so that what the form saves is what an import of
    the same text would save."""

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = clean_text(value)
        return cleaned


class ThaiDateInput(forms.TextInput):
    """A text box that shows BE dates (15/03/2530) with a native date picker beside it."""

    template_name = "core/widgets/thai_date.html"

    def __init__(self, attrs=None):
        super().__init__({"placeholder": "วว/ดด/ปปปป เช่น 15/03/2530", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if hasattr(value, "year"):
            return thai.format_date(value, "numeric")
        return value


class ThaiDateField(forms.DateField):
    """Accepts `15/03/2530`, `15 มี.ค. 2530`, `15 มีนาคม 2530`, Thai digits and ISO from the picker."""

    widget = ThaiDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return thai.parse_date(value)
        except thai.ThaiDateError as error:
            raise ValidationError(str(error), code="invalid") from error


class ThaiDecimalInput(forms.TextInput):
    """Shows stored amounts as 1,234,567.50 and opens the numeric keypad on phones."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, (Decimal, int, float)):
            return thai.format_money(value)
        return value


class ThaiDecimalField(forms.DecimalField):
    """Accepts `1,234.50` and Thai digits; a negative amount gets a Thai message."""

    widget = ThaiDecimalInput
    default_error_messages = {
        "invalid": "กรุณากรอกจำนวนเงินเป็นตัวเลข เช่น 1,234.50",
        "min_value": "จำนวนเงินต้องไม่ติดลบ",
        "max_digits": "จำนวนเงินมีหลักมากเกินไป",
        "max_decimal_places": "ทศนิยมได้ไม่เกิน %(max)s ตำแหน่ง",
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            value = thai.parse_decimal(value)
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        return super().to_python(value)


def apply_validation_error(form, error: ValidationError):
    """Shows a service's ValidationError on the form: field messages beside their fields, the
    rest at the top (services validate again what the form already checked, and more)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class RuleMessagesMixin:
    """How every form speaks: Django's own checks in Thai, a domain rule's message from where the
    rule lives, never retyped in the form.

    - Django's messages come from the locale/th catalogue; only "required" is said with the
      field's label ("กรุณากรอกชื่อผู้ลงนาม", "กรุณาเลือกผลการติดตาม"), unless the field has its own.
    - A rule that lives in a model's clean(), a constraint or a service is run by the form through
      `check_rule`, and its ValidationError is shown beside the fields it names (on a field that
      has no error yet) or at the top.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.error_messages.get("required") is _DJANGO_REQUIRED:
                verb = "เลือก" if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField, forms.FileField)) else "กรอก"
                field.error_messages = {**field.error_messages,
                                        "required": f"กรุณา{verb}{field.label or 'ข้อมูลนี้'}"}

    def check_rule(self, rule, *args, **kwargs):
        """Runs `rule` (a model's clean, validate_constraints, a service's check) and shows what it refuses."""
        try:
            return rule(*args, **kwargs)
        except ValidationError as error:
            self.show_rule_errors(error)
        return None

    def show_rule_errors(self, error: ValidationError):
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for name, messages in error.message_dict.items():
            if name not in self.fields:
                self.add_error(None, messages)
            elif name not in self.errors:
                self.add_error(name, messages)


_DJANGO_REQUIRED = forms.Field.default_error_messages["required"]


def choices_from(field: forms.ModelChoiceField, read):
    """Shows the models that `read()` returns (e.g. a prepared query) as the choices of a
    ModelChoiceField, labelled as the field labels them, read only when the drop-down is drawn (a
    form used to filter an export reads nothing). The field's queryset still checks what is
    submitted; only the drop-down is built from the list, without a query of its own (Django's
    choice iterator reads the queryset again, on PostgreSQL through a server-side cursor: three
    round trips for a dozen tambon)."""
    empty = [] if field.empty_label is None else [("", field.empty_label)]
    # Django calls a callable's choices at each use (the widget, the bound field): read them once.
    field.choices = functools.cache(lambda: [*empty, *((obj.pk, field.label_from_instance(obj)) for obj in read())])
