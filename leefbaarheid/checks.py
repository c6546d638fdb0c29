"""System checks of the project's own settings, run by every management command and at start."""

import logging

from django.conf import settings
from django.core.checks import Warning, register

DUMMY_MAIL = "django.core.mail.backends.dummy.EmailBackend"

logger = logging.getLogger("leefbaarheid")


def mail_missing_message() -> str:
    return (
        "No mail server (EMAIL_HOST is empty): e-mails such as password resets are not sent, "
        "nor written anywhere."
    )


@register()
def mail_server_check(app_configs, **kwargs):
    """A server without EMAIL_HOST drops its mails; say so where the operator looks."""
    if settings.DEBUG or settings.EMAIL_BACKEND != DUMMY_MAIL:
        return []
    return [
        Warning(
            mail_missing_message(),
            hint="Set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD) to send "
            "password-reset mails; see README.md.",
            id="leefbaarheid.W001",
        )
    ]


def warn_when_mail_is_missing() -> None:
    """gunicorn and Celery run no system checks: the warning goes to their log at start too."""
    if not settings.DEBUG and settings.EMAIL_BACKEND == DUMMY_MAIL:
        logger.warning("%s Set EMAIL_HOST to send them.", mail_missing_message())
