"""The interventions app's models validating themselves: a wrong welfare calendar is
refused on its field, in Dutch."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from interventions.models import WelfareCalendar

pytestmark = pytest.mark.django_db


# The calendar's own rules ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"unfunded_weeks": [53]}, "unfunded_weeks", "2027 heeft de weken 1 tot en met 52"),
        ({"unfunded_weeks": list(range(1, 53))}, "unfunded_weeks", "minstens één week"),
        ({"unfunded_weeks": ["zomer"]}, "unfunded_weeks", "als weeknummers"),
        ({"hours_per_week": Decimal("0.1")}, "hours_per_week", "minstens"),
        ({"hours_per_week": None}, "hours_per_week", "bijvoorbeeld 4"),
        ({"year": 1899}, "year", "1900"),
    ],
)
def test_a_wrong_calendar_is_refused_naming_the_field_in_dutch(fields, field, message):
    data = {"year": 2027, "hours_per_week": Decimal(4), "unfunded_weeks": [1, 30], **fields}
    with pytest.raises(ValidationError) as error:
        WelfareCalendar(**data).full_clean()
    assert field in error.value.message_dict
    assert message in " ".join(error.value.message_dict[field])
