"""``{% load money %}`` then ``{{ grant.amount_awarded|euro }}``."""

from django import template

from leefbaarheid.money import euro as format_euro

register = template.Library()


@register.filter
def euro(amount):
    """Show an amount as "€ 7.500,00" (Dutch) or "€ 7,500.00" (English)."""
    return format_euro(amount)
