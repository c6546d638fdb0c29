import datetime

import django.core.validators
import django.utils.timezone
from django.db import migrations, models
from django.db.models import Min, OuterRef, Subquery


def from_first_snapshot(apps, schema_editor):
    """A complex already here took part at least since its first occupancy snapshot."""
    Complex = apps.get_model("complexes", "Complex")
    OccupancySnapshot = apps.get_model("complexes", "OccupancySnapshot")
    first = (
        OccupancySnapshot.objects.filter(complex=OuterRef("pk"))
        .values("complex")
        .annotate(first=Min("date"))
        .values("first")
    )
    for pk, day in Complex.objects.annotate(first=Subquery(first)).values_list("pk", "first"):
        if day is not None:
            Complex.objects.filter(pk=pk, joined_on__gt=day).update(joined_on=day)


class Migration(migrations.Migration):
    dependencies = [
        ("complexes", "0004_key_holders_by_role"),
    ]

    operations = [
        migrations.AddField(
            model_name="complex",
            name="joined_on",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                help_text="The welfare norm and the budget count this complex from the week of this date on.",
                validators=[
                    django.core.validators.MinValueValidator(datetime.date(1900, 1, 1)),
                    django.core.validators.MaxValueValidator(datetime.date(2100, 12, 31)),
                ],
                verbose_name="taking part since",
            ),
        ),
        migrations.RunPython(from_first_snapshot, migrations.RunPython.noop),
    ]
