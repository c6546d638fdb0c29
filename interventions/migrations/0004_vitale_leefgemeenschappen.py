"""The scheme the evaluation is about, in every database: Vitale Leefgemeenschappen, small grants
of EUR 5,000 to 10,000 for social interventions in complexes for older people. The start date is
not in the source; 1 January 2019 stands in until the functional admin sets the real one."""

import datetime
from decimal import Decimal

from django.db import migrations

NAME = "Vitale Leefgemeenschappen"


def create(apps, schema_editor):
    apps.get_model("interventions", "SubsidyScheme").objects.get_or_create(
        name=NAME,
        defaults={
            "funder": "Gemeente Rotterdam",
            "purpose": (
                "Subsidieregeling voor (sociale) interventies in (ouderen)wooncomplexen, door de "
                "gemeente verleend aan corporaties en uitgevoerd door sociale ondernemers: kleine "
                "subsidies van 5 tot 10 duizend euro om de leefbaarheid en de samenhang in de "
                "complexen te vergroten."
            ),
            "min_amount": Decimal("5000.00"),
            "max_amount": Decimal("10000.00"),
            "start": datetime.date(2019, 1, 1),
            "report_within_weeks": 12,
            "active": True,
        },
    )


def remove(apps, schema_editor):
    scheme = apps.get_model("interventions", "SubsidyScheme").objects.filter(name=NAME)
    scheme.filter(grants__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("interventions", "0003_welfare_calendar")]

    operations = [migrations.RunPython(create, remove)]
