"""The columns of a complex import: the headers accepted, what each means, and how a cell is read.

A cell parser takes the raw cell (text, number or bool) and returns the value for the model, or
raises ValueError; the planner turns that into the message of ``PARSE_MESSAGES`` for its kind.
"""

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy

# Canonical column -> the headers accepted for it (Dutch first). Headers are compared in lower
# case with spaces and dashes read as underscores.
COLUMNS: dict[str, tuple[str, ...]] = {
    "complex": ("complex", "naam", "complexnaam", "name", "complex_name"),
    "address": ("adres", "address"),
    "postcode": ("postcode", "postal_code", "zip_code"),
    "district": ("gebied", "district", "wijk"),
    "units": ("woningen", "units", "aantal_woningen"),
    "vacant_units": ("leegstand", "vacant_units", "leeg"),
    "is_senior": ("seniorencomplex", "is_senior", "senior"),
    "is_thuisplus": ("thuisplus", "is_thuisplus"),
    "year_built": ("bouwjaar", "year_built"),
    "latitude": ("breedtegraad", "latitude", "lat"),
    "longitude": ("lengtegraad", "longitude", "lon", "lng"),
    "gallery": ("galerij", "gallery", "galerijnaam", "gallery_name"),
    "floor": ("verdieping", "floor"),
    "homes": ("woningen_galerij", "galerij_woningen", "gallery_homes", "homes"),
}
REQUIRED_COLUMNS = ("complex", "address", "postcode", "district", "units")
COMPLEX_FIELDS = (
    "address",
    "postcode",
    "district",
    "units",
    "vacant_units",
    "is_senior",
    "is_thuisplus",
    "year_built",
    "latitude",
    "longitude",
)
# A new complex cannot do without these; an existing one keeps its value when a cell is empty.
REQUIRED_FOR_NEW_COMPLEX = ("address", "postcode", "district", "units")
GALLERY_FIELDS = ("floor", "homes")
# Model field -> canonical column, for errors that ``full_clean`` reports by field.
COMPLEX_FIELD_COLUMNS = {"name": "complex", **{name: name for name in COMPLEX_FIELDS}}
GALLERY_FIELD_COLUMNS = {"name": "gallery", "floor": "floor", "homes": "homes"}

TRUE_WORDS = frozenset({"ja", "j", "yes", "y", "1", "true", "waar", "x"})
FALSE_WORDS = frozenset({"nee", "n", "no", "0", "false", "onwaar"})
POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$")
INTEGER_RE = re.compile(r"^[+-]?\d+(?:[.,]0+)?$")
SIX_PLACES = Decimal("0.000001")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _integer(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        return int(value)
    text = str(value).strip()
    if not INTEGER_RE.match(text):
        raise ValueError
    return int(re.split(r"[.,]", text)[0])


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError
    # repr() of a float is its shortest exact text, so 51.9225 stays 51.9225.
    text = repr(value) if isinstance(value, float) else str(value).strip().replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError from exc
    if not number.is_finite():
        raise ValueError
    return number.quantize(SIX_PLACES)


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError


def _postcode(value: Any) -> str:
    text = cell_text(value)
    match = POSTCODE_RE.match(text)
    # A well-formed postcode is stored one way ("3011 AB"); anything else goes to full_clean
    # as written, so its error names what the user typed.
    return f"{match[1]} {match[2].upper()}" if match else text


PARSE_MESSAGES = {
    "integer": gettext_lazy("Enter a whole number."),
    "decimal": gettext_lazy("Enter a number, for example 51,9225."),
    "boolean": gettext_lazy("Enter ja or nee (yes/no, 1/0)."),
}
PARSERS = {
    "address": ("text", cell_text),
    "postcode": ("text", _postcode),
    "units": ("integer", _integer),
    "vacant_units": ("integer", _integer),
    "is_senior": ("boolean", _boolean),
    "is_thuisplus": ("boolean", _boolean),
    "year_built": ("integer", _integer),
    "latitude": ("decimal", _decimal),
    "longitude": ("decimal", _decimal),
    "floor": ("integer", _integer),
    "homes": ("integer", _integer),
}


COLUMN_HELP = {
    "complex": gettext_lazy("Name of the complex; rows with the same name are one complex."),
    "address": gettext_lazy("Street and house number."),
    "postcode": gettext_lazy("Dutch postcode, for example 3011 AB."),
    "district": gettext_lazy("District name or code."),
    "units": gettext_lazy("Number of homes in the complex."),
    "vacant_units": gettext_lazy("Vacant homes, at most the number of homes."),
    "is_senior": gettext_lazy("Senior complex: ja or nee."),
    "is_thuisplus": gettext_lazy("Thuisplus complex: ja or nee."),
    "year_built": gettext_lazy("Year built."),
    "latitude": gettext_lazy("Latitude, for example 51,9225."),
    "longitude": gettext_lazy("Longitude, for example 4,4792."),
    "gallery": gettext_lazy("Name of a gallery; empty on a row about the complex only."),
    "floor": gettext_lazy("Floor of the gallery (-2 to 40)."),
    "homes": gettext_lazy("Homes on the gallery."),
}


def column_help() -> list[dict[str, Any]]:
    """The accepted columns for the upload page: header, alternatives, required, meaning."""
    return [
        {
            "header": aliases[0],
            "alternatives": aliases[1:],
            "required": key in REQUIRED_COLUMNS,
            "help": COLUMN_HELP[key],
        }
        for key, aliases in COLUMNS.items()
    ]
