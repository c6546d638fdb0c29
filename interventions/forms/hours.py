"""Forms of the welfare-hours screens: the cells of a week grid, adding a row, choosing a
professional, and approving or returning a week.

They only parse what the browser sent; ``interventions.services`` decides what is allowed (quarter
hours, the 40-hour ceiling, locked weeks) and says why not, keyed by the input's name.
"""

import re
from decimal import Decimal

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from interventions.calendar import YearCalendar
from interventions.choices import WorkKind
from leefbaarheid.fields import HoursField, PlainTextField
from leefbaarheid.weeks import Week

# One cell of the grid is two inputs: hours "h-<complex id>-<kind>", note "n-<complex id>-<kind>";
# beside them, hidden, the hours and note as the grid showed them ("wh-…", "wn-…"), so a save
# changes only what its writer changed and never overwrites what someone else saved meanwhile.
HOURS_PREFIX = "h"
NOTE_PREFIX = "n"
WAS_HOURS_PREFIX = "wh"
WAS_NOTE_PREFIX = "wn"
CELL_NAME = re.compile(r"h-(\d{1,9})-([a-z_]{1,20})")


def cell_name(complex_id: int, kind: str) -> str:
    """The name of the hours input of a cell; errors on the cell come back under this key."""
    return f"{HOURS_PREFIX}-{complex_id}-{kind}"


def note_name(complex_id: int, kind: str) -> str:
    return f"{NOTE_PREFIX}-{complex_id}-{kind}"


def was_names(complex_id: int, kind: str) -> tuple[str, str]:
    """The hidden inputs with the cell's hours and note as the grid showed them."""
    return f"{WAS_HOURS_PREFIX}-{complex_id}-{kind}", f"{WAS_NOTE_PREFIX}-{complex_id}-{kind}"


def parse_cells(data) -> list[dict]:
    """The cells posted by a week grid, in the order they came: complex id, kind, hours and
    note as typed, and the input names errors are reported on. Other fields are ignored."""
    cells = []
    for name in data:
        match = CELL_NAME.fullmatch(name)
        if match is None:
            continue
        complex_id, kind = int(match[1]), match[2]
        note = note_name(complex_id, kind)
        was_hours, was_note = was_names(complex_id, kind)
        cell = {
            "complex_id": complex_id,
            "kind": kind,
            "hours": data.get(name, "").strip(),
            "note": data.get(note, ""),
            "key": name,
            "complex_key": name,
            "kind_key": name,
            "note_key": note,
        }
        if was_hours in data:
            cell["was"] = (data.get(was_hours, ""), data.get(was_note, ""))
        cells.append(cell)
    return cells


def posted_cell_names(data) -> set[str]:
    """The hours inputs a request carries (the grid's rows as the browser has them)."""
    return {name for name in data if CELL_NAME.fullmatch(name)}


class AddRowForm(forms.Form):
    """A row to add to the grid: one of the professional's complexes and a kind of work."""

    add_complex = forms.ModelChoiceField(
        label=_("Complex"),
        queryset=None,
        error_messages={"invalid_choice": _("Choose one of the complexes in the list.")},
    )
    add_kind = forms.ChoiceField(label=_("Kind of work"), choices=WorkKind.choices)

    def __init__(self, *args, complexes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["add_complex"].queryset = complexes
        self.fields["add_complex"].empty_label = _("Choose a complex")
        self.fields["add_complex"].widget.attrs.update({"class": "form-select"})
        self.fields["add_kind"].widget.attrs.update({"class": "form-select"})


class ProfessionalForm(forms.Form):
    """Whose week grid to open (the functional admin and a team lead choose)."""

    professional = forms.ModelChoiceField(label=_("Professional"), queryset=None)

    def __init__(self, *args, professionals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["professional"].queryset = professionals
        self.fields["professional"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )
        self.fields["professional"].widget.attrs.update({"class": "form-select"})


class DecideForm(forms.Form):
    """Approve a submitted week, or return it with a reason (the service insists on one)."""

    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("return", _("Return"))],
        error_messages={"required": _("Choose to approve or to return the week.")},
    )
    return_note = PlainTextField(
        label=_("Reason for returning"), max_length=300, required=False, strip=True
    )

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == "approve"


class WelfareCalendarForm(forms.Form):
    """One year's welfare calendar: the funded weeks ticked, and on the municipality's calendar
    the hours per funded week. ``services.calendar_save`` checks again and writes."""

    hours_per_week = HoursField(
        label=_("Hours per funded week"),
        min_value=Decimal("0.25"),
        max_value=Decimal(40),
        help_text=_("The norm per senior complex; the evaluation's budget counts 4."),
    )
    funded_weeks = forms.TypedMultipleChoiceField(
        label=_("Funded weeks"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick the holidays: in those weeks no norm applies."),
    )
    note = PlainTextField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, calendar: YearCalendar, **kwargs):
        super().__init__(*args, **kwargs)
        self.calendar = calendar
        if calendar.organisation:
            del self.fields["hours_per_week"]
        self.fields["funded_weeks"].choices = [
            (number, week_label(Week(calendar.year, number)))
            for number in range(1, calendar.weeks + 1)
        ]

    def data_for_service(self) -> dict:
        funded = set(self.cleaned_data["funded_weeks"])
        data = {
            "unfunded_weeks": [n for n in range(1, self.calendar.weeks + 1) if n not in funded],
            "note": self.cleaned_data["note"],
        }
        if "hours_per_week" in self.fields:
            data["hours_per_week"] = self.cleaned_data["hours_per_week"]
        return data


def week_label(week: Week) -> str:
    """The week and its dates in the active language, e.g. "week 28 · 6 jul – 12 jul"."""
    return _("week %(week)s · %(monday)s – %(sunday)s") % {
        "week": week.week,
        "monday": date_format(week.monday, "j M"),
        "sunday": date_format(week.sunday, "j M"),
    }
