"""Numbers as Dutch users type and read them: amounts ("€ 8.500,50"), hours ("1,5", "1:30")
and plain decimals (weights, thresholds). Parsing and showing live here, once; the form fields
in ``leefbaarheid.fields``, the hours service and the API's lenient hours input call them.

Reading an amount or a number (``parse_decimal``), whatever the interface language:

- Spaces around the text are ignored; an amount may carry "€" or "EUR" in front or behind and
  end in ",-" or ".-" for whole euros ("€12.000,-").
- Digits are ASCII digits. No exponents, "NaN" or "Infinity": a number is written out.
- Thousands may be grouped by a dot, a comma or a space (also a non-breaking one); after the
  first group (1–3 digits) every group has exactly three digits ("1.234.567", "12 000").
- Where a dot and a comma both occur, the one that comes last is the decimal separator and
  occurs once; the other groups thousands: "8.500,50" (Dutch) and "8,500.50" (English) are
  both 8500.50.
- A single comma is a decimal comma ("8500,50", "1,5"). A single dot followed by exactly three
  digits groups thousands ("12.000" is twelve thousand), otherwise it is a decimal point
  ("8500.50", "1.5"), as the API writes it. Two or more dots (or commas) only group thousands
  ("1.000.000"); "1.2.3" and "12,345,67" are refused.
- A comma followed by exactly three digits and nothing else ("12,345") could be twelve thousand
  (English) or twelve and a bit (Dutch): refused as ambiguous, with how to write either.
- More decimals than the field keeps are refused rather than rounded (an amount is exact), and
  so are more digits than it holds.

Hours (``parse_hours``) are never grouped: a dot and a comma are both a decimal separator
("1,5", "1.5", "0,125"), and "1:30" or ":45" is hours and minutes (minutes below 60). They are
kept in quarter hours: a value between two quarters goes to the nearest (half-way up); a value
that would round to nothing, a negative one or no number at all is refused.
"""

import re
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

# A field never needs more; longer input is refused before it is looked at.
MAX_LENGTH = 40
SPACES = " \u00a0\u202f\u2009"  # space, no-break space, narrow no-break space, thin space
MINUS = "-\u2212"  # hyphen-minus and the minus sign
CURRENCY = re.compile(r"^(?:€|eur(?![a-z]))\s*|(?<![a-z])\s*(?:€|eur)$", re.IGNORECASE)
WHOLE_EUROS = re.compile(r"[.,][-\u2013\u2014]$")  # "12.000,-", with a dash or two
DIGITS = re.compile(r"[0-9]+")
FIRST_GROUP = re.compile(r"[0-9]{1,3}")
GROUP = re.compile(r"[0-9]{3}")
QUARTER = Decimal("0.25")
CENT = Decimal("0.01")
HOURS_LIMIT = Decimal(1000000)
MAX_DIGITS = 20

MONEY, HOURS, NUMBER = "money", "hours", "number"

# What to type instead, per kind of number and reason. The messages say how to write the number
# in the user's language; the form shows them on the field that was typed in.
MESSAGES = {
    MONEY: {
        "invalid": _("Type the amount as 8,500.50 (or 8500.50)."),
        "ambiguous": _(
            "A comma followed by three digits can be read two ways: type 12,000.00 or 12000 "
            "for twelve thousand, 12.35 for an amount with cents."
        ),
        "places": _("An amount has at most %(places)s decimals: type it as 8,500.50."),
        "too_large": _("Type an amount of at most %(max)s."),
        "negative": _("An amount cannot be negative."),
    },
    NUMBER: {
        "invalid": _("Type a number, for example 12.5."),
        "ambiguous": _(
            "A comma followed by three digits can be read two ways: type 12000 for twelve thousand."
        ),
        "places": _("Type at most %(places)s decimals."),
        "too_large": _("Type a number of at most %(max)s."),
        "negative": _("The number cannot be negative."),
    },
    HOURS: {
        "invalid": _("Enter the hours as a number, e.g. 1.5 or 1:30."),
        "negative": _("Hours cannot be negative."),
        "quarter": _("Log at least a quarter of an hour (0.25)."),
    },
}


class NumberRefused(ValueError):
    """Typed text that is not a number the field takes. ``code`` says why (a key of
    ``MESSAGES``), ``params`` fill in its message; ``message(kind)`` is what to tell the user."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, kind: str) -> str:
        messages = MESSAGES[kind]
        return str(messages.get(self.code, messages["invalid"])) % self.params


# Reading ----------------------------------------------------------------------------------------


def _plain(value) -> str | Decimal:
    """The text to read, or the Decimal already given (an int or Decimal from code or JSON)."""
    if isinstance(value, bool):
        raise NumberRefused("invalid")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NumberRefused("invalid")
        return value
    if isinstance(value, float):
        value = repr(value)  # a JSON number as written: 0.1 is "0.1", NaN and 1e+20 refused
    text = "" if value is None else str(value)
    if len(text) > MAX_LENGTH:
        raise NumberRefused("invalid")
    return text.strip(SPACES + "\t")


def _sign(text: str) -> tuple[str, str]:
    if text[:1] and text[0] in MINUS:
        return "-", text[1:].lstrip(SPACES)
    return "", text


def _grouped(whole: str, separator: str) -> str:
    """The digits of an integer part grouped by ``separator`` (one kind only), checked."""
    groups = whole.split(separator)
    if not FIRST_GROUP.fullmatch(groups[0]) or not all(GROUP.fullmatch(g) for g in groups[1:]):
        raise NumberRefused("invalid")
    return "".join(groups)


def _integer_part(whole: str, separator: str | None) -> str:
    """``whole`` without its grouping: by ``separator`` (a dot or comma), or by spaces."""
    spaced = any(space in whole for space in SPACES)
    if spaced and separator:
        raise NumberRefused("invalid")  # "1 000.000,5": two kinds of grouping
    if spaced:
        return _grouped(re.sub(f"[{SPACES}]", " ", whole), " ")
    if separator:
        return _grouped(whole, separator)
    if whole and not DIGITS.fullmatch(whole):
        raise NumberRefused("invalid")
    return whole


def _split(body: str) -> tuple[str, str | None, str | None]:
    """(integer part, fraction or None, the thousands separator or None) of ``body``."""
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        decimal = "." if body.rfind(".") > body.rfind(",") else ","
        group = "," if decimal == "." else "."
        if body.count(decimal) > 1 or body.find(group) > body.find(decimal):
            raise NumberRefused("invalid")
        whole, _sep, fraction = body.partition(decimal)
        return whole, fraction, group
    separator = "." if dots else "," if commas else None
    if separator is None:
        return body, None, None
    if body.count(separator) > 1:
        return body, None, separator
    whole, _sep, fraction = body.partition(separator)
    if separator == "," and GROUP.fullmatch(fraction) and _is_first_group(whole):
        raise NumberRefused("ambiguous")
    if separator == "." and GROUP.fullmatch(fraction) and _is_first_group(whole):
        return body, None, separator
    return whole, fraction, None


def _is_first_group(whole: str) -> bool:
    """Whether ``whole`` can open a grouped number: 1–3 digits, not a lone 0 ("0.125")."""
    return bool(FIRST_GROUP.fullmatch(whole)) and not whole.startswith("0")


def read_decimal(value, *, money: bool = False) -> Decimal:
    """The exact Decimal of ``value`` by the module's rules for amounts (``money``: also "€"
    and ",-") and plain numbers; raises ``NumberRefused``."""
    text = _plain(value)
    if isinstance(text, Decimal):
        return text
    sign, body = _sign(text)
    if money:
        body = CURRENCY.sub("", body)
        sign, body = (sign, body) if sign else _sign(body)  # "€ -5" as well as "-€ 5"
        body = WHOLE_EUROS.sub("", body)
    whole, fraction, separator = _split(body)
    digits = _integer_part(whole, separator)
    if fraction is not None and not DIGITS.fullmatch(fraction):
        raise NumberRefused("invalid")
    if not digits and not fraction:
        raise NumberRefused("invalid")
    return Decimal(f"{sign}{digits or '0'}.{fraction or '0'}")


def parse_decimal(
    value, *, decimal_places: int, max_digits: int | None = None, money: bool = False
) -> Decimal:
    """``value`` as typed → a Decimal with ``decimal_places`` decimals, refused
    (``NumberRefused``) when it is no number, ambiguous, has more decimals than that or more
    than ``max_digits`` digits in all."""
    number = read_decimal(value, money=money)
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > decimal_places:
        raise NumberRefused("places", places=decimal_places)
    unit = Decimal(1).scaleb(-decimal_places)
    # Without a field's own limit, stay well inside what a Decimal holds exactly.
    limit = Decimal(10) ** ((max_digits or MAX_DIGITS) - decimal_places) - unit
    if abs(number) > limit:
        raise NumberRefused("too_large", max=format_decimal(limit, decimal_places))
    return number.quantize(unit)


def parse_amount(value, *, max_digits: int | None = 12) -> Decimal:
    """An amount in euros as typed → a Decimal with two decimals (``parse_decimal``)."""
    return parse_decimal(value, decimal_places=2, max_digits=max_digits, money=True)


def read_hours(value) -> Decimal:
    """Hours as typed (``1,5``, ``1.5``, ``1:30``) → their exact Decimal, not yet rounded."""
    text = _plain(value)
    if isinstance(text, Decimal):
        return text
    sign, body = _sign(text)
    if ":" in body:
        whole, _colon, minutes = body.partition(":")
        if (whole and not DIGITS.fullmatch(whole)) or not re.fullmatch(r"[0-9]{1,2}", minutes):
            raise NumberRefused("invalid")
        if int(minutes) >= 60:
            raise NumberRefused("invalid")
        number = Decimal(whole or "0") + Decimal(minutes) / 60
        return -number if sign else number
    match = re.fullmatch(r"([0-9]*)(?:[.,]([0-9]+))?", body)
    if match is None or not (match[1] or match[2]):
        raise NumberRefused("invalid")
    return Decimal(f"{sign}{match[1] or '0'}.{match[2] or '0'}")


def parse_hours(value) -> Decimal:
    """Hours as typed → a Decimal in quarter hours with two decimals (the module's rules);
    raises ``NumberRefused`` (``invalid``, ``negative`` or ``quarter``)."""
    number = read_hours(value)
    if abs(number) >= HOURS_LIMIT:  # quantize fails on huge values; nobody works that long
        raise NumberRefused("invalid")
    if number < 0:
        raise NumberRefused("negative")
    rounded = (number / QUARTER).quantize(Decimal(1), rounding=ROUND_HALF_UP) * QUARTER
    if number > 0 and rounded == 0:
        raise NumberRefused("quarter")
    return rounded.quantize(CENT)


# Showing ----------------------------------------------------------------------------------------


def format_decimal(value, places: int | None = None, *, grouping: bool = True) -> str:
    """A number in the active language, thousands grouped: ``places`` decimals, or as many as
    it needs (``None``: 50, 1, 12,5, 1,25). "1.234,5" in Dutch, "1,234.5" in English."""
    if value is None:
        return ""
    try:
        number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        return str(value)
    if places is None:
        places = _places_needed(number)
    return number_format(number, places, use_l10n=True, force_grouping=grouping)


def _places_needed(number: Decimal) -> int:
    if not number.is_finite():
        return 0
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def format_amount(value) -> str:
    """An amount with two decimals and grouped thousands, without the euro sign: 8.500,50."""
    return format_decimal(value, 2)


def format_hours(value) -> str:
    """Hours as people write them: 4, 1,5, 1,25; thousands grouped (1.234,5)."""
    return format_decimal(value)


def format_percent(value, places: int | None = None) -> str:
    """A share in percent: 12,5% (``places`` decimals, or as many as it needs)."""
    if value is None:
        return "—"
    return f"{format_decimal(value, places)}%"


def shares(counts, places: int = 1) -> list[Decimal | None]:
    """Each of ``counts`` as a percentage of their sum with ``places`` decimals, rounded so the
    shares add up to exactly 100 (largest remainder: the smallest units go to the counts that
    lost most in rounding, ties to the first). None for each when the sum is 0."""
    counts = [Decimal(count) for count in counts]
    total = sum(counts, Decimal(0))
    if not total:
        return [None for _count in counts]
    unit = Decimal(1).scaleb(-places)
    exact = [count * 100 / total for count in counts]
    floors = [(share / unit).to_integral_value(rounding=ROUND_FLOOR) for share in exact]
    missing = int(Decimal(100) / unit - sum(floors))
    order = sorted(range(len(counts)), key=lambda i: (-(exact[i] / unit - floors[i]), i))
    for index in order[:missing]:
        floors[index] += 1
    return [(floor * unit).quantize(unit) for floor in floors]
