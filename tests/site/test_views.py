"""The home page: its overview in a fixed number of queries."""

import pytest
from django.urls import reverse

from tests.factories import ComplexFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [3, 30])
def test_home_query_count_does_not_grow(
    client, corporation_staff, corporation, django_assert_max_num_queries, count
):
    ComplexFactory.create_batch(count, corporation=corporation)
    client.force_login(corporation_staff)
    # 10, plus one for the card of complexes red / amber / green (issue 6), plus the welfare
    # calendar the hours alert reads, plus one for the complexes where to act (issue 16).
    with django_assert_max_num_queries(13):
        response = client.get(reverse("home"))
    assert response.context["summary"]["complexes"] == count
