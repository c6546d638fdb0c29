"""``{% load money %}`` then ``{{ grant.amount_awarded|euro }}``, ``{{ hours|hours }}``,
``{{ weight|number }}`` (as many decimals as it needs: 50, 1,5) or ``{{ share|percent }}``
(12,5%) — in the active language, thousands grouped."""

from django import template

from leefbaarheid import numbers
from leefbaarheid.money import euro as format_euro

register = template.Library()


@register.filter
def euro(amount):
    """Show an amount as "€ 7.500,00" (Dutch) or "€ 7,500.00" (English)."""
    return format_euro(amount)


@register.filter
def number(value, places=None):
    """A number in the active language: ``places`` decimals, or as many as it needs."""
    if value is None or value == "":
        return ""
    return numbers.format_decimal(value, None if places is None else int(places))


@register.filter
def hours(value):
    """Hours as people write them: 4, 1,5, 1.234,25."""
    return numbers.format_hours(value)


@register.filter
def percent(value, places=None):
    """A share in percent, "12,5%"; "—" when there is none."""
    return numbers.format_percent(value, None if places is None else int(places))
