"""The building map's database rules: scoping of galleries and occupancy, and the constraints
the database enforces itself."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from complexes.models import Gallery, OccupancySnapshot
from tests.factories import GalleryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role_fixture", "expected"),
    [
        ("corporation_staff", {"own"}),
        ("welfare_professional", {"own"}),
        ("official", {"own", "foreign"}),
        ("team_member", {"own", "foreign"}),
        ("functional_admin", {"own", "foreign"}),
        ("user_without_role", set()),
    ],
)
def test_galleries_and_occupancy_follow_the_complexes(
    request, role_fixture, expected, own_gallery, foreign_gallery
):
    user = request.getfixturevalue(role_fixture)
    snapshots = {
        "own": OccupancySnapshot.objects.create(
            complex=own_gallery.complex, date=datetime.date(2026, 1, 1), units=60
        ),
        "foreign": OccupancySnapshot.objects.create(
            complex=foreign_gallery.complex, date=datetime.date(2026, 1, 1), units=60
        ),
    }
    galleries = {"own": own_gallery, "foreign": foreign_gallery}
    for model, rows in ((Gallery, galleries), (OccupancySnapshot, snapshots)):
        visible = set(model.objects.visible_to(user).values_list("pk", flat=True))
        assert {key for key, row in rows.items() if row.pk in visible} == expected


# Constraints ------------------------------------------------------------------------------------


def test_database_refuses_more_vacant_than_units_in_history(own_complex):
    with pytest.raises(IntegrityError), transaction.atomic():
        OccupancySnapshot.objects.create(
            complex=own_complex, date=datetime.date(2026, 1, 1), units=10, vacant_units=11
        )


def test_database_refuses_two_galleries_with_one_name(own_gallery):
    with pytest.raises(IntegrityError), transaction.atomic():
        Gallery.objects.create(complex=own_gallery.complex, name=own_gallery.name)


def test_same_gallery_name_is_fine_in_another_complex(own_gallery, foreign_complex):
    assert GalleryFactory(complex=foreign_complex, name=own_gallery.name).pk
