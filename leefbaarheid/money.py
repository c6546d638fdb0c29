"""Money as people read it: "€ 7.500,00" in Dutch, "€ 7,500.00" in English. Amounts are
``Decimal`` everywhere; this is only how they are shown."""

from decimal import Decimal

from django.utils.formats import number_format


def euro(amount: Decimal | int | None) -> str:
    """An amount in euros with two decimals and thousands grouped, in the active language."""
    if amount is None:
        return "–"
    return "€ " + number_format(Decimal(amount), 2, use_l10n=True, force_grouping=True)
