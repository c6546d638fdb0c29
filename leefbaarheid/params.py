"""One reader for what a URL, a query string, a filter or an API parameter says: a week, a date,
a year or an id, each held to ``leefbaarheid.bounds``.

A value outside the bounds is refused like one that is no week, date, year or id at all: with a
message naming the field (screens: on the field or a 400 page; API: ``{"field": ["..."]}``), or
as "not found" for an id or a path segment. Nothing downstream ever sees a year 9999 or an id
PostgreSQL cannot hold, so nothing downstream can overflow.

Parts: the ``parse_*`` functions (ValueError on refusal); ``Refused`` (a 400 naming the field,
answered by ``leefbaarheid.views.bad_request``); form fields and django-filter filters built on
them; and the path converters ``id`` (a primary key), registered in ``LeefbaarheidConfig``.
"""

import datetime

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import BadRequest, ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from leefbaarheid import bounds
from leefbaarheid.fields import BoundedDateField
from leefbaarheid.weeks import Week

YEAR_MESSAGE = _("Give a year from %(first)s to %(last)s.")
WEEK_MESSAGE = _("“%(field)s” is not an existing week: give it as 2026-W47.")
DATE_QUERY_MESSAGE = _(
    "“%(field)s” is not a date from %(first)s to %(last)s: give it as 2026-11-25."
)
ID_MESSAGE = _("Choose one of the options offered.")


def _range() -> dict:
    return {"first": bounds.EARLIEST_YEAR, "last": bounds.LATEST_YEAR}


# Parsers ----------------------------------------------------------------------------------------


def parse_week(text: str, year: int | None = None) -> Week:
    """``2026-W05`` (or ``2026-05``) → that week; a bare number → that week of ``year``.
    ValueError when it is neither, no such ISO week exists, or its year is out of bounds."""
    text = str(text).strip()
    if text.isdigit():
        if year is None:
            raise ValueError("a week number needs a year")
        return Week.parse(f"{year}-W{text}")
    return Week.parse(text)


def parse_date(text: str) -> datetime.date:
    """An ISO date (``2026-11-25``) within the bounds; ValueError otherwise."""
    day = datetime.date.fromisoformat(str(text).strip())
    if not bounds.date_in_range(day):
        raise ValueError(f"{day} is out of range")
    return day


def parse_year(text: str) -> int:
    """A year of digits within the bounds; ValueError otherwise."""
    text = str(text).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 4:
        raise ValueError(f"{text!r} is no year")
    year = int(text)
    if not bounds.year_in_range(year):
        raise ValueError(f"{year} is out of range")
    return year


def parse_id(text) -> int:
    """A primary key: digits, from 1 to ``bounds.MAX_ID``; ValueError otherwise."""
    text = str(text).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(bounds.MAX_ID)):
        raise ValueError(f"{text!r} is no id")
    value = int(text)
    if not bounds.id_in_range(value):
        raise ValueError(f"{value} is out of range")
    return value


def id_or_none(text) -> int | None:
    """The id in ``text``, or None when it is none (for "choose one first" and "not found")."""
    try:
        return parse_id(text)
    except ValueError:
        return None


# A refused query parameter ----------------------------------------------------------------------


class Refused(BadRequest):
    """A query parameter that cannot be read: a 400 naming the field, as a page or as the API's
    ``{"field": ["message"]}`` (see ``leefbaarheid.views.bad_request``)."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


def too_large_message() -> str:
    """What a request larger than Django accepts is told (a 413)."""
    return _("The request is too large: send at most %(size)s.") % {
        "size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    }


def week_or_date_query(query, *, week: str = "week", date: str = "date") -> Week | None:
    """The week of ``?week=2026-W47`` or of the day ``?date=2026-11-25``; None when neither is
    given; ``Refused`` when the one given is no week or date within the bounds."""
    if text := query.get(week, "").strip():
        try:
            return parse_week(text)
        except ValueError:
            raise Refused(week, WEEK_MESSAGE % {"field": _("Week")}) from None
    if text := query.get(date, "").strip():
        try:
            return Week.of(parse_date(text))
        except ValueError:
            raise Refused(date, date_message(field=_("Date"))) from None
    return None


def date_message(**names) -> str:
    return DATE_QUERY_MESSAGE % {
        "first": date_format(bounds.EARLIEST_DATE, "d-m-Y"),
        "last": date_format(bounds.LATEST_DATE, "d-m-Y"),
        **names,
    }


# Form fields ------------------------------------------------------------------------------------


class YearField(forms.IntegerField):
    """A year from ``bounds.EARLIEST_YEAR`` to ``bounds.LATEST_YEAR``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", bounds.EARLIEST_YEAR)
        kwargs.setdefault("max_value", bounds.LATEST_YEAR)
        kwargs["min_value"] = max(kwargs["min_value"], bounds.EARLIEST_YEAR)
        kwargs["max_value"] = min(kwargs["max_value"], bounds.LATEST_YEAR)
        super().__init__(**kwargs)
        message = YEAR_MESSAGE % {"first": self.min_value, "last": self.max_value}
        self.error_messages.update({"invalid": message, "min_value": message, "max_value": message})

    def to_python(self, value):
        # A year is at most four ASCII digits, as ``parse_year`` reads it: not "2026.0",
        # "+2026", "2_026", "02026" or "٢٠٢٦", which int() would read as 2026.
        text = value.strip() if isinstance(value, str) else ""
        if text and not (text.isascii() and text.isdigit() and len(text) <= 4):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IdField(forms.IntegerField):
    """A primary key given as a number (a filter by id): from 1 to ``bounds.MAX_ID``."""

    def __init__(self, **kwargs):
        kwargs.update(min_value=1, max_value=bounds.MAX_ID)
        super().__init__(**kwargs)
        self.error_messages.update(
            {"invalid": ID_MESSAGE, "min_value": ID_MESSAGE, "max_value": ID_MESSAGE}
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_id(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, with ids beyond what the database holds refused as unknown choices (Django
    looks them up with ``pk__in``, which would overflow)."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        if key == "pk":
            for pk in value:
                if id_or_none(pk) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)


# django-filter filters --------------------------------------------------------------------------


class YearFilter(django_filters.NumberFilter):
    field_class = YearField


class IdFilter(django_filters.NumberFilter):
    field_class = IdField


class DateFilter(django_filters.DateFilter):
    field_class = BoundedDateField


# Path converters --------------------------------------------------------------------------------


class IdConverter:
    """``<id:pk>``: a primary key; anything beyond ``bounds.MAX_ID`` does not match (404)."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        return parse_id(value)

    def to_url(self, value) -> str:
        return str(value)
