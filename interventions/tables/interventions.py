"""The intervention list (django-tables2); sorting happens in the database."""

from collections.abc import Callable

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from interventions.choices import SuccessFactor, Verdict
from interventions.models import Intervention

TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}
NUMBER = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}
# Whether the effect lasted, short for a list: (badge label, colour).
VERDICT_BADGES = {
    Verdict.HELD: (_("Held"), "text-bg-success"),
    Verdict.FADED: (_("Faded"), "text-bg-danger"),
    Verdict.NO_EFFECT: (_("No effect"), "text-bg-warning"),
    Verdict.TOO_EARLY: (_("Too early"), "text-bg-light"),
    Verdict.NO_DATA: (_("No data"), "text-bg-light"),
}


class InterventionTable(tables.Table):
    """Interventions with their complex, provider, period, grant and how many of the
    evaluation's success factors are present. The queryset joins complex, provider and the
    grant's scheme in (``selectors.intervention_list`` plus ``grant__scheme``)."""

    title = tables.Column(linkify=True, verbose_name=_("Title"))
    complex = tables.Column(verbose_name=_("Complex"), order_by=("complex__name",))
    provider = tables.Column(verbose_name=_("Provider"), order_by=("provider__name",))
    status = tables.Column(verbose_name=_("Status"))
    period = tables.Column(
        verbose_name=_("Period"), accessor="start", order_by=("start", "end"), empty_values=()
    )
    grant = tables.Column(verbose_name=_("Grant"), order_by=("grant__scheme__name", "grant__start"))
    success = tables.Column(
        verbose_name=_("Success factors"),
        accessor="success_factors",
        orderable=False,
        empty_values=(),
        attrs=NUMBER,
    )
    lasting = tables.Column(
        verbose_name=_("Lasted?"), accessor="pk", orderable=False, empty_values=()
    )

    class Meta:
        model = Intervention
        fields = ()
        sequence = (
            "title",
            "complex",
            "provider",
            "status",
            "period",
            "grant",
            "success",
            "lasting",
        )
        attrs = TABLE_ATTRS
        per_page = 25
        empty_text = _("No interventions found.")

    def __init__(self, *args, effects: Callable | None = None, **kwargs):
        """``effects(interventions)`` gives whether each effect lasted, by id
        (``evaluations.selectors.intervention_effects``); without it (a user who may not see
        the cohesion index) the column is left out."""
        self.effects_of = effects
        self.effects: dict | None = None
        if effects is None:
            kwargs["exclude"] = (*kwargs.get("exclude", ()), "lasting")
        super().__init__(*args, **kwargs)

    def render_lasting(self, record):
        if self.effects is None:
            # Asked once, for the rows of the shown page: one query, not one per row.
            self.effects = self.effects_of([row.record for row in self.paginated_rows])
        effect = self.effects.get(record.pk)
        if effect is None:
            return "—"
        label, colour = VERDICT_BADGES[effect.verdict]
        return format_html(
            '<span class="badge {}" title="{}" data-verdict="{}">{}</span>',
            colour,
            effect.verdict.label,
            effect.verdict.value,
            label,
        )

    def render_period(self, record):
        end = record.end.strftime("%d-%m-%Y") if record.end else "…"
        return f"{record.start:%d-%m-%Y} – {end}"

    def render_grant(self, value):
        return value.scheme.name

    def render_success(self, value):
        return f"{len(value or ())}/{len(SuccessFactor.choices)}"
