"""Screens of the interventions app: providers (placeholders until built)."""

from django.http import Http404


def provider_list(request):
    raise Http404


def provider_create(request):
    raise Http404


def provider_detail(request, pk):
    raise Http404


def provider_update(request, pk):
    raise Http404


def provider_delete(request, pk):
    raise Http404
