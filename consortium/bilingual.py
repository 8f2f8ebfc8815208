"""Helpers for the site's two languages.

Every page lives under /ja/ or /en/. Bilingual content is stored as paired
fields (``title_ja``, ``title_en``); ``localized`` picks the visitor's
language and falls back to the other one, saying so, so that a page is never
empty and the reader knows why the text is in another language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import CharField, F, OuterRef, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def current_language():
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def language_order(language=None):
    """The site's languages, the given (or current) one first."""
    first = language or current_language()
    return [first] + [code for code in LANGUAGE_CODES if code != first]


@dataclass(frozen=True)
class Localized:
    text: str
    language: str
    is_fallback: bool

    def __str__(self):
        return self.text


def localized(obj, field, language=None):
    """``obj.<field>_<lang>`` in the wanted language, else in the other one.

    Returns a Localized whose ``is_fallback`` tells the template to show a
    note; an empty Localized in the wanted language when neither is filled.
    """
    order = language_order(language)
    for code in order:
        value = getattr(obj, f"{field}_{code}", "") or ""
        if str(value).strip():
            return Localized(value, code, code != order[0])
    return Localized("", order[0], False)


def _filled_in_language_order(field, language=None):
    """``<field>_<code>`` for each language, the given (or current) one first, NULL where empty."""
    return [NullIf(F(f"{field}_{code}"), Value("")) for code in language_order(language)]


def localized_expression(field, language=None):
    """``localized(obj, field).text`` computed by the database: the field in the language, else the other's."""
    return Coalesce(*_filled_in_language_order(field, language), Value(""), output_field=CharField())


def localized_ordering(field):
    """Order by ``<field>_<current language>``, records without it after those with it, then the other language."""
    return [part.asc(nulls_last=True) for part in _filled_in_language_order(field)]


def localized_names(related_model, link, **filters):
    """The names of a record's related ``related_model`` rows (in their default order), in the current
    language, as one array column: ``link`` is the lookup from them back to the record (``experts``).

    A list page shows a few names per result; reading them this way costs no query and no model
    instance of its own, where a prefetch costs both."""
    related = related_model._default_manager.filter(**{link: OuterRef("pk")}, **filters)
    return ArraySubquery(related.values(label=localized_expression("name")))


def localized_field(field, language=None):
    """The name of the paired field in the given (or current) language: ``title_en``."""
    return f"{field}_{language or current_language()}"


def language_alternates(request):
    """The current page in every language: dicts of code, name, url, current."""
    path = request.get_full_path()
    if not url_has_allowed_host_and_scheme(path, allowed_hosts=None):
        # "//evil.example/ja/" reads as another site's address, which translate_url keeps (and a
        # browser follows): collapse the leading slashes to a path on this site.
        path = "/" + path.lstrip("/\\")
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]


class BilingualNameMixin:
    """``name`` and ``__str__`` in the current language, for models with name_ja/name_en."""

    @property
    def name(self):
        return localized(self, "name").text

    def __str__(self):
        return self.name
