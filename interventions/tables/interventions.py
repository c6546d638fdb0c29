"""The intervention list (django-tables2); sorting happens in the database."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from interventions.choices import SuccessFactor
from interventions.models import Intervention

TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}
NUMBER = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


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

    class Meta:
        model = Intervention
        fields = ()
        sequence = ("title", "complex", "provider", "status", "period", "grant", "success")
        attrs = TABLE_ATTRS
        per_page = 25
        empty_text = _("No interventions found.")

    def render_period(self, record):
        end = record.end.strftime("%d-%m-%Y") if record.end else "…"
        return f"{record.start:%d-%m-%Y} – {end}"

    def render_grant(self, value):
        return value.scheme.name

    def render_success(self, value):
        return f"{len(value or ())}/{len(SuccessFactor.choices)}"
