"""A moment on a day in Amsterdam time, shared by the residents' model and service tests."""

import datetime

from tests.helpers import AMSTERDAM


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=AMSTERDAM)
