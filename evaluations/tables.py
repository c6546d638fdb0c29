"""Tables of the evaluations app."""

import django_tables2 as tables
from django.db import models
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast, NullIf
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from evaluations.choices import Component, LonelinessLevel, Status
from evaluations.models import IndicatorSnapshot, SurveyRound
from evaluations.selectors import loneliness_level, mean_score, snapshot_index_vs_city
from leefbaarheid.money import euro

# Indicators -------------------------------------------------------------------------------------

INDICATOR_NUMBER = {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}}
# Colour and word together: the colour is never the only sign.
STATUS_BADGE_CLASS = {
    Status.RED: "text-bg-danger",
    Status.AMBER: "text-bg-warning",
    Status.GREEN: "text-bg-success",
    Status.NO_DATA: "text-bg-secondary",
}
STATUS_RANK = {
    Status.RED: 0,
    Status.AMBER: 1,
    Status.GREEN: 2,
    Status.NO_DATA: 3,
}


def status_badge(status: str) -> str:
    label = dict(Status.choices).get(status, status)
    return format_html(
        '<span class="badge {}" data-status="{}">{}</span>',
        STATUS_BADGE_CLASS.get(status, "text-bg-secondary"),
        status,
        label,
    )


def _no_data() -> str:
    return format_html(
        '<span class="text-body-secondary" title="{}">—<span class="visually-hidden"> {}</span>'
        "</span>",
        _("No data"),
        _("no data"),
    )


def component_value_expression(component: str):
    """A component's value (0–1) in the stored JSON as a number, SQL NULL for "no data".

    PostgreSQL's ``->>`` gives SQL NULL for a JSON null, SQLite gives the text 'null' (which
    casts to 0): the NULLIF makes "no data" NULL on both, so it sorts last on both."""
    value = KeyTextTransform("value", KeyTransform(component, "components"))
    return Cast(NullIf(value, models.Value("null")), models.FloatField())


class ComponentColumn(tables.Column):
    """One component's value on the 0–100 scale; "no data" shown as a dash, never as 0."""

    def __init__(self, component: str, **kwargs):
        self.component = component
        kwargs.setdefault("attrs", INDICATOR_NUMBER)
        super().__init__(
            accessor=f"components__{component}__value",
            empty_values=(),
            **kwargs,
        )

    def render(self, value):
        if value is None:
            return _no_data()
        return number_format(round(float(value) * 100), 0)

    def order(self, queryset, is_descending):
        value = component_value_expression(self.component)
        ordered = value.desc(nulls_last=True) if is_descending else value.asc(nulls_last=True)
        return queryset.order_by(ordered, "complex__name"), True


class IndicatorTable(tables.Table):
    """One complex per row for one week: index, status and every component's value (the
    queryset joins complex, corporation and district in: ``selectors.indicator_list``)."""

    complex = tables.Column(verbose_name=_("Complex"), order_by=("complex__name",))
    corporation = tables.Column(
        verbose_name=_("Corporation"),
        accessor="complex__corporation__name",
        order_by=("complex__corporation__name", "complex__name"),
    )
    district = tables.Column(
        verbose_name=_("District"),
        accessor="complex__district__name",
        order_by=("complex__district__name", "complex__name"),
    )
    index = tables.Column(verbose_name=_("Index"), attrs=INDICATOR_NUMBER, empty_values=())
    # Against the mean of all senior complexes that week (100 = the city average): the
    # queryset carries ``city_mean`` (``selectors.with_city_mean``), so no query per row.
    index_vs_city = tables.Column(
        verbose_name=_("Index vs city"),
        accessor="pk",
        attrs=INDICATOR_NUMBER,
        empty_values=(),
        orderable=False,
    )
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = IndicatorSnapshot
        fields = ()
        attrs = {"class": "table table-sm table-hover align-middle", "id": "indicator-table"}
        order_by = ("complex",)
        per_page = 25
        empty_text = _("No complexes with a cohesion index for this week.")

    def __init__(self, data, *, exclude=(), **kwargs):
        extra = [
            (f"c_{name}", ComponentColumn(name, verbose_name=label))
            for name, label in Component.choices
        ]
        super().__init__(data, extra_columns=extra, exclude=exclude, **kwargs)

    def render_complex(self, record):
        url = reverse("evaluations:complex_indicator", args=[record.complex_id])
        # A page of its own, not a swap of the results the list's sort links (htmx) make.
        return format_html('<a href="{}" hx-boost="false">{}</a>', url, record.complex.name)

    def render_index(self, value):
        if value is None:
            return _no_data()
        return number_format(value, 1)

    def render_index_vs_city(self, record):
        value = snapshot_index_vs_city(record)
        return _no_data() if value is None else number_format(value, 0)

    def render_status(self, record):
        # ``value`` would be the display text of the choice; the badge needs the code.
        return status_badge(record.status)

    def order_index(self, queryset, is_descending):
        index = models.F("index")
        index = index.desc(nulls_last=True) if is_descending else index.asc(nulls_last=True)
        return queryset.order_by(index, "complex__name"), True

    def order_status(self, queryset, is_descending):
        rank = models.Case(
            *(
                models.When(status=status, then=models.Value(rank))
                for status, rank in STATUS_RANK.items()
            ),
            output_field=models.IntegerField(),
        )
        queryset = queryset.alias(status_rank=rank)
        first = "-status_rank" if is_descending else "status_rank"
        return queryset.order_by(first, "index", "complex__name"), True


# Surveys ----------------------------------------------------------------------------------------

SURVEY_NUMBER = {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}}


class SurveyRoundTable(tables.Table):
    """Survey rounds with their counts; the mean score and its level only for a round with at
    least ``minimum`` valid responses (``response_count``, ``valid_count`` and ``mean_score``
    are annotated by the view's queryset)."""

    name = tables.Column(linkify=True, verbose_name=_("Round"))
    complex = tables.Column(verbose_name=_("Complex"), order_by=("complex__name",))
    district = tables.Column(
        verbose_name=_("District"),
        accessor="complex__district__name",
        order_by=("complex__district__name",),
    )
    corporation = tables.Column(
        verbose_name=_("Corporation"),
        accessor="complex__corporation__name",
        order_by=("complex__corporation__name",),
    )
    held_on = tables.DateColumn(verbose_name=_("Held on"), format="d-m-Y")
    response_count = tables.Column(verbose_name=_("Responses"), attrs=SURVEY_NUMBER)
    valid_count = tables.Column(verbose_name=_("Valid responses"), attrs=SURVEY_NUMBER)
    mean_score = tables.Column(
        verbose_name=_("Mean score (0–6)"), attrs=SURVEY_NUMBER, empty_values=()
    )
    level = tables.Column(
        verbose_name=_("Level of the mean"),
        accessor="mean_score",
        orderable=False,
        empty_values=(),
    )

    class Meta:
        model = SurveyRound
        fields = ()
        sequence = (
            "name",
            "complex",
            "district",
            "corporation",
            "held_on",
            "response_count",
            "valid_count",
            "mean_score",
            "level",
        )
        attrs = {"class": "table table-sm table-hover align-middle"}
        per_page = 25
        empty_text = _("No survey rounds found.")

    def __init__(self, *args, minimum: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.minimum = minimum

    def _shown(self, record) -> bool:
        return record.valid_count >= self.minimum and record.mean_score is not None

    def render_mean_score(self, record):
        if not self._shown(record):
            return format_html(
                '<span class="text-muted small">{}</span>',
                _("fewer than %(minimum)s responses") % {"minimum": self.minimum},
            )
        return number_format(mean_score(record.mean_score), decimal_pos=2)

    def render_level(self, record):
        if not self._shown(record):
            return ""
        return LonelinessLevel(loneliness_level(mean_score(record.mean_score))).label


# Budget -----------------------------------------------------------------------------------------

BUDGET_NUMBER = {
    "td": {"class": "text-end text-nowrap"},
    "th": {"class": "text-end"},
    "tf": {"class": "text-end text-nowrap fw-semibold"},
}
BUDGET_LABELS = {
    "complex": _("Complex"),
    "corporation": _("Corporation"),
    "district": _("District"),
}


class BudgetFigureColumn(tables.Column):
    """A figure of the breakdown, right-aligned, with the total's figure in the footer."""

    def __init__(self, **kwargs):
        kwargs.setdefault("attrs", BUDGET_NUMBER)
        super().__init__(**kwargs)

    def render(self, value):
        return str(value)

    def render_footer(self, bound_column, table):
        return self.render(table.total[bound_column.name])


class ComplexCountColumn(BudgetFigureColumn):
    """The complexes of a row; in the footer the scenario's own count, with the complexes in
    the database beside it when a fixed number is spread over them."""

    def render_footer(self, bound_column, table):
        count, compared = table.total["complexes"], table.total.get("compared", 0)
        if compared == count:
            return str(count)
        return _("%(count)s (spread over %(compared)s in the database)") % {
            "count": count,
            "compared": compared,
        }


class HoursFigureColumn(BudgetFigureColumn):
    def render(self, value):
        return number_format(value, 2, force_grouping=True)


class MoneyColumn(BudgetFigureColumn):
    def render(self, value):
        return euro(value)


class GapColumn(MoneyColumn):
    """Actual − norm to date: below zero fewer hours were bought than the norm (shown with its
    minus sign and in red, so colour is never the only sign)."""

    def render(self, value):
        if value < 0:
            return format_html('<span class="text-danger">{}</span>', euro(value))
        return euro(value)


class BudgetTable(tables.Table):
    """A scenario's figures per district, corporation or complex (the rows of
    ``selectors.scenario_figures``, sorted in Python), with their total in the footer."""

    corporation_name = tables.Column(verbose_name=_("Corporation"))
    district_name = tables.Column(verbose_name=_("District"))
    complexes = ComplexCountColumn(verbose_name=_("Senior complexes"))
    hours = HoursFigureColumn(verbose_name=_("Hours logged"))
    budget = MoneyColumn(verbose_name=_("Budget (year)"))
    norm = MoneyColumn(verbose_name=_("Norm to date"))
    actual = MoneyColumn(verbose_name=_("Actual to date"))
    gap = GapColumn(verbose_name=_("Gap"))

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle", "id": "budget-table"}
        sequence = ("label", "...")
        order_by = ("label",)
        empty_text = _("No senior complexes to show.")

    def __init__(self, data, *, by: str, total: dict, **kwargs):
        self.by = by
        self.total = total
        label = tables.Column(verbose_name=BUDGET_LABELS[by], footer=_("Total"))
        exclude = ("complexes",) if by == "complex" else ("corporation_name", "district_name")
        super().__init__(data, extra_columns=[("label", label)], exclude=exclude, **kwargs)

    def render_label(self, value, record):
        if self.by == "complex":
            url = reverse("complexes:complex_detail", args=[record["key"]])
            return format_html('<a href="{}">{}</a>', url, value)
        return value
