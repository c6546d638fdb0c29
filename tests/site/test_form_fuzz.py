"""Whatever a user types in any field of any form, the answer is the form again with errors or a
saved record, never an error page: random text (control characters too), far dates and huge
numbers, posted to every create screen (found by walking the URL patterns) and given to every
form class of the apps (found by walking their subclasses)."""

import datetime
import importlib
import inspect
from decimal import Decimal

import pytest
from django import forms
from django.db import transaction
from django.urls import get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interventions.calendar import YearCalendar, default_unfunded_weeks
from interventions.models import SubsidyScheme
from leefbaarheid import roles
from leefbaarheid.models import User
from tests.factories import GrantFactory

pytestmark = pytest.mark.django_db

APPS = ("complexes", "residents", "interventions", "evaluations")
FORM_MODULES = (
    "complexes.forms",
    "residents.forms",
    "interventions.forms.grants",
    "interventions.forms.hours",
    "interventions.forms.interventions",
    "evaluations.forms",
    "leefbaarheid.web",
)
FUZZ = settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text with what people paste by accident: control characters, NUL, lone surrogates are left out
# (a browser cannot send them in a form), emoji and accents kept.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300
) | st.sampled_from(["", " ", "\x00", "Kievitstaete\x1b", "=1+1", "9999-12-31", "-1"])
NUMBER = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=True, allow_infinity=True, places=None).map(str),
    st.sampled_from(["1,5", "8.500,50", "1e308", "NaN", "1:30", ""]),
    TEXT,
)
DATE = st.one_of(
    st.dates().map(datetime.date.isoformat),
    st.sampled_from(["9999-12-31", "0001-01-01", "2100-12-31", "1900-01-01", "31-12-2026"]),
    TEXT,
)
DATETIME = st.one_of(
    st.datetimes().map(lambda moment: moment.isoformat(timespec="minutes")),
    st.sampled_from(["9999-12-31T23:30", "0001-01-01T00:00", "2026-03-29T02:30"]),
    TEXT,
)


def _choice_values(field) -> list[str]:
    values = []
    for value, label in field.choices:
        if isinstance(label, list | tuple):  # a group of choices
            values += [str(inner) for inner, _label in label]
        elif value not in ("", None):
            values.append(str(getattr(value, "value", value)))
    return values


def strategy_for(field: forms.Field):
    """Values a browser could send for ``field``: mostly sensible for its kind, often not."""
    if isinstance(field, forms.FileField):
        return st.just(None)
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", ""])
    if isinstance(field, forms.DateTimeField):
        return DATETIME
    if isinstance(field, forms.DateField):
        return DATE
    if isinstance(field, forms.DecimalField | forms.IntegerField | forms.FloatField):
        return NUMBER
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        values = _choice_values(field) or ["1"]
        return st.lists(st.sampled_from(values) | NUMBER, max_size=3)
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        values = _choice_values(field)
        return (st.sampled_from(values) if values else st.nothing()) | NUMBER
    return TEXT


def form_data(form: forms.BaseForm):
    """A strategy of POST data for every field of ``form`` (file fields left out)."""
    return st.fixed_dictionaries(
        {
            form.add_prefix(name): strategy_for(field)
            for name, field in form.fields.items()
            if not isinstance(field, forms.FileField)
        }
    ).map(lambda data: {key: value for key, value in data.items() if value is not None})


# Every create screen ---------------------------------------------------------------------------


def create_screens() -> list[str]:
    """The names of the apps' screens that create a record and take no argument in their path."""
    names = []
    for namespace, (_prefix, sub) in get_resolver().namespace_dict.items():
        if namespace not in APPS:
            continue
        for pattern in sub.url_patterns:
            name = getattr(pattern, "name", None) or ""
            if name.endswith(("_create", "_apply")) and not pattern.pattern.converters:
                names.append(f"{namespace}:{name}")
    return sorted(names)


SCREENS = create_screens()


def test_the_walk_finds_the_create_screens():
    assert {"complexes:complex_create", "interventions:intervention_create"} <= set(SCREENS)
    assert len(SCREENS) >= 10


@pytest.mark.parametrize("screen", SCREENS)
def test_random_input_on_a_create_screen_never_breaks_it(
    client, functional_admin, own_complex, screen
):
    client.force_login(functional_admin)
    address = f"{reverse(screen)}?complex={own_complex.pk}"
    page = client.get(address)
    assert page.status_code == 200, page.status_code
    form = page.context["form"]

    @FUZZ
    @given(data=form_data(form))
    def post(data):
        with transaction.atomic():
            # Followed: a saved record's page (and the list) must show it, too.
            response = client.post(address, data, follow=True)
            assert response.status_code == 200, (response.status_code, data)
            transaction.set_rollback(True)

    post()


# Far values, one field at a time ---------------------------------------------------------------

EDGES = {
    "date": ["9999-12-31", "0001-01-01"],
    "datetime": ["9999-12-31T12:00", "0001-01-01T12:00"],
    "number": ["1e308", "-99999999999999999999999"],
    "text": ["Kievitstaete\x1b", "nul\x00"],
    "choice": ["999999999999999999999"],
}


def _kind(field: forms.Field) -> str:
    if isinstance(field, forms.DateTimeField):
        return "datetime"
    if isinstance(field, forms.DateField):
        return "date"
    if isinstance(field, forms.DecimalField | forms.IntegerField | forms.FloatField):
        return "number"
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField):
        return "choice"
    return "text"


def sensible(form: forms.BaseForm) -> dict:
    """Plain values for every field (today, 1, the first choice, a word): often a valid form."""
    data, hour = {}, 10
    for name, field in form.fields.items():
        kind, key = _kind(field), form.add_prefix(name)
        if isinstance(field, forms.FileField | forms.BooleanField):
            continue
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            data[key] = []
        elif kind == "choice":
            values = _choice_values(field)
            data[key] = values[0] if values and field.required else ""
        elif kind == "datetime":
            data[key], hour = f"{datetime.date.today():%Y-%m-%d}T{hour:02d}:00", hour + 2
        elif kind == "date":
            data[key] = f"{datetime.date.today():%Y-%m-%d}"
        elif kind == "number":
            data[key] = "1"
        else:
            data[key] = "Tekst"
    return data


@pytest.mark.parametrize("screen", SCREENS)
def test_a_far_value_in_any_one_field_of_a_create_screen_never_breaks_a_page(
    client, functional_admin, own_complex, screen
):
    client.force_login(functional_admin)
    address = f"{reverse(screen)}?complex={own_complex.pk}"
    form = client.get(address).context["form"]
    baseline = sensible(form)
    for name, field in form.fields.items():
        for value in EDGES[_kind(field)]:
            data = {**baseline, form.add_prefix(name): value}
            with transaction.atomic():
                response = client.post(address, data, follow=True)
                assert response.status_code == 200, (name, value, response.status_code)
                transaction.set_rollback(True)


# Every form class -------------------------------------------------------------------------------


def form_classes() -> list[type[forms.BaseForm]]:
    for module in FORM_MODULES:
        importlib.import_module(module)
    found, todo = [], [forms.Form, forms.ModelForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__ in FORM_MODULES:
                found.append(sub)
    return sorted(set(found), key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def _needed(cls) -> set[str]:
    """The keyword-only arguments without default that the form's constructors ask for."""
    needed = set()
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        for parameter in inspect.signature(init).parameters.values():
            if parameter.kind is parameter.KEYWORD_ONLY and parameter.default is parameter.empty:
                needed.add(parameter.name)
    return needed


@pytest.fixture
def context(functional_admin, own_complex, own_gallery):
    from complexes.models import Complex

    return {
        "user": functional_admin,
        "complex": own_complex,
        "complexes": Complex.objects.all(),
        "gallery": own_gallery,
        "grant": GrantFactory(complex=own_complex),
        "schemes": SubsidyScheme.objects.all(),
        "professionals": User.objects.filter(groups__name=roles.WELFARE_PROFESSIONAL),
        "calendar": YearCalendar(
            2026, Decimal(4), frozenset(default_unfunded_weeks(2026)), is_default=True
        ),
        "contact_persons": [],
        "intervention": None,
    }


FORMS = form_classes()


def test_the_walk_finds_the_forms():
    assert len(FORMS) >= 20


@pytest.mark.parametrize("form_class", FORMS, ids=lambda cls: cls.__qualname__)
def test_random_input_in_a_form_gives_errors_or_a_valid_form(context, form_class):
    kwargs = {name: context[name] for name in _needed(form_class)}
    if any(value is None for name, value in kwargs.items() if name != "intervention"):
        pytest.skip(f"no {sorted(kwargs)} for {form_class.__qualname__} here")
    form = form_class(**kwargs)

    @FUZZ
    @given(data=form_data(form))
    def check(data):
        bound = form_class(data, **kwargs)
        if bound.is_valid() and isinstance(bound, forms.ModelForm):
            with transaction.atomic():
                bound.save()
                transaction.set_rollback(True)
        else:
            assert bound.is_bound

    check()
