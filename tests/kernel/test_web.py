"""The kernel's small web kit (leefbaarheid/web.py): what every app's screens share."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from complexes.models import Complex
from leefbaarheid import web


def test_an_htmx_request_is_told_by_its_header():
    factory = RequestFactory()
    assert web.is_htmx(factory.get("/", headers={"HX-Request": "true"}))
    assert not web.is_htmx(factory.get("/"))


def test_only_a_post_gives_data_to_bind_a_form_to():
    factory = RequestFactory()
    assert web.posted(factory.post("/", {"name": "x"}))["name"] == "x"
    assert web.posted(factory.get("/", {"name": "x"})) is None


def test_a_missing_permission_is_refused(corporation_staff, functional_admin):
    with pytest.raises(PermissionDenied):
        web.require_perm(corporation_staff, "complexes.delete_corporation")
    web.require_perm(functional_admin, "complexes.delete_corporation")


def test_the_complex_choice_accepts_only_the_complexes_offered(own_complex, foreign_complex):
    offered = Complex.objects.filter(pk=own_complex.pk)
    assert web.ComplexChoiceForm({"complex": own_complex.pk}, complexes=offered).is_valid()
    refused = web.ComplexChoiceForm({"complex": foreign_complex.pk}, complexes=offered)
    assert not refused.is_valid()
    assert "complex" in refused.errors
