"""Tables of the complexes app (django-tables2); sorting happens in the database."""

import django_tables2 as tables
from django.db.models import F
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from complexes.models import Complex, OccupancySnapshot, vacancy_percent

NUMBER = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


class ComplexTable(tables.Table):
    """The complex list; gallery counts come annotated from ``selectors.complex_list``."""

    name = tables.Column(linkify=True, verbose_name=_("Name"))
    address = tables.Column(verbose_name=_("Address"))
    district = tables.Column(verbose_name=_("District"), order_by=("district__name",))
    corporation = tables.Column(verbose_name=_("Corporation"), order_by=("corporation__name",))
    units = tables.Column(verbose_name=_("Units"), attrs=NUMBER)
    vacant_units = tables.Column(verbose_name=_("Vacant"), attrs=NUMBER)
    vacancy = tables.Column(
        verbose_name=_("Vacancy %"), accessor="vacancy_rate", empty_values=(), attrs=NUMBER
    )
    is_thuisplus = tables.BooleanColumn(verbose_name=_("Thuisplus"))
    gallery_count = tables.Column(verbose_name=_("Galleries"), attrs=NUMBER)
    galleries_without_contact = tables.Column(
        verbose_name=_("Galleries without contact person"), attrs=NUMBER
    )

    class Meta:
        model = Complex
        fields = ()
        sequence = (
            "name",
            "address",
            "district",
            "corporation",
            "units",
            "vacant_units",
            "vacancy",
            "is_thuisplus",
            "gallery_count",
            "galleries_without_contact",
        )
        attrs = {"class": "table table-sm table-hover align-middle"}
        per_page = 25
        empty_text = _("No complexes found.")

    def render_vacancy(self, record):
        return number_format(vacancy_percent(record.vacant_units, record.units), 1)

    def order_vacancy(self, queryset, is_descending):
        # Vacancy share without division: sort by vacant/units as a float expression.
        rate = F("vacant_units") * 1.0 / F("units")
        ordered = queryset.alias(rate=rate).order_by(
            rate.desc() if is_descending else rate.asc(), "name"
        )
        return ordered, True

    def render_galleries_without_contact(self, value):
        if not value:
            return "0"
        return format_html('<span class="badge text-bg-warning">{}</span>', value)


class OccupancyTable(tables.Table):
    """The occupancy history of one complex, newest first."""

    date = tables.DateColumn(verbose_name=_("Date"), format="d-m-Y")
    units = tables.Column(verbose_name=_("Units"), attrs=NUMBER)
    vacant_units = tables.Column(verbose_name=_("Vacant"), attrs=NUMBER)
    vacancy = tables.Column(
        verbose_name=_("Vacancy %"), empty_values=(), orderable=False, attrs=NUMBER
    )
    new_tenants = tables.Column(verbose_name=_("New tenants"), attrs=NUMBER)
    actions = tables.TemplateColumn(
        template_name="complexes/_occupancy_actions.html",
        verbose_name=_("Actions"),
        orderable=False,
        empty_values=(),
    )

    class Meta:
        model = OccupancySnapshot
        fields = ()
        sequence = ("date", "units", "vacant_units", "vacancy", "new_tenants", "actions")
        attrs = {"class": "table table-sm align-middle"}
        order_by = ("-date",)
        per_page = 25
        empty_text = _("No occupancy snapshots recorded yet.")

    def render_vacancy(self, record):
        return number_format(vacancy_percent(record.vacant_units, record.units), 1)
