"""Welfare hours against the norm: the norm table per complex, professional, corporation or
district (htmx swaps the grouping and the sorting), the list of complexes below the norm for
some consecutive weeks, and the export of the hours entries as CSV or XLSX.

Everyone who may view hours entries comes here (corporation staff, professionals, the
municipality, the functional admin); the intervention team gets a 403. Every figure and row
comes from the selectors, scoped to the user: corporation staff see their own complexes, a
professional the assigned ones.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django_tables2 import RequestConfig

from interventions import selectors
from interventions.filters import HoursFilterSet
from interventions.models import HoursEntry
from interventions.tables.hours_norm import HoursNormTable
from leefbaarheid import exports as spreadsheets
from leefbaarheid import roles
from leefbaarheid.web import is_htmx

VIEW = "interventions.view_hoursentry"
# The "per" switch: the selector's groupings, in the order they are offered.
GROUPINGS = [
    ("complex", gettext_lazy("complex")),
    ("professional", gettext_lazy("professional")),
    ("corporation", gettext_lazy("corporation")),
    ("district", gettext_lazy("district")),
]
FORMATS = [("csv", gettext_lazy("CSV")), ("xlsx", gettext_lazy("Excel (XLSX)"))]


class ExportFormatForm(forms.Form):
    """The file type of the export; empty means CSV."""

    format = forms.ChoiceField(label=gettext_lazy("File type"), choices=FORMATS, required=False)


def _single_corporation(user) -> bool:
    """Corporation staff only ever see their own corporation: a corporation column, grouping
    or filter would tell them nothing."""
    return roles.has_role(user, roles.CORPORATION_STAFF) and not roles.has_role(
        user, *roles.CITY_WIDE_ROLES
    )


def _partial(request) -> bool:
    """An htmx swap gets the table only; htmx restoring a page from history needs it whole."""
    return is_htmx(request) and request.headers.get("HX-History-Restore-Request") != "true"


def _filterset(request, data) -> HoursFilterSet:
    filterset = HoursFilterSet(
        data, queryset=selectors.hours_list(user=request.user), request=request
    )
    if _single_corporation(request.user):
        del filterset.filters["corporation"]
    return filterset


def _groupings(user) -> list[tuple[str, Any]]:
    if _single_corporation(user):
        return [(value, label) for value, label in GROUPINGS if value != "corporation"]
    return GROUPINGS


# The norm -------------------------------------------------------------------------------------


@permission_required(VIEW, raise_exception=True)
def hours_norm(request):
    """Hours of the last 4, 13 and 52 weeks against the norm per ``?by=`` complex,
    professional, corporation or district, under the alert list; an htmx request (the switch,
    a sort link) gets just the table."""
    groupings = _groupings(request.user)
    by = request.GET.get("by")
    if by not in dict(groupings):
        by = "complex"
    until = selectors.last_complete_week()
    rows = selectors.hours_norm_rows(user=request.user, by=by, until=until)
    exclude = ("corporation_name",) if _single_corporation(request.user) else ()
    table = HoursNormTable(rows, by=by, exclude=exclude)
    # Paged like every list: 266 complexes × 9 cells in one page take most of a second to draw.
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    context = {
        "table": table,
        "by": by,
        "groupings": groupings,
        "until": until,
        "norm_text": selectors.welfare_norm_text(until.year),
    }
    if _partial(request):
        response = render(request, "interventions/_hours_norm_table.html", context)
    else:
        context.update(
            alerts=selectors.hours_below_norm(user=request.user, until=until),
            alert_weeks=settings.HOURS_ALERT_WEEKS,
            horizon=selectors.HOURS_ALERT_HORIZON,
            filter=_filterset(request, None),
            format_form=ExportFormatForm(),
        )
        response = render(request, "interventions/hours_norm.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# Export ---------------------------------------------------------------------------------------


def person(user) -> str:
    return user.get_full_name() or user.get_username()


def export_columns() -> list[tuple[str, Callable[[HoursEntry], Any]]]:
    """Header and value of every exported column (headers in the active language)."""
    return [
        (_("Year"), lambda e: e.year),
        (_("Week"), lambda e: e.week),
        (_("Week starting"), lambda e: e.week_start),
        (_("Professional"), lambda e: person(e.professional)),
        (_("Complex"), lambda e: e.complex.name),
        (_("District"), lambda e: e.complex.district.name),
        (_("Corporation"), lambda e: e.complex.corporation.name),
        (_("Kind of work"), lambda e: str(e.get_kind_display())),
        (_("Hours"), lambda e: e.hours),
        (_("Note"), lambda e: e.note),
    ]


@permission_required(VIEW, raise_exception=True)
def hours_export(request):
    """The hours entries the filters select, oldest week first, as CSV (``?format=csv``, the
    default) or an Excel workbook (``?format=xlsx``). A wrong filter shows the form again with
    the error on its field (400) rather than exporting more than was asked for."""
    filterset = _filterset(request, request.GET)
    format_form = ExportFormatForm(request.GET)
    if not (filterset.is_valid() and format_form.is_valid()):
        context = {"filter": filterset, "format_form": format_form}
        return render(request, "interventions/hours_norm_export.html", context, status=400)
    entries = filterset.qs.order_by("week_start", "complex__name", "professional__username", "kind")
    data = spreadsheets.rows(export_columns(), entries)
    return spreadsheets.spreadsheet_response(
        request,
        data,
        stem=pgettext("file name", "welfare-hours"),
        sheet_title=_("Welfare hours"),
        period=_export_period(filterset.form.cleaned_data),
    )


def _export_period(cleaned: dict) -> str | int | None:
    """What names the file: the weeks from and to (2026-W05-2026-W18, or one week), else the
    year filtered on, else nothing (today's date)."""
    first, last = cleaned.get("week_from"), cleaned.get("week_to")
    if first and last:
        return str(first) if first == last else f"{first}-{last}"
    return cleaned.get("year")
