"""Screens of the interventions app: grants (placeholders until built)."""

from django.http import Http404


def grant_list(request):
    raise Http404


def grant_export(request):
    raise Http404


def grant_apply(request):
    raise Http404


def reports_due(request):
    raise Http404


def grant_detail(request, pk):
    raise Http404


def grant_update(request, pk):
    raise Http404


def grant_delete(request, pk):
    raise Http404


def grant_step(request, pk, step):
    raise Http404
