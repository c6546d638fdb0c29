"""Tables of the reference data: subsidy schemes and providers."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from interventions.models import Provider, SubsidyScheme
from leefbaarheid.money import euro

TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}
NUMBER = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


class SchemeTable(tables.Table):
    """Schemes with their bounds and period, and the grants the user may see: how many and
    the total awarded (``grant_count`` and ``awarded_total`` annotated by the view)."""

    name = tables.Column(linkify=True, verbose_name=_("Name"))
    funder = tables.Column(verbose_name=_("Funder"))
    bounds = tables.Column(
        verbose_name=_("Grant between"),
        accessor="min_amount",
        order_by=("min_amount", "max_amount"),
        empty_values=(),
        attrs=NUMBER,
    )
    period = tables.Column(
        verbose_name=_("Period"), accessor="start", order_by=("start", "end"), empty_values=()
    )
    active = tables.BooleanColumn(verbose_name=_("Open for applications"))
    grant_count = tables.Column(verbose_name=_("Grants"), attrs=NUMBER)
    awarded_total = tables.Column(verbose_name=_("Total awarded"), attrs=NUMBER)

    class Meta:
        model = SubsidyScheme
        fields = ()
        sequence = (
            "name",
            "funder",
            "bounds",
            "period",
            "active",
            "grant_count",
            "awarded_total",
        )
        attrs = TABLE_ATTRS
        per_page = 25
        empty_text = _("No subsidy schemes found.")

    def render_bounds(self, record):
        return f"{euro(record.min_amount)} – {euro(record.max_amount)}"

    def render_period(self, record):
        end = record.end.strftime("%d-%m-%Y") if record.end else "…"
        return f"{record.start:%d-%m-%Y} – {end}"

    def render_awarded_total(self, value):
        return euro(value)


class ProviderTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    kind = tables.Column(verbose_name=_("Kind"))
    contact_name = tables.Column(verbose_name=_("Contact person"))
    email = tables.EmailColumn(verbose_name=_("E-mail address"))
    phone = tables.Column(verbose_name=_("Phone number"))

    class Meta:
        model = Provider
        fields = ()
        sequence = ("name", "kind", "contact_name", "email", "phone")
        attrs = TABLE_ATTRS
        per_page = 25
        empty_text = _("No providers found.")
