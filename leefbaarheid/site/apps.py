from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """An app of its own so that the demo's ``seed_demo`` command is found; it has no models."""

    name = "leefbaarheid.site"
    label = "leefbaarheid_site"
    verbose_name = _("Leefbaarheid")
