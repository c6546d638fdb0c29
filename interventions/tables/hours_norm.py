"""The table of hours against the norm (django-tables2 over the rows of
``selectors.hours_norm_rows``, sorted in Python: there are at most a few hundred)."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from interventions.selectors import HOURS_WINDOWS
from leefbaarheid import numbers

TABLE_ATTRS = {"class": "table table-sm table-hover align-middle", "id": "hours-norm-table"}
NUMBER = {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}}
# The first column's heading per grouping.
LABELS = {
    "complex": _("Complex"),
    "professional": _("Professional"),
    "corporation": _("Corporation"),
    "district": _("District"),
}


def hours(value) -> str:
    return numbers.format_decimal(value, 2)


def norm_badge(met: bool, has_norm: bool) -> str:
    """Green at or above the norm, red below it, grey where no funded week of a senior complex
    sets a norm; the word says it too, so colour is never the only sign."""
    if not has_norm:
        return format_html('<span class="badge text-bg-secondary">{}</span>', _("no norm"))
    if met:
        return format_html('<span class="badge text-bg-success">{}</span>', _("at norm"))
    return format_html('<span class="badge text-bg-danger">{}</span>', _("below norm"))


class HoursColumn(tables.Column):
    """Hours logged in a window against the norm of that window: "15,00 / 16,00"."""

    def __init__(self, weeks: int, **kwargs):
        self.weeks = weeks
        kwargs.setdefault("attrs", NUMBER)
        kwargs.setdefault("verbose_name", _("%(weeks)s weeks: hours / norm") % {"weeks": weeks})
        super().__init__(accessor=f"h{weeks}", **kwargs)

    def render(self, value, record):
        norm = record[f"norm{self.weeks}"]
        if not norm:
            return hours(value)
        return f"{hours(value)} / {hours(norm)}"


class AverageColumn(tables.Column):
    """Average hours per complex per funded week in a window, with the green/red badge (grey
    where no funded week of a senior complex falls in it)."""

    def __init__(self, weeks: int, **kwargs):
        self.weeks = weeks
        kwargs.setdefault("attrs", NUMBER)
        kwargs.setdefault(
            "verbose_name", _("%(weeks)s weeks: per complex per funded week") % {"weeks": weeks}
        )
        super().__init__(accessor=f"avg{weeks}", empty_values=(), **kwargs)

    def render(self, value, record):
        badge = norm_badge(record[f"met{self.weeks}"], bool(record[f"funded{self.weeks}"]))
        if value is None:
            return badge
        return format_html("{} {}", hours(value), badge)


class HoursNormTable(tables.Table):
    """One row per complex, professional, corporation or district; per window of 4, 13 and
    52 weeks the hours against the norm and the average per complex per week."""

    label = tables.Column(verbose_name=_("Complex"))
    corporation_name = tables.Column(verbose_name=_("Corporation"))
    district_name = tables.Column(verbose_name=_("District"))
    complexes = tables.Column(verbose_name=_("Senior complexes"), attrs=NUMBER)

    class Meta:
        attrs = TABLE_ATTRS
        order_by = ("label",)
        empty_text = _("No complexes to show.")

    def __init__(self, data, *, by: str, exclude=(), **kwargs):
        self.by = by
        extra = [("label", tables.Column(verbose_name=LABELS[by]))]
        for weeks in HOURS_WINDOWS:
            extra += [(f"h{weeks}", HoursColumn(weeks)), (f"avg{weeks}", AverageColumn(weeks))]
        if by != "complex":
            exclude = (*exclude, "corporation_name", "district_name")
        else:
            exclude = (*exclude, "complexes")
        super().__init__(data, extra_columns=extra, exclude=exclude, **kwargs)

    def render_label(self, value, record):
        if self.by == "complex":
            url = reverse("complexes:complex_detail", args=[record["key"]])
            return format_html('<a href="{}">{}</a>', url, value)
        return value
