"""The portal's URLs, and B: the reference every figure of the benchmark is divided by.

B is a bare template page: the portal's own layout (``base.html``: header,
navigation, language switch, footer) with an empty body, rendered by the same
template engine and middleware as every page, touching no database for an
anonymous visitor. A search page is that layout plus the search.
"""

from functools import cache

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from bench import REFERENCE_PATH
from consortium.urls import urlpatterns as portal_urlpatterns


@cache
def _reference_template():
    return engines["django"].from_string('{% extends "base.html" %}')


def reference(request):
    return HttpResponse(_reference_template().render({}, request))


urlpatterns = [path(REFERENCE_PATH, reference), *portal_urlpatterns]
