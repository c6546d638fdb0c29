"""The small web kit every app's screens share: the htmx check, the permission check, the paged
list page, the posted data, and the first step of a new record (choosing its complex).

Part of the kernel: it knows no app; what a screen adds (its template, its extra context, the
complexes it offers) the app passes in.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tables2 import RequestConfig

PER_PAGE = 25


def is_htmx(request) -> bool:
    """Whether htmx asked, so the screen answers with just the part it swaps."""
    return request.headers.get("HX-Request") == "true"


def require_perm(user, permission: str) -> None:
    """A visible object but a missing permission: 403 (the object itself was already scoped)."""
    if not user.has_perm(permission):
        raise PermissionDenied


def posted(request):
    """The data a form binds to: the POST on a submit, ``None`` (an unbound form) otherwise."""
    return request.POST if request.method == "POST" else None


def list_page(request, *, filterset, table, template: str, partial: str, extra=None):
    """Render a filtered, sorted, paged list; an htmx request gets just the table (and what the
    partial sends out of band)."""
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    context = {"filter": filterset, "table": table, "oob": is_htmx(request), **(extra or {})}
    return render(request, partial if is_htmx(request) else template, context)


class ComplexChoiceForm(forms.Form):
    """The first step of a new record: the complex it belongs to, among ``complexes`` (the
    caller's scoped queryset, so a foreign complex is never offered nor accepted)."""

    complex = forms.ModelChoiceField(
        label=gettext_lazy("Complex"), queryset=None, empty_label=gettext_lazy("Choose…")
    )

    def __init__(self, *args, complexes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["complex"].queryset = complexes


def choose_complex(request, form, *, title: str, back_url: str, intro: str = "", carried=()):
    """The page that asks for the complex first (``?complex=<id>`` on the same URL); ``carried``
    are query parameters kept along (a day picked in the calendar)."""
    context = {
        "form": form,
        "title": title,
        "intro": intro or _("First choose the complex."),
        "back_url": back_url,
        "carried": carried,
    }
    return render(request, "choose_complex.html", context)
