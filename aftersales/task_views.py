"""PLACEHOLDER — replaced by the helper that builds this module."""

from django.http import Http404


def _missing(request, *args, **kwargs):
    raise Http404


task = preview = _missing
