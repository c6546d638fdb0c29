"""Screens of the interventions app: interventions (placeholders until built)."""

from django.http import Http404


def intervention_list(request):
    raise Http404


def intervention_create(request):
    raise Http404


def intervention_detail(request, pk):
    raise Http404


def intervention_update(request, pk):
    raise Http404


def intervention_delete(request, pk):
    raise Http404
