"""The raw inputs of each component of the cohesion index in words, for the indicator pages:
one small formatter per component, reading the ``inputs`` a snapshot stored
(see ``evaluations.calculation``). A component without data says why it has none."""

import datetime
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from evaluations.choices import Component
from leefbaarheid import numbers

Inputs = dict[str, Any]


def _number(value, places: int | None = 2) -> str:
    """A stored figure in the user's language, thousands grouped; ``places=None``: as many
    decimals as it needs (a norm of 4 rather than 4,00)."""
    try:
        return numbers.format_decimal(Decimal(str(value)), places)
    except (InvalidOperation, ValueError):
        return str(value)


def _day(value) -> str:
    try:
        return date_format(datetime.date.fromisoformat(str(value)), "d-m-Y")
    except ValueError:
        return str(value)


def _int(inputs: Inputs, name: str) -> int:
    try:
        return int(inputs.get(name) or 0)
    except (TypeError, ValueError):
        return 0


def hours_words(inputs: Inputs, has_data: bool) -> str:
    if not has_data:
        return _("No welfare hours logged in this complex up to %(week)s.") % {
            "week": inputs.get("until_week", "—")
        }
    return _(
        "%(hours)s hours over the last %(weeks)s funded weeks (%(first)s to %(last)s), %(mean)s "
        "per funded week, against a norm of %(norm)s h per funded week."
    ) % {
        "hours": _number(inputs.get("hours", 0)),
        "weeks": _int(inputs, "weeks"),
        "first": inputs.get("from_week", "—"),
        "last": inputs.get("until_week", "—"),
        "mean": _number(inputs.get("mean", 0)),
        "norm": _number(inputs.get("norm", 0), None),
    }


def galleries_words(inputs: Inputs, has_data: bool) -> str:
    galleries = _int(inputs, "galleries")
    if not has_data:
        return _("No galleries recorded.")
    return ngettext(
        "%(covered)s of %(galleries)s gallery has a contact person.",
        "%(covered)s of %(galleries)s galleries have a contact person.",
        galleries,
    ) % {"covered": _int(inputs, "with_contact_person"), "galleries": galleries}


def occupancy_words(inputs: Inputs, has_data: bool) -> str:
    if not has_data:
        return _("No units recorded.")
    units = _int(inputs, "units")
    if not inputs.get("as_of"):
        return ngettext(
            "%(vacant)s of %(units)s unit vacant (the complex's current figures).",
            "%(vacant)s of %(units)s units vacant (the complex's current figures).",
            units,
        ) % {"vacant": _int(inputs, "vacant_units"), "units": units}
    return ngettext(
        "%(vacant)s of %(units)s unit vacant (as of %(date)s).",
        "%(vacant)s of %(units)s units vacant (as of %(date)s).",
        units,
    ) % {"vacant": _int(inputs, "vacant_units"), "units": units, "date": _day(inputs.get("as_of"))}


def core_group_words(inputs: Inputs, has_data: bool) -> str:
    minimum = _int(inputs, "min_members")
    largest = _int(inputs, "largest_members")
    if not _int(inputs, "core_groups"):
        return ngettext(
            "No active core group (one needs at least %(minimum)s member).",
            "No active core group (one needs at least %(minimum)s members).",
            minimum,
        ) % {"minimum": minimum}
    return ngettext(
        "The largest active core group has %(members)s member; at least %(minimum)s count.",
        "The largest active core group has %(members)s members; at least %(minimum)s count.",
        largest,
    ) % {"members": largest, "minimum": minimum}


def participation_words(inputs: Inputs, has_data: bool) -> str:
    weeks = _int(inputs, "weeks")
    if not has_data:
        if _int(inputs, "occupied_units") <= 0:
            return _("No occupied units to compare with.")
        return _("No activities recorded yet.")
    return ngettext(
        "%(people)s resident at activities in the last %(weeks)s weeks, of %(occupied)s "
        "occupied units.",
        "%(people)s residents at activities in the last %(weeks)s weeks, of %(occupied)s "
        "occupied units.",
        _int(inputs, "residents"),
    ) % {
        "people": _int(inputs, "residents"),
        "weeks": weeks,
        "occupied": _int(inputs, "occupied_units"),
    }


def new_tenants_words(inputs: Inputs, has_data: bool) -> str:
    months = _int(inputs, "months")
    if not has_data:
        return _("No new tenants in the last %(months)s months.") % {"months": months}
    tenants = _int(inputs, "new_tenants")
    return ngettext(
        "%(reached)s of %(tenants)s new tenant (last %(months)s months) joined an activity or "
        "a group.",
        "%(reached)s of %(tenants)s new tenants (last %(months)s months) joined an activity or "
        "a group.",
        tenants,
    ) % {"reached": _int(inputs, "reached"), "tenants": tenants, "months": months}


def mutual_help_words(inputs: Inputs, has_data: bool) -> str:
    if not has_data:
        if _int(inputs, "occupied_units") <= 0:
            return _("No occupied units to compare with.")
        return _("No mutual help recorded yet.")
    return ngettext(
        "%(people)s resident involved in mutual help in the last %(weeks)s weeks, of "
        "%(occupied)s occupied units.",
        "%(people)s residents involved in mutual help in the last %(weeks)s weeks, of "
        "%(occupied)s occupied units.",
        _int(inputs, "residents"),
    ) % {
        "people": _int(inputs, "residents"),
        "weeks": _int(inputs, "weeks"),
        "occupied": _int(inputs, "occupied_units"),
    }


def loneliness_words(inputs: Inputs, has_data: bool) -> str:
    if not has_data:
        return _("No survey round with at least %(minimum)s valid responses.") % {
            "minimum": _int(inputs, "min_responses")
        }
    return _(
        "Mean loneliness score %(score)s of 6 in “%(round)s” (%(date)s, %(responses)s valid "
        "responses)."
    ) % {
        "score": _number(inputs.get("mean_score", 0)),
        "round": inputs.get("round", ""),
        "date": _day(inputs.get("held_on")),
        "responses": _int(inputs, "responses"),
    }


FORMATTERS: dict[str, Callable[[Inputs, bool], str]] = {
    Component.HOURS: hours_words,
    Component.GALLERIES: galleries_words,
    Component.OCCUPANCY: occupancy_words,
    Component.CORE_GROUP: core_group_words,
    Component.PARTICIPATION: participation_words,
    Component.NEW_TENANTS: new_tenants_words,
    Component.MUTUAL_HELP: mutual_help_words,
    Component.LONELINESS: loneliness_words,
}


def inputs_in_words(component: str, inputs: Inputs | None, value) -> str:
    """The raw inputs of one component as a sentence; "no data" when its value is None."""
    formatter = FORMATTERS.get(component)
    if formatter is None:
        return ""
    return formatter(inputs or {}, value is not None)


def explained(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of ``selectors.explain`` (or ``reasons``), each with its ``words``."""
    return [
        {**row, "words": inputs_in_words(row["component"], row["inputs"], row["value"])}
        for row in rows
    ]


def component_explanations(thresholds: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, plain explanation) per component, in display order, with the current norms."""
    values = {
        Component.HOURS: _(
            "The welfare hours logged over the last 4 complete funded weeks of the welfare "
            "calendar, per funded week, divided by the norm of %(norm)s hours per funded week; "
            "at or above the norm counts as 100. Hours logged in a holiday between them count "
            "too. No data before the first hours are logged in the complex."
        )
        % {"norm": _number(thresholds.get("hours_norm", 4), None)},
        Component.GALLERIES: _(
            "The share of galleries with a contact person. No data when the complex has no "
            "galleries recorded."
        ),
        Component.OCCUPANCY: _(
            "One minus the share of vacant units: vacancy erodes cohesion. Taken from the "
            "latest occupancy figures up to the week."
        ),
        Component.CORE_GROUP: _(
            "100 when an active core group (not the residents' committee) has at least "
            "%(minimum)s members, otherwise 0."
        )
        % {"minimum": thresholds.get("core_group_min_members", 3)},
        Component.PARTICIPATION: _(
            "Distinct residents at activities in the last 8 weeks, divided by the occupied "
            "units, at most 100. No data before the first activity is recorded."
        ),
        Component.NEW_TENANTS: _(
            "The share of tenants who moved in within the last 12 months and have since joined "
            "an activity or a group. No data without new tenants."
        ),
        Component.MUTUAL_HELP: _(
            "Residents involved in recorded mutual help in the last 8 weeks, divided by the "
            "occupied units, at most 100. No data before the first record."
        ),
        Component.LONELINESS: _(
            "One minus the mean De Jong Gierveld loneliness score (0–6) divided by 6, from the "
            "latest survey round with at least %(minimum)s valid responses. No data without "
            "such a round."
        )
        % {"minimum": thresholds.get("survey_min_responses", 5)},
    }
    return [(label, values[name]) for name, label in Component.choices]
