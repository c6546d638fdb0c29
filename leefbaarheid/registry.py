"""Extension points the kernel and the lower apps offer, filled in by the apps above them in their
``AppConfig.ready()`` (as NetBox's registry does): the kernel never imports an app, and an app
never imports one above it. No ``post_save`` signals: every hook is called explicitly, where the
write or the page asks for it.
"""

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.http import HttpRequest

WriteHook = Callable[[models.Model], None]
SectionContext = Callable[[HttpRequest, Any], dict[str, Any] | None]

_write_hooks: list[WriteHook] = []


def register_write_hook(hook: WriteHook) -> WriteHook:
    """Call ``hook(instance)`` after every validated save and before every logged delete
    (``leefbaarheid.services.inputs_written``), inside the writer's transaction; once, however
    often ``ready()`` runs."""
    if hook not in _write_hooks:
        _write_hooks.append(hook)
    return hook


def write_hooks() -> tuple[WriteHook, ...]:
    """The registered write hooks, in the order the apps registered them."""
    return tuple(_write_hooks)


_providers: dict[str, Callable[..., Any]] = {}


def provide(name: str, function: Callable[..., Any]) -> None:
    """Offer ``function`` under ``name`` to the apps below the one registering it (the
    evaluations app provides ``intervention_effects`` to the interventions app)."""
    _providers[name] = function


def provided(name: str) -> Callable[..., Any]:
    """The function an app above provides under ``name``; a ``LookupError`` naming it when none
    did (that app is not installed)."""
    try:
        return _providers[name]
    except KeyError:
        raise LookupError(f"No app provides {name!r}.") from None


@dataclass(frozen=True)
class PageSection:
    """One part of a page an app contributes: rendered with ``template`` and the dict its
    ``context(request, obj)`` returns (``None``: nothing to show), in ``order`` among the page's
    sections, for users with ``permission`` (``None``: everyone who sees the page). A section
    left out puts its ``hidden`` values in the page's context instead, so the page reads the same
    keys whoever looks."""

    page: str
    name: str
    order: int
    template: str
    context: SectionContext
    permission: str | None = None
    hidden: Mapping[str, Any] = field(default_factory=dict)


_sections: dict[str, dict[str, PageSection]] = defaultdict(dict)


def register_section(
    page: str,
    name: str,
    *,
    order: int,
    template: str,
    context: SectionContext,
    permission: str | None = None,
    hidden: Mapping[str, Any] | None = None,
) -> PageSection:
    """Add (or, under the same name, replace) a section of ``page``."""
    section = PageSection(page, name, order, template, context, permission, dict(hidden or {}))
    _sections[page][name] = section
    return section


def page_sections(page: str) -> list[PageSection]:
    """The sections registered for ``page``, in their order."""
    return sorted(_sections[page].values(), key=lambda section: (section.order, section.name))


def sections_for(page: str, request: HttpRequest, obj: Any) -> tuple[list[str], dict[str, Any]]:
    """The templates of the sections of ``page`` this request shows for ``obj``, in their order,
    and the context they read: each shown section's own dict, each other one's ``hidden`` values
    (the sections' queries run here, in their order). The sections of a page share its context,
    so their keys must differ."""
    templates: list[str] = []
    context: dict[str, Any] = {}
    for section in page_sections(page):
        values = None
        if not section.permission or request.user.has_perm(section.permission):
            values = section.context(request, obj)
        if values is None:
            context.update(section.hidden)
        else:
            templates.append(section.template)
            context.update(values)
    return templates, context
