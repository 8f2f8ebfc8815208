"""While PostgreSQL is unreachable (a restart, a fail-over), pages answer 503 with Retry-After, not 500.

The page is rendered without the request, so it reads neither the session nor the user:
both would need the database that is missing.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def database_unavailable():
    """The 503 page, in the page's language first, then the other."""
    current = get_language() or settings.LANGUAGE_CODE
    languages = [current, *(code for code, _name in settings.LANGUAGES if code != current)]
    response = HttpResponse(render_to_string("503.html", {"languages": languages}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Answers a view's database outage with the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE):
            logger.warning("Database unavailable, answering 503: %s", exception)
            return database_unavailable()
        return None


def server_error(request, template_name="500.html"):
    """handler500: an outage met outside a view (loading the session or the user in a middleware,
    saving the session) reaches Django's error handler, not process_exception; answer it with 503 too."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return database_unavailable()
    return django_server_error(request, template_name)
