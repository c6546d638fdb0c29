"""The kernel's extension points: the apps above fill them in ``AppConfig.ready()``."""

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
