"""Helpers for the site's two languages.

Every page lives under /ja/ or /en/; these helpers give the address of the
same page in the other language, for the language switcher and for
``hreflang`` links.
"""

from django.conf import settings
from django.urls import translate_url


def language_alternates(request):
    """The current page in every language: [(code, name, url, is_current), ...]."""
    path = request.get_full_path()
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]
