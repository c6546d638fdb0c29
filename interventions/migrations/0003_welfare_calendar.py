"""The welfare calendar: which weeks of a year are funded, and the hours per funded week."""

from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Min, OuterRef, Subquery


def joined_by_first_hours(apps, schema_editor):
    """A complex took part at least since the first week hours were logged for it."""
    Complex = apps.get_model("complexes", "Complex")
    HoursEntry = apps.get_model("interventions", "HoursEntry")
    first = (
        HoursEntry.objects.filter(complex=OuterRef("pk"))
        .values("complex")
        .annotate(first=Min("week_start"))
        .values("first")
    )
    for pk, day in Complex.objects.annotate(first=Subquery(first)).values_list("pk", "first"):
        if day is not None:
            Complex.objects.filter(pk=pk, joined_on__gt=day).update(joined_on=day)


class Migration(migrations.Migration):
    dependencies = [
        ("interventions", "0002_hours"),
        ("complexes", "0005_complex_joined_on"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="WelfareCalendar",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "year",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(1900),
                            django.core.validators.MaxValueValidator(2100),
                        ],
                        verbose_name="year",
                    ),
                ),
                (
                    "organisation",
                    models.CharField(
                        blank=True,
                        help_text="Empty for the municipality's calendar, which applies to every complex.",
                        max_length=120,
                        verbose_name="welfare organisation",
                    ),
                ),
                (
                    "hours_per_week",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="The norm per complex. Set on the municipality's calendar only.",
                        max_digits=4,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(Decimal("0.25")),
                            django.core.validators.MaxValueValidator(Decimal("40")),
                        ],
                        verbose_name="hours per funded week",
                    ),
                ),
                (
                    "unfunded_weeks",
                    models.JSONField(blank=True, default=list, verbose_name="unfunded weeks"),
                ),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="changed by",
                    ),
                ),
            ],
            options={
                "verbose_name": "welfare calendar",
                "verbose_name_plural": "welfare calendars",
                "ordering": ["-year", "organisation"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("year", "organisation"),
                        name="welfare_calendar_one_per_year_and_organisation",
                        violation_error_message="This year already has a calendar for them.",
                    )
                ],
            },
        ),
        migrations.RunPython(joined_by_first_hours, migrations.RunPython.noop),
    ]
