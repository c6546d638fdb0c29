"""What every app's API shares: scoped related fields, and viewsets whose writes go through the
services with the services' ``ValidationError`` answered as DRF's 400 ``{field: [messages]}``."""

from abc import ABCMeta, abstractmethod

from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, views, viewsets
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.validators import UniqueValidator

from leefbaarheid import params
from leefbaarheid.bounds import validate_date_in_range
from leefbaarheid.text import validate_plain_text
from leefbaarheid.unique import unique_violation


def drf_validation_error(exc: DjangoValidationError) -> serializers.ValidationError:
    """The DRF form of a Django ``ValidationError``: field names kept, ``__all__`` renamed to
    ``non_field_errors`` and a message without a field put there too."""
    if hasattr(exc, "error_dict"):
        detail = {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
            for field, messages in exc.message_dict.items()
        }
    else:
        detail = {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
    return serializers.ValidationError(detail)


class PlainTextField(serializers.CharField):
    """Text without control characters (``leefbaarheid.text``): the API field of every text
    input that is not a model serializer's own field (those carry the model's validator)."""

    default_validators = [validate_plain_text]


class BoundedDateField(serializers.DateField):
    """A date within ``leefbaarheid.bounds`` (1900–2100), for date inputs that are not a model
    serializer's own field."""

    default_validators = [validate_date_in_range]


class VisibleRelatedField(serializers.PrimaryKeyRelatedField):
    """A related object by id, chosen only from what the caller may see (``visible_to``).

    An id outside the caller's reach is refused exactly like one that does not exist, so the
    answer never tells whether another corporation's object is there.
    """

    def __init__(self, model=None, *, reach=None, **kwargs):
        self.model = model
        # ``reach(user)`` narrows the choice further, e.g. to the complexes records are kept in.
        self.reach = reach
        if not kwargs.get("read_only"):
            # The model for the schema; the rows always come from get_queryset().
            kwargs["queryset"] = model.objects.none()
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return self.model.objects.none()
        if self.reach is not None:
            return self.reach(request.user)
        return self.model.objects.visible_to(request.user)


class ComplexFixedMixin:
    """A record stays in the complex it was created in: ``complex`` is chosen once, on create."""

    def validate_complex(self, value):
        if self.instance is not None and value.pk != self.instance.complex_id:
            raise serializers.ValidationError(
                _("A record cannot be moved to another complex; create it there instead.")
            )
        return value


def exception_handler(exc, context):
    """DRF's, and in JSON what Django would otherwise answer with a page (its technical page
    with DEBUG on): a body too large (413) and a query parameter ``params.Refused`` (400)."""
    if isinstance(exc, RequestDataTooBig | TooManyFieldsSent):
        return Response({"detail": params.too_large_message()}, status=413)
    if isinstance(exc, params.Refused):
        return Response({exc.field: [str(exc.message)]}, status=400)
    return views.exception_handler(exc, context)


class ServiceErrorsMixin:
    """Answer a service's ``django.core.exceptions.ValidationError`` with a DRF 400, and so a
    unique constraint the database refused (a write that raced another with the same name and
    got past the service some other way than ``save_validated``): never a 500."""

    def handle_exception(self, exc):
        if isinstance(exc, IntegrityError):
            exc = unique_violation(exc) or exc
        if isinstance(exc, DjangoValidationError):
            exc = drf_validation_error(exc)
        return super().handle_exception(exc)


class ServiceModelViewSet(ServiceErrorsMixin, viewsets.ModelViewSet, metaclass=ABCMeta):
    """A model viewset whose writes call the app's services instead of ``serializer.save()``.

    Subclasses implement ``create_object(data)``, ``update_object(instance, data)`` and
    ``delete_object(instance)``; the rows come from a selector in ``get_queryset()``, so a
    foreign id is a 404 for reads and writes alike. After a write the object is read again
    through the same selector, so the answer has the same shape as a GET.
    """

    @abstractmethod
    def create_object(self, data: dict):
        """Create through the app's service; return the new object."""

    @abstractmethod
    def update_object(self, instance, data: dict):
        """Change through the app's service; return the object."""

    @abstractmethod
    def delete_object(self, instance) -> None:
        """Delete (or erase) through the app's service."""

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if not isinstance(serializer, serializers.ListSerializer):
            # A unique name is the service's check (``full_clean()``, and the database's
            # constraint when two saves race): DRF's own check would answer first, in other
            # words than the form and than the second of two racing saves.
            for field in serializer.fields.values():
                field.validators = [
                    validator
                    for validator in field.validators
                    if not isinstance(validator, UniqueValidator)
                ]
        return serializer

    def _reread(self, obj):
        return self.get_queryset().get(pk=obj.pk)

    # The re-read is inside the transaction: a write the caller could not read back (outside
    # their reach) is undone, never left behind.
    def perform_create(self, serializer):
        with transaction.atomic():
            obj = self.create_object(dict(serializer.validated_data))
            serializer.instance = self._reread(obj)

    def perform_update(self, serializer):
        with transaction.atomic():
            obj = self.update_object(serializer.instance, dict(serializer.validated_data))
            serializer.instance = self._reread(obj)

    def perform_destroy(self, instance):
        with transaction.atomic():
            self.delete_object(instance)
