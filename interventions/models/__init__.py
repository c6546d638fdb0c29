"""Models of the interventions app: subsidy schemes, grants and their lifecycle, providers and
the interventions they carry out in a complex, and the weekly welfare hours.

Schemes and providers are reference data; grants and interventions hang off a complex and are
scoped through ``ComplexScopedQuerySet``: a corporation sees its own, a welfare professional the
assigned complexes', the municipality and the functional admin all of them, and the intervention
team none.

One module per topic (``grants``, ``interventions``, ``hours``, and ``common`` for what they
share); every model is imported here, so Django finds them all in the app ``interventions`` and
``from interventions.models import Grant`` works as before.
"""

from interventions.models.common import ChoiceList, FundingQuerySet, money_validators
from interventions.models.grants import (
    Grant,
    Provider,
    ProviderQuerySet,
    SchemeQuerySet,
    SubsidyScheme,
)
from interventions.models.hours import (
    CalendarQuerySet,
    HoursEntry,
    HoursQuerySet,
    HoursWeek,
    HoursWeekQuerySet,
    WelfareCalendar,
)
from interventions.models.interventions import Intervention

__all__ = [
    "CalendarQuerySet",
    "ChoiceList",
    "FundingQuerySet",
    "Grant",
    "HoursEntry",
    "HoursQuerySet",
    "HoursWeek",
    "HoursWeekQuerySet",
    "Intervention",
    "Provider",
    "ProviderQuerySet",
    "SchemeQuerySet",
    "SubsidyScheme",
    "WelfareCalendar",
    "money_validators",
]
