"""Screens of the interventions app: schemes (placeholders until built)."""

from django.http import Http404


def scheme_list(request):
    raise Http404


def scheme_create(request):
    raise Http404


def scheme_detail(request, pk):
    raise Http404


def scheme_update(request, pk):
    raise Http404


def scheme_delete(request, pk):
    raise Http404
