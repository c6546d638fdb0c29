from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserChangeForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from leefbaarheid import roles


class LoginForm(AuthenticationForm):
    """The sign-in form, laid out by crispy with labels and errors tied to their fields."""

    # Django's own Dutch catalogue leaves this message untranslated; ours carries it.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Enter a correct %(username)s and password. Both fields are case-sensitive."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Sign in"), css_class="w-100"))


class UserAdminChangeForm(UserChangeForm):
    """The admin's user form, refusing a role without the reach it needs."""

    def clean(self):
        cleaned = super().clean()
        if "groups" in self.fields:
            names = {group.name for group in cleaned.get("groups") or []}
        else:
            # Read-only here (one's own account): the roles held now still decide the reach.
            names = set(self.instance.groups.values_list("name", flat=True))
        held = names & set(roles.ROLES)
        if len(held) > 1:
            # Permissions add up across roles but reach does too: staff who are also an official
            # would write in every corporation's complexes. One person, one role.
            self.add_error(
                "groups",
                _("Give one role only: permissions and reach of two roles would add up."),
            )
        if roles.CORPORATION_STAFF in names and not cleaned.get("corporation"):
            self.add_error(
                "corporation",
                _("Choose the corporation this staff member works for: it decides what they see."),
            )
        if cleaned.get("assigned_complexes") and roles.WELFARE_PROFESSIONAL not in names:
            self.add_error(
                "assigned_complexes",
                _("Only welfare professionals get complexes; give the role or clear these."),
            )
        return cleaned


def date_input() -> forms.DateInput:
    """The browser's date picker, with the ISO value it expects."""
    return forms.DateInput({"type": "date"}, format="%Y-%m-%d")


def add_service_errors(form, error: ValidationError, *, whole_record_field: str | None = None):
    """Show a service's ``ValidationError`` on the fields it names; an error on the whole record
    (or on a field the form lacks) goes to ``whole_record_field`` or the top of the form."""
    errors = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error}
    for field, messages in errors.items():
        if field not in form.fields:
            field = whole_record_field if whole_record_field in form.fields else None
        form.add_error(field, messages)
