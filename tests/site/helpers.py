"""Helpers shared by the site's fuzz tests: what people and scripts type into a query string
or a URL when they should not, and the bounded settings every generated test runs with."""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from leefbaarheid import bounds

# What people and scripts type into a query string when they should not.
ODD_VALUES = [
    "",
    "0",
    "-1",
    "0.0",
    "1e309",
    "nan",
    "²",
    "١٢",
    str(bounds.MAX_ID),
    str(bounds.MAX_ID + 1),
    "12345678901234567890",
    "9" * 40,
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "2101-01-01",
    "2026-02-30",
    "0001-W01",
    "9999-W52",
    "2026-W53",
    "2026-W00",
    "2020-W53",
    "1900-W01",
    "2100-W52",
    "W5",
    "true",
    "\x00",
    "%",
    "' OR 1=1 --",
]
VALUES = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=12),
)


def bounded(max_examples: int):
    """Settings for a generated test that runs inside a test with fixtures: a fixed number of
    examples, the same ones on every run (no example database, no randomness), no deadline."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
