"""The evaluation's reference budget and the default indicator settings, in every database."""

from decimal import Decimal

from django.db import migrations

REFERENCE = "Evaluatie 2022"


def create(apps, schema_editor):
    scenario = apps.get_model("evaluations", "BudgetScenario")
    scenario.objects.get_or_create(
        name=REFERENCE,
        defaults={
            "scope": "fixed",
            "complex_count": 266,
            "hours_per_week": Decimal(4),
            "hourly_rate": Decimal(75),
            "weeks_per_year": 42,
            "note": (
                "De norm uit de evaluatie van Vitale Leefgemeenschappen (10 maart 2022): "
                "266 complexen × 4 uur × EUR 75 × 42 weken."
            ),
        },
    )
    apps.get_model("evaluations", "IndicatorSettings").objects.get_or_create(pk=1)


def remove(apps, schema_editor):
    apps.get_model("evaluations", "BudgetScenario").objects.filter(name=REFERENCE).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
