from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leefbaarheid import roles
from leefbaarheid.bounds import validate_date_in_range
from leefbaarheid.text import validate_plain_text


class User(AbstractUser):
    """Someone who signs in. Their role is a group (see roles.py); their reach is their
    corporation (corporation staff) or the complexes assigned to them (welfare professional)."""

    # Django's own name and date fields, redeclared to carry the project's text validator.
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[validate_plain_text]
    )
    last_name = models.CharField(
        _("last name"), max_length=150, blank=True, validators=[validate_plain_text]
    )
    date_joined = models.DateTimeField(
        _("date joined"), default=timezone.now, validators=[validate_date_in_range]
    )
    corporation = models.ForeignKey(
        "complexes.Corporation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("corporation"),
        help_text=_("Required for corporation staff: they see this corporation's complexes."),
    )
    assigned_complexes = models.ManyToManyField(
        "complexes.Complex",
        blank=True,
        related_name="professionals",
        verbose_name=_("assigned complexes"),
        help_text=_("For welfare professionals: the complexes they work in."),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=120,
        blank=True,
        help_text=_("Welfare organisation or care provider, where not a corporation."),
        validators=[validate_plain_text],
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def save(self, *args, **kwargs):
        # Django's own save() notices a new password here too (``_password``); every path that
        # sets one passes: the password change and reset views, the admin, ``changepassword``,
        # the shell. An API token must not outlive the password it was got with, nor the account.
        password_changed = getattr(self, "_password", None) is not None
        super().save(*args, **kwargs)
        if password_changed or not self.is_active:
            tokens_revoke(self)

    @property
    def role_names(self) -> frozenset[str]:
        return roles.user_roles(self)

    @property
    def role_label(self) -> str:
        primary = roles.primary_role(self)
        return str(roles.ROLE_LABELS[primary]) if primary else ""


def tokens_revoke(user) -> None:
    """Delete the user's API tokens: the next API call with one is a 401."""
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user_id=user.pk).delete()


class WorkerHeartbeat(models.Model):
    """The last time each Celery worker ran the heartbeat task; shows beat and workers are alive."""

    hostname = models.CharField(
        _("worker"), max_length=200, unique=True, validators=[validate_plain_text]
    )
    seen_at = models.DateTimeField(_("last seen"), validators=[validate_date_in_range])
    beats = models.PositiveBigIntegerField(_("heartbeats"), default=0)

    class Meta:
        ordering = ["hostname"]
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.hostname


class AuditEntry(models.Model):
    """Who changed what and when, written by the services. Holds ids and labels, never the
    personal data itself, so it may outlive an erased resident."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    action = models.CharField(_("action"), max_length=40, validators=[validate_plain_text])
    model = models.CharField(_("kind of record"), max_length=60, validators=[validate_plain_text])
    object_id = models.CharField(_("record"), max_length=40, validators=[validate_plain_text])
    complex_id = models.PositiveIntegerField(_("complex"), null=True, blank=True, db_index=True)
    fields = models.JSONField(_("changed fields"), default=list, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.model} {self.object_id}"
