from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles_after_migrate(sender, **kwargs) -> None:
    from leefbaarheid.roles import sync_roles

    sync_roles(strict=True)


class LeefbaarheidConfig(AppConfig):
    name = "leefbaarheid"
    verbose_name = _("Users and roles")

    def ready(self) -> None:
        from django.urls import register_converter

        from leefbaarheid.params import IdConverter

        # ``<id:pk>`` in every app's routes: an id the database cannot hold is a 404.
        register_converter(IdConverter, "id")

        from leefbaarheid import checks

        checks.warn_when_mail_is_missing()
        # Runs once per migrate (sender = this app), after every app's permissions exist.
        post_migrate.connect(_sync_roles_after_migrate, sender=self, dispatch_uid="sync-roles")
