"""The search box in the header: one term across complexes, grants, providers, interventions and
residents, each group scoped like its own list (``visible_to``) and shown only to a user with the
right to read that list.

On PostgreSQL with ``pg_trgm`` (migration 0001 of this app) a hit contains the term or is
trigram-similar to it, ranked by similarity; elsewhere a hit contains the term (case-insensitive).
Either way a plain substring finds the same rows. One query per group, whatever the city's size.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Greatest
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from complexes.models import Complex
from interventions.models import Grant, Intervention, Provider
from residents.models import Resident

MAX_LENGTH = 100
MIN_LENGTH = 2
PER_GROUP = 10
# pg_trgm's own default for its % operator.
SIMILARITY = 0.3


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search term"),
        max_length=MAX_LENGTH,
        required=False,
        error_messages={
            # Django's own message only counts characters; this one names the field.
            "max_length": _(
                "“Search term” can be at most %(limit_value)d characters (it has %(show_value)d)."
            )
        },
    )


@dataclass(frozen=True)
class Hit:
    label: str
    url: str
    detail: str


@dataclass(frozen=True)
class Group:
    """One kind of hit: who may read it, where to look, how to show it and where "more" goes."""

    key: str
    label: str | Promise
    permission: str
    fields: tuple[str, ...]
    queryset: Callable[[Any], QuerySet]
    hit: Callable[[Any], Hit]
    list_url: str
    # The list's own search parameter, if the list can be filtered by the term.
    list_param: str | None


def _resident_hit(resident) -> Hit:
    url = reverse("residents:resident_detail", args=[resident.pk])
    return Hit(resident.name, url, resident.complex.name)


GROUPS = (
    Group(
        "complexes",
        _("Complexes"),
        "complexes.view_complex",
        ("name", "address"),
        lambda user: Complex.objects.visible_to(user).select_related("district"),
        lambda c: Hit(c.name, c.get_absolute_url(), f"{c.address} · {c.district.name}"),
        "complexes:complex_list",
        "q",
    ),
    Group(
        "grants",
        _("Grants"),
        "interventions.view_grant",
        ("title", "reference"),
        lambda user: Grant.objects.visible_to(user).select_related("complex", "scheme"),
        lambda g: Hit(g.title, g.get_absolute_url(), f"{g.complex.name} · {g.scheme.name}"),
        "interventions:grant_list",
        None,
    ),
    Group(
        "providers",
        _("Providers"),
        "interventions.view_provider",
        ("name",),
        lambda user: Provider.objects.visible_to(user),
        lambda p: Hit(p.name, p.get_absolute_url(), str(p.get_kind_display())),
        "interventions:provider_list",
        "q",
    ),
    Group(
        "interventions",
        _("Interventions"),
        "interventions.view_intervention",
        ("title",),
        lambda user: Intervention.objects.visible_to(user).select_related("complex"),
        lambda i: Hit(i.title, i.get_absolute_url(), i.complex.name),
        "interventions:intervention_list",
        "q",
    ),
    Group(
        "residents",
        _("Residents"),
        "residents.view_resident",
        ("name",),
        lambda user: Resident.objects.visible_to(user).select_related("complex"),
        _resident_hit,
        "residents:resident_list",
        "q",
    ),
)


@functools.cache
def _trigram_available(alias: str, name: str) -> bool:
    """Whether this PostgreSQL database has ``pg_trgm``: asked once per database and process."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def uses_trigram() -> bool:
    if connection.vendor != "postgresql":
        return False
    return _trigram_available(connection.alias, str(connection.settings_dict["NAME"]))


def matching(queryset: QuerySet, fields: tuple[str, ...], term: str) -> QuerySet:
    """The rows of ``queryset`` whose ``fields`` contain ``term``, or on PostgreSQL with pg_trgm
    are trigram-similar to it, best first."""
    contains = Q()
    for field in fields:
        contains |= Q(**{f"{field}__icontains": term})
    if not uses_trigram():
        return queryset.filter(contains)
    scores = [TrigramSimilarity(field, term) for field in fields]
    similarity = scores[0] if len(scores) == 1 else Greatest(*scores)
    return (
        queryset.annotate(search_similarity=similarity)
        .filter(contains | Q(search_similarity__gte=SIMILARITY))
        .order_by(F("search_similarity").desc(), fields[0], "pk")
    )


def search(*, user, term: str) -> list[dict]:
    """The groups this user may read, each with at most ``PER_GROUP`` hits (one query each)."""
    results = []
    for group in GROUPS:
        if not user.has_perm(group.permission):
            continue
        rows = [
            group.hit(row)
            for row in matching(group.queryset(user), group.fields, term)[: PER_GROUP + 1]
        ]
        more_url = None
        if len(rows) > PER_GROUP and group.list_param:
            more_url = f"{reverse(group.list_url)}?{urlencode({group.list_param: term})}"
        results.append(
            {
                "key": group.key,
                "label": group.label,
                "hits": rows[:PER_GROUP],
                "more": len(rows) > PER_GROUP,
                "more_url": more_url,
            }
        )
    return results


def search_view(request):
    """``/search/?q=…``: the term trimmed, 2 to 100 characters; shorter gets a hint and no query,
    longer an error on the field."""
    form = SearchForm(request.GET)
    term = ""
    results = None
    if form.is_valid():
        term = form.cleaned_data["q"]
        if len(term) >= MIN_LENGTH:
            results = search(user=request.user, term=term)
    return render(
        request,
        "search.html",
        {
            "form": form,
            "term": term,
            "results": results,
            "min_length": MIN_LENGTH,
            "found": any(group["hits"] for group in results or []),
        },
    )
