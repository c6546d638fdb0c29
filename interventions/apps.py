from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterventionsConfig(AppConfig):
    name = "interventions"
    verbose_name = _("Interventions")

    def ready(self) -> None:
        from interventions import sections

        sections.register()
