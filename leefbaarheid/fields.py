"""Form fields for what Dutch users type as numbers: ``MoneyField`` for amounts in euros,
``HoursField`` for hours, ``NumberField`` for other decimals (weights, thresholds). Each reads
input by the rules of ``leefbaarheid.numbers`` and returns a ``Decimal``; a refused input is an
error on the field saying what to type.

The widget is a text input with ``inputmode="decimal"`` (a browser's ``type=number`` refuses
"8.500,50" before the server sees it) that shows a stored value in the active language:
8500.50 → "8.500,50" in Dutch, "8,500.50" in English.

In the admin, ``NumberFieldsAdminMixin`` gives a model's decimal fields these classes.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator

from leefbaarheid import numbers
from leefbaarheid.bounds import validate_date_in_range
from leefbaarheid.text import validate_plain_text


class NumberInput(forms.TextInput):
    """A text input for a number, showing a value in the active language; what the user typed
    is shown again as typed. ``places``: decimals shown (None: as many as the value needs);
    ``grouping``: thousands grouped."""

    def __init__(self, attrs=None, *, places: int | None = None, grouping: bool = True):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})
        self.places = places
        self.grouping = grouping

    def format_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return numbers.format_decimal(value, self.places, grouping=self.grouping)
        return super().format_value(value)


class NumberField(forms.DecimalField):
    """A decimal typed the Dutch way or the API's way ("12,5", "12.5", "1.250"), returned as a
    ``Decimal`` with ``decimal_places`` decimals. ``max_digits`` and ``decimal_places`` are
    checked by the parser, with a message that says what to type."""

    kind = numbers.NUMBER
    widget = NumberInput

    def __init__(self, *, max_digits=None, decimal_places=None, localize=False, **kwargs):
        # Django's own checks of digits and places (and its "Enter a number.") are replaced by
        # the parser's; ``localize`` is what this field always does.
        super().__init__(**kwargs)
        self.places: int = 2 if decimal_places is None else decimal_places
        self.max_digits, self.decimal_places = max_digits, self.places

    def parse(self, text) -> Decimal:
        return numbers.parse_decimal(text, decimal_places=self.places, max_digits=self.max_digits)

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return self.parse(value)
        except numbers.NumberRefused as refused:
            raise ValidationError(refused.message(self.kind), code=refused.code) from None


class MoneyField(NumberField):
    """An amount in euros: "8.500,50", "€ 12.000", "12.000,-", "8500.50" → Decimal("8500.50").
    Never negative; at most ``max_digits`` digits (12 unless the model says otherwise)."""

    kind = numbers.MONEY

    def __init__(self, *, max_digits=12, decimal_places=2, **kwargs):
        kwargs.setdefault("widget", NumberInput(places=2))
        min_value = kwargs.pop("min_value", Decimal(0))
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)
        if min_value is not None:
            self.validators.append(
                MinValueValidator(min_value, message=numbers.MESSAGES[self.kind]["negative"])
            )

    def parse(self, text) -> Decimal:
        return numbers.parse_decimal(
            text, decimal_places=self.places, max_digits=self.max_digits, money=True
        )


class HoursField(NumberField):
    """Hours: "1,5", "1.5", "1:30", "0:45" → a Decimal in quarter hours ("0:07" is refused,
    "0,13" becomes 0.25), as the week grid keeps them."""

    kind = numbers.HOURS

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", NumberInput(grouping=False))
        super().__init__(**kwargs)

    def parse(self, text) -> Decimal:
        return numbers.parse_hours(text)


class NumberFieldsAdminMixin:
    """Gives the model fields named in ``money_fields``, ``hours_fields`` and ``number_fields``
    the Dutch number form fields in the admin (mix in before ``ModelAdmin``)."""

    money_fields: tuple[str, ...] = ()
    hours_fields: tuple[str, ...] = ()
    number_fields: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        for names, form_class in (
            (self.money_fields, MoneyField),
            (self.hours_fields, HoursField),
            (self.number_fields, NumberField),
        ):
            if db_field.name in names:
                kwargs.setdefault("form_class", form_class)
        return super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]


class PlainTextField(forms.CharField):
    """Text as a user types it, without control characters (``leefbaarheid.text``): the form
    field of every text input that is not a model form's own field."""

    default_validators = [validate_plain_text]


class BoundedDateField(forms.DateField):
    """A date within ``leefbaarheid.bounds`` (1900–2100): the form field of every date input that
    is not a model form's own field."""

    default_validators = [validate_date_in_range]


class BoundedDateTimeField(forms.DateTimeField):
    """A date and time whose day lies within ``leefbaarheid.bounds``."""

    default_validators = [validate_date_in_range]
