"""The hours norm moves from the indicator settings into the welfare calendar, the one place every
figure reads it; a budget scenario may follow the calendar instead of stating its own norm."""

import datetime
from decimal import Decimal

import django.core.validators
from django.db import migrations, models


def _unfunded_by_default(year):
    # The default of interventions.calendar at the time of writing: summer weeks 28-35, week 1
    # and the last week(s) of the year, so 42 weeks are funded.
    last = datetime.date(year, 12, 28).isocalendar().week
    christmas = last - 42 - 8 - 1
    return [1, *range(28, 36), *range(last - christmas + 1, last + 1)]


def norm_to_calendar(apps, schema_editor):
    """A norm changed from the default 4 hours becomes this year's calendar norm."""
    settings_row = apps.get_model("evaluations", "IndicatorSettings").objects.filter(pk=1).first()
    if settings_row is None or settings_row.hours_norm == Decimal(4):
        return
    calendar = apps.get_model("interventions", "WelfareCalendar")
    year = datetime.date.today().isocalendar().year
    calendar.objects.update_or_create(
        year=year,
        organisation="",
        defaults={
            "hours_per_week": settings_row.hours_norm,
            "unfunded_weeks": _unfunded_by_default(year),
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0002_reference_scenario"),
        ("interventions", "0003_welfare_calendar"),
    ]

    operations = [
        migrations.RunPython(norm_to_calendar, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="indicatorsettings",
            name="hours_norm",
        ),
        migrations.AlterField(
            model_name="budgetscenario",
            name="hours_per_week",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Leave empty to follow the norm of the welfare calendar.",
                max_digits=5,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(Decimal("0.25")),
                    django.core.validators.MaxValueValidator(Decimal("168")),
                ],
                verbose_name="hours per week",
            ),
        ),
        migrations.AlterField(
            model_name="budgetscenario",
            name="weeks_per_year",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Leave empty for the funded weeks of the welfare calendar.",
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(53),
                ],
                verbose_name="weeks per year",
            ),
        ),
    ]
