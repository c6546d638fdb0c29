"""Admin registrations of the interventions app, scoped like every other screen.

One module per topic: ``grants`` (schemes, providers, grants), ``interventions`` and ``hours``
(hours entries, weeks, welfare calendars), with ``common`` for the filters they share.
Importing them here registers every model with the admin; the public names are re-exported.
"""

from interventions.admin.common import COMPLEX_FILTER, StartYearFilter
from interventions.admin.grants import (
    STEP_FIELDS,
    GrantAdmin,
    GrantAdminForm,
    ProviderAdmin,
    SubsidySchemeAdmin,
)
from interventions.admin.hours import (
    HOURS_CELL_FIELDS,
    HOURS_ERROR_FIELDS,
    HoursEntryAdmin,
    HoursEntryAdminForm,
    HoursWeekAdmin,
    HoursYearFilter,
    IsoWeekFilter,
    WelfareCalendarAdmin,
)
from interventions.admin.interventions import InterventionAdmin, InterventionAdminForm

__all__ = [
    "COMPLEX_FILTER",
    "HOURS_CELL_FIELDS",
    "HOURS_ERROR_FIELDS",
    "STEP_FIELDS",
    "GrantAdmin",
    "GrantAdminForm",
    "HoursEntryAdmin",
    "HoursEntryAdminForm",
    "HoursWeekAdmin",
    "HoursYearFilter",
    "InterventionAdmin",
    "InterventionAdminForm",
    "IsoWeekFilter",
    "ProviderAdmin",
    "StartYearFilter",
    "SubsidySchemeAdmin",
    "WelfareCalendarAdmin",
]
