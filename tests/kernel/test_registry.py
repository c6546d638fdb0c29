"""The kernel's extension points: the apps above fill them in ``AppConfig.ready()``."""

from types import SimpleNamespace

from evaluations.services import indicator_input_written
from leefbaarheid import registry


def test_the_evaluations_app_hears_of_every_validated_write():
    assert indicator_input_written in registry.write_hooks()


def test_the_complex_page_shows_the_apps_sections_in_their_order():
    assert [section.name for section in registry.page_sections("complex")] == [
        "residents.groups_activities",
        "residents.calendar",
        "interventions.funding",
        "interventions.hours",
    ]
    assert [section.name for section in registry.page_sections("complex.top")] == [
        "evaluations.indicator"
    ]
    assert [section.name for section in registry.page_sections("complex.beside_room")] == [
        "residents.mix"
    ]


def test_the_interventions_app_gets_the_effects_from_the_evaluations_app():
    for name in ("intervention_effects", "intervention_effect", "indicator_settings"):
        assert callable(registry.provided(name))


def _request(*permissions):
    return SimpleNamespace(user=SimpleNamespace(has_perm=lambda name: name in permissions))


def test_a_page_shows_its_sections_in_order_and_the_hidden_values_of_those_left_out():
    page = "kernel-test"
    registry.register_section(
        page, "b", order=20, template="b.html", context=lambda request, obj: {"b": obj}
    )
    registry.register_section(
        page, "a", order=10, template="a.html", context=lambda request, obj: None, hidden={"a": 0}
    )
    registry.register_section(
        page,
        "c",
        order=30,
        template="c.html",
        context=lambda request, obj: {"c": obj},
        permission="app.view_c",
        hidden={"c": None},
    )

    assert registry.sections_for(page, _request(), 7) == (["b.html"], {"a": 0, "b": 7, "c": None})
    assert registry.sections_for(page, _request("app.view_c"), 7) == (
        ["b.html", "c.html"],
        {"a": 0, "b": 7, "c": 7},
    )
