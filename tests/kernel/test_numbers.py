"""Numbers as Dutch users type them (``leefbaarheid.numbers``): amounts with a thousands dot
and a decimal comma, the API's decimal point, hours with a colon — what is accepted, what is
refused as ambiguous or malformed, and that whatever is shown can be typed back."""

from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from leefbaarheid import numbers
from leefbaarheid.numbers import NumberRefused


def _amount(text, **kwargs):
    return numbers.parse_amount(text, **kwargs)


def _refusal(parse, text) -> str:
    with pytest.raises(NumberRefused) as refused:
        parse(text)
    return refused.value.code


# Amounts ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("12.000", "12000.00"),
        ("12000", "12000.00"),
        ("8.500,50", "8500.50"),
        ("8500,50", "8500.50"),
        ("8500,5", "8500.50"),
        ("€ 12.000", "12000.00"),
        ("€12.000,-", "12000.00"),
        ("€ 12.000,–", "12000.00"),
        ("12.000,-", "12000.00"),
        ("12 000", "12000.00"),
        ("12\u00a0000,50", "12000.50"),  # a no-break space, as copied from a document
        ("1 234 567", "1234567.00"),
        ("8500.50", "8500.50"),  # the API's (and English) decimal point
        ("8500.5", "8500.50"),
        ("8,500.50", "8500.50"),  # English grouping
        ("1,234,567", "1234567.00"),
        ("1.234.567,89", "1234567.89"),
        ("0.50", "0.50"),
        ("0.500", "0.50"),  # "0" opens no group: a decimal point
        (",50", "0.50"),
        ("  7500  ", "7500.00"),
        ("EUR 5.000", "5000.00"),
        ("5.000 €", "5000.00"),
        ("0", "0.00"),
        ("-5", "-5.00"),  # read; the field says an amount cannot be negative
        (7500, "7500.00"),
        (Decimal("8500.5"), "8500.50"),
    ],
)
def test_an_amount_is_read_as_a_dutch_user_or_the_api_writes_it(typed, amount):
    parsed = _amount(typed)
    assert parsed == Decimal(amount)
    assert parsed.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("1.2.3", "invalid"),
        ("12,345,67", "invalid"),
        ("8,500.50.1", "invalid"),
        ("8.500.50", "invalid"),
        ("8,500,50", "invalid"),
        ("1.000,000.5", "invalid"),  # the decimal separator must come last
        ("1 000.000,5", "invalid"),  # two kinds of grouping
        ("12  000", "invalid"),
        ("12 00", "invalid"),
        ("abc", "invalid"),
        ("NaN", "invalid"),
        ("nan", "invalid"),
        ("Infinity", "invalid"),
        ("-inf", "invalid"),
        ("1e5", "invalid"),
        ("1E+5", "invalid"),
        ("0x10", "invalid"),
        ("+5", "invalid"),
        ("12.", "invalid"),
        ("12,", "invalid"),
        ("€", "invalid"),
        ("", "invalid"),
        (None, "invalid"),
        (True, "invalid"),
        ("١٢٣", "invalid"),  # other scripts' digits: Decimal would take them, we do not
        ("٫5", "invalid"),
        ("5" * 41, "invalid"),  # longer than any field: not even looked at
        ("12,000", "ambiguous"),  # twelve thousand (English) or twelve (Dutch)?
        ("12,345", "ambiguous"),
        ("1,5005", "places"),
        ("0,125", "places"),
        ("8500.505", "places"),
        ("99999999999", "too_large"),
        ("100.000.000", "too_large"),
    ],
)
def test_malformed_or_ambiguous_amounts_are_refused_with_a_reason(typed, code):
    assert _refusal(lambda text: _amount(text, max_digits=10), typed) == code


def test_the_limit_follows_the_fields_digits():
    assert _amount("99.999.999,99", max_digits=10) == Decimal("99999999.99")
    assert _refusal(lambda text: _amount(text, max_digits=7), "100.000") == "too_large"
    assert _amount("99.999,99", max_digits=7) == Decimal("99999.99")


def test_a_decimal_too_large_to_hold_is_refused_not_an_error():
    assert _refusal(_amount, Decimal("1E+100")) == "too_large"
    assert _refusal(_amount, Decimal("NaN")) == "invalid"


def test_refusals_say_in_dutch_what_to_type():
    with translation.override("nl"):
        messages = {
            code: NumberRefused(code, places=2, max="99.999.999,99").message(numbers.MONEY)
            for code in ("invalid", "ambiguous", "places", "too_large", "negative")
        }
    assert messages["invalid"] == "Vul het bedrag in als 8.500,50 (of 8500,50)."
    assert "12.000" in messages["ambiguous"]
    assert messages["places"] == (
        "Een bedrag heeft hoogstens 2 cijfers achter de komma: vul het in als 8.500,50."
    )
    assert messages["too_large"] == "Vul een bedrag in van hoogstens 99.999.999,99."
    assert messages["negative"] == "Een bedrag kan niet negatief zijn."


@pytest.mark.parametrize(
    ("typed", "number"),
    [("50", "50.0"), ("12,5", "12.5"), ("12.5", "12.5"), ("1.000", "1000.0"), ("0.5", "0.5")],
)
def test_a_plain_number_follows_the_same_rules_without_a_euro_sign(typed, number):
    assert numbers.parse_decimal(typed, decimal_places=1) == Decimal(number)


def test_a_plain_number_has_no_euro_sign():
    assert _refusal(lambda text: numbers.parse_decimal(text, decimal_places=2), "€ 5") == (
        "invalid"
    )


# Hours ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "hours"),
    [
        ("1,5", "1.50"),
        ("1.5", "1.50"),
        ("1:30", "1.50"),
        ("0:45", "0.75"),
        (":45", "0.75"),
        ("1.500", "1.50"),  # hours are never grouped: a dot is a decimal point
        ("0,125", "0.25"),  # half-way rounds up
        ("0.13", "0.25"),
        ("2:05", "2.00"),
        ("7:53", "8.00"),
        (" 3 ", "3.00"),
        ("40", "40.00"),
        (2, "2.00"),
        (1.5, "1.50"),
        (Decimal("1.1"), "1.00"),
        ("0", "0.00"),
    ],
)
def test_hours_are_read_and_kept_in_quarter_hours(typed, hours):
    assert numbers.parse_hours(typed) == Decimal(hours)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("0.1", "quarter"),
        ("0:07", "quarter"),
        ("-1", "negative"),
        ("-0:30", "negative"),
        ("1:75", "invalid"),
        ("1:", "invalid"),
        ("1:5:0", "invalid"),
        ("1.000,5", "invalid"),
        ("1,5.5", "invalid"),
        ("abc", "invalid"),
        ("", "invalid"),
        (None, "invalid"),
        ("NaN", "invalid"),
        ("inf", "invalid"),
        ("1e30", "invalid"),
        ("1e30:30", "invalid"),
        ("9999999", "invalid"),
        (float("nan"), "invalid"),
    ],
)
def test_hours_that_are_no_quarter_hours_are_refused_with_a_reason(typed, code):
    assert _refusal(numbers.parse_hours, typed) == code


# Showing ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "value", "places", "shown"),
    [
        ("nl", Decimal("8500.5"), 2, "8.500,50"),
        ("en", Decimal("8500.5"), 2, "8,500.50"),
        ("nl", Decimal("50.0"), None, "50"),
        ("nl", Decimal("1.00"), None, "1"),
        ("nl", Decimal("12.50"), None, "12,5"),
        ("nl", Decimal("1234.25"), None, "1.234,25"),
        ("en", Decimal("1234.25"), None, "1,234.25"),
        ("nl", 3, None, "3"),
    ],
)
def test_numbers_are_shown_in_the_active_language(language, value, places, shown):
    with translation.override(language):
        assert numbers.format_decimal(value, places) == shown


def test_a_share_is_shown_with_a_decimal_comma():
    with translation.override("nl"):
        assert numbers.format_percent(Decimal("12.5")) == "12,5%"
        assert numbers.format_percent(None) == "—"


@pytest.mark.parametrize(
    ("counts", "places", "shares"),
    [
        ([1] * 8, 1, ["12.5"] * 8),
        ([1, 1, 1], 1, ["33.4", "33.3", "33.3"]),
        ([1, 1, 1], 0, ["34", "33", "33"]),
        ([2, 1], 0, ["67", "33"]),
        ([11, 6, 0], 1, ["64.7", "35.3", "0.0"]),
        ([1, 1, 1, 1, 1, 1, 1], 1, ["14.3", "14.3", "14.3", "14.3", "14.3", "14.3", "14.2"]),
    ],
)
def test_shares_add_up_to_100(counts, places, shares):
    assert numbers.shares(counts, places) == [Decimal(share) for share in shares]


def test_shares_of_nothing_are_none():
    assert numbers.shares([0, 0, 0]) == [None, None, None]


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=12))
def test_shares_always_add_up_and_stay_within_a_unit_of_the_exact_share(counts):
    shares = numbers.shares(counts, places=1)
    total = sum(counts)
    if not total:
        assert shares == [None] * len(counts)
        return
    assert sum(shares) == 100
    for count, share in zip(counts, shares, strict=True):
        assert abs(share - Decimal(count) * 100 / total) < Decimal("0.1")


# Whatever is shown can be typed back --------------------------------------------------------

AMOUNTS = st.decimals(
    min_value=0, max_value=Decimal("99999999.99"), places=2, allow_nan=False, allow_infinity=False
)


@pytest.mark.parametrize("language", ["nl", "en"])
@given(amount=AMOUNTS)
def test_an_amount_shown_in_either_language_reads_back_as_the_same_decimal(language, amount):
    with translation.override(language):
        shown = numbers.format_amount(amount)
    assert numbers.parse_amount(shown, max_digits=10) == amount


@given(amount=AMOUNTS, euro_sign=st.booleans(), whole=st.booleans())
def test_a_dutch_amount_with_a_euro_sign_or_a_dash_reads_back(amount, euro_sign, whole):
    with translation.override("nl"):
        shown = numbers.format_decimal(amount.to_integral_value() if whole else amount, 2)
    if whole:
        shown = shown.removesuffix(",00") + ",-"
    if euro_sign:
        shown = "€ " + shown
    expected = amount.to_integral_value() if whole else amount
    assert numbers.parse_amount(shown) == expected


@given(
    st.decimals(min_value=0, max_value=Decimal("999.9"), places=1, allow_nan=False),
    st.sampled_from(["nl", "en"]),
)
def test_a_plain_number_shown_reads_back(number, language):
    with translation.override(language):
        shown = numbers.format_decimal(number)
    assert numbers.parse_decimal(shown, decimal_places=1, max_digits=4) == number


@given(st.integers(min_value=0, max_value=4 * 168), st.sampled_from(["nl", "en"]))
def test_hours_shown_read_back_as_the_same_quarter_hours(quarters, language):
    hours = Decimal(quarters) / 4
    with translation.override(language):
        shown = numbers.format_decimal(hours, grouping=False)
    assert numbers.parse_hours(shown) == hours
