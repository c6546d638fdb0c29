"""ISO weeks (leefbaarheid/weeks.py): how many weeks an ISO year has, and how a week is read."""

import pytest

from leefbaarheid.weeks import Week, weeks_in_year

pytestmark = pytest.mark.django_db


def test_weeks_in_the_iso_year():
    assert weeks_in_year(2026) == 53
    assert weeks_in_year(2025) == 52


@pytest.mark.parametrize("text", ["2026-W05", "2026-w05", "2026-05", " 2026-W5 ", "2026-W53"])
def test_a_week_is_read_as_it_is_written(text):
    assert Week.parse(text) == Week(2026, int(text.strip()[-2:].lstrip("W")))


@pytest.mark.parametrize(
    "text",
    [
        "٢٠٢٦-W05",  # digits int() reads, but nobody writes a week with
        "2026-W٠٥",
        "2026-W+5",
        "2026-W1_0",
        "+2026-W05",
        "02026-W05",
        "2026-W005",
        "2026W05",
        "2026-W",
        "2027-W53",
    ],
)
def test_a_week_written_otherwise_is_no_week(text):
    with pytest.raises(ValueError):
        Week.parse(text)
