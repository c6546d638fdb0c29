from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self) -> None:
        from evaluations import sections, selectors
        from evaluations.services import indicator_input_written
        from evaluations.views import act
        from leefbaarheid import registry

        # Every validated write and logged delete: the cohesion index learns of changed inputs.
        registry.register_write_hook(indicator_input_written)
        sections.register()
        # Whether an intervention's effect lasted, for the interventions' pages and API.
        registry.provide("intervention_effects", selectors.intervention_effects)
        registry.provide("intervention_effect", selectors.intervention_effect)
        registry.provide("indicator_settings", selectors.indicator_settings)
        # The need of a complex (index, trend, weakest components) on the grant screens.
        registry.provide("complex_need", act.complex_need)
