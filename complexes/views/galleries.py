"""Gallery screens, reached from the complex page: add, edit, delete and set the contact person.

A gallery is fetched through ``selectors.gallery_get`` (foreign: 404); the model permission
decides what a role may do with a visible one (missing: 403).
"""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from complexes import selectors, services
from complexes.forms import ContactPersonForm, GalleryForm
from leefbaarheid.forms import add_service_errors
from leefbaarheid.web import require_perm


def _back(complex_) -> str:
    return f"{complex_.get_absolute_url()}#galleries"


def _form_page(request, form, *, title: str, complex_):
    return render(
        request,
        "complexes/form.html",
        {"form": form, "title": title, "cancel_url": _back(complex_), "complex": complex_},
    )


def gallery_create(request, pk: int):
    """A new gallery in complex ``pk``; a name the complex already has is a field error."""
    complex_ = selectors.complex_get(user=request.user, pk=pk)
    require_perm(request.user, "complexes.add_gallery")
    form = GalleryForm(request.POST or None, complex=complex_)
    if request.method == "POST" and form.is_valid():
        try:
            gallery = services.gallery_create(
                complex=complex_, user=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error, whole_record_field="name")
        else:
            messages.success(request, _("Gallery %(name)s added.") % {"name": gallery.name})
            return redirect(_back(complex_))
    return _form_page(request, form, title=_("New gallery"), complex_=complex_)


def gallery_update(request, pk: int):
    gallery = selectors.gallery_get(user=request.user, pk=pk)
    require_perm(request.user, "complexes.change_gallery")
    complex_ = gallery.complex
    form = GalleryForm(request.POST or None, instance=copy.copy(gallery), complex=complex_)
    if request.method == "POST" and form.is_valid():
        try:
            services.gallery_update(gallery=gallery, user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error, whole_record_field="name")
        else:
            messages.success(request, _("Gallery %(name)s saved.") % {"name": gallery.name})
            return redirect(_back(complex_))
    title = _("Edit gallery %(name)s") % {"name": gallery.name}
    return _form_page(request, form, title=title, complex_=complex_)


def gallery_delete(request, pk: int):
    gallery = selectors.gallery_get(user=request.user, pk=pk)
    require_perm(request.user, "complexes.delete_gallery")
    complex_ = gallery.complex
    if request.method == "POST":
        services.gallery_delete(gallery=gallery, user=request.user)
        messages.success(request, _("Gallery %(name)s deleted.") % {"name": gallery.name})
        return redirect(_back(complex_))
    return render(
        request,
        "complexes/confirm_delete.html",
        {
            "title": _("Delete gallery %(name)s") % {"name": gallery.name},
            "warning": _("Its residents stay in the complex without a gallery."),
            "cancel_url": _back(complex_),
        },
    )


def gallery_contact_person(request, pk: int):
    """Set (or clear) a gallery's contact person: a willing resident of the same complex."""
    gallery = selectors.gallery_get(user=request.user, pk=pk)
    require_perm(request.user, "complexes.set_contact_person")
    complex_ = gallery.complex
    form = ContactPersonForm(request.POST or None, gallery=gallery, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.gallery_set_contact_person(
                gallery=gallery,
                user=request.user,
                resident=form.cleaned_data["resident"],
                since=form.cleaned_data["since"],
            )
        except ValidationError as error:
            add_service_errors(form, error, whole_record_field="resident")
        else:
            messages.success(request, _("Contact person saved."))
            return redirect(_back(complex_))
    title = _("Contact person of %(name)s") % {"name": gallery.name}
    return _form_page(request, form, title=title, complex_=complex_)
