import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from complexes.models import Complex


class ComplexTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    corporation = tables.Column(verbose_name=_("Corporation"))
    district = tables.Column(verbose_name=_("District"))
    units = tables.Column(verbose_name=_("Units"), attrs={"td": {"class": "text-end"}})
    vacant_units = tables.Column(verbose_name=_("Vacant"), attrs={"td": {"class": "text-end"}})
    is_thuisplus = tables.BooleanColumn(verbose_name=_("Thuisplus"))

    class Meta:
        model = Complex
        fields = ("name", "address", "corporation", "district", "units", "vacant_units")
        sequence = ("name", "address", "district", "corporation", "units", "vacant_units")
        attrs = {"class": "table table-sm table-hover align-middle"}
        per_page = 25
