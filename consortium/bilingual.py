"""Helpers for the site's two languages.

Every page lives under /ja/ or /en/. Bilingual content is stored as paired
fields (``title_ja``, ``title_en``); ``localized`` picks the visitor's
language and falls back to the other one, saying so, so that a page is never
empty and the reader knows why the text is in another language.

``TRANSLATED`` is the registry of the models whose texts are so paired: each
record knows which of its texts exist in which language (``missing_translations``,
and ``with_missing_translations`` for a queryset, computed by the database),
which is what the staff's translation queue (``consortium.translation_queue``)
lists.
"""

import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, reduce

from django.apps import apps
from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.db.models import BooleanField, Case, CharField, F, Func, IntegerField, OuterRef, Q, TextField, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, NullIf, Trim
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext

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


# Translation completeness --------------------------------------------------------

# What ``str.strip()`` removes, so what ``localized`` reads as no text: a text of these alone is missing.
WHITE_SPACE = "".join(chr(code) for code in range(0x3001) if chr(code).isspace())
_HAS_TEXT = "[^" + "".join(f"\\u{ord(space):04x}" for space in WHITE_SPACE) + "]"
_WHITE_SPACE_CODES = "'{" + ",".join(str(ord(space)) for space in WHITE_SPACE) + "}'::int[]"

# Who reads a record, for the queue's order and filter.
PUBLIC, MEMBERS, STAFF = "public", "members", "staff"


def has_text(column):
    """SQL: ``column`` holds more than white space, as ``localized`` reads it; NULL holds none.

    Most texts start with a letter, which settles it without the regular expression: the queue asks this
    of every text of the largest tables, and the shortcut makes that twice as fast.
    """
    first_character = Func(F(column), function="ascii", output_field=IntegerField())
    return Case(
        When(Q(**{column: ""}), then=Value(False)),
        When(
            Func(
                first_character, template=f"%(expressions)s <> ALL({_WHITE_SPACE_CODES})", output_field=BooleanField()
            ),
            then=Value(True),
        ),
        default=Func(
            F(column),
            Value(_HAS_TEXT),
            template="COALESCE(%(expressions)s, false)",
            arg_joiner=" ~ ",
            output_field=BooleanField(),
        ),
        output_field=BooleanField(),
    )


def _filled(obj, name):
    return bool(str(getattr(obj, name, "") or "").strip())


def paired_fields(model):
    """The base names of ``model``'s texts stored once per language, in the model's order: ``("title", "summary")``."""
    names = [field.name for field in model._meta.concrete_fields]
    suffix = f"_{LANGUAGE_CODES[0]}"
    bases = [name.removesuffix(suffix) for name in names if name.endswith(suffix)]
    return tuple(base for base in bases if all(f"{base}_{code}" in names for code in LANGUAGE_CODES))


@dataclass(frozen=True)
class Translated:
    """A model of the registry: its paired texts come from its fields; the rest says how the queue shows it.

    ``heading`` makes the record's name in the current language from a lookup prefix (the default: its title,
    name or subject); ``visibility`` says, from a lookup prefix, who reads it (``PUBLIC``, ``MEMBERS`` or
    ``STAFF``; None where the model does not say); ``parent`` is the foreign key to the record it belongs
    to, whose visibility and dates it takes when it has none, and whose admin page edits it when it has
    no admin page of its own.
    """

    label: str
    heading: Callable | None = None
    visibility: Callable | None = None
    parent: str = ""

    @cached_property
    def model(self):
        return apps.get_model(self.label)

    @property
    def key(self):
        """``experts.expert``: the kind's name in addresses and cache keys."""
        return self.label.lower()

    @cached_property
    def fields(self):
        return paired_fields(self.model)

    @cached_property
    def parent_model(self):
        return self.model._meta.get_field(self.parent).related_model if self.parent else None

    def heading_expression(self, prefix=""):
        if self.heading is not None:
            return self.heading(prefix)
        base = next((name for name in ("title", "name", "subject") if name in self.fields), None)
        return localized_expression(f"{prefix}{base}") if base else Value("")

    def missing(self, obj):
        """The fields of ``obj`` whose text is missing while another language has it: ``["title_en"]``."""
        return [
            f"{field}_{code}"
            for field in self.fields
            for code in LANGUAGE_CODES
            if not _filled(obj, f"{field}_{code}")
            and any(_filled(obj, f"{field}_{other}") for other in LANGUAGE_CODES if other != code)
        ]

    def lacks(self, field, language):
        """SQL: the text ``<field>_<language>`` is missing while another language has it."""
        others = [Q(has_text(f"{field}_{code}")) for code in LANGUAGE_CODES if code != language]
        return reduce(operator.or_, others) & ~Q(has_text(f"{field}_{language}"))

    def uneven(self, field):
        """SQL: ``field`` has a text in some languages and not in others. Each language's text is read once:
        the queue asks this of every row of the largest tables."""
        return Func(
            *(Cast(has_text(f"{field}_{code}"), IntegerField()) for code in LANGUAGE_CODES),
            # IN, not BETWEEN, which PostgreSQL spells out as two comparisons, each reading every text again.
            template=f"((%(expressions)s) IN ({', '.join(str(n) for n in range(1, len(LANGUAGE_CODES)))}))",
            arg_joiner=" + ",
            output_field=BooleanField(),
        )

    def lacking(self, field=None, language=None):
        """SQL: the record misses ``field`` (any of its texts when None) in ``language`` (any when None)."""
        fields = [field] if field else self.fields
        if language:
            return reduce(operator.or_, (self.lacks(name, language) for name in fields))
        return reduce(operator.or_, (Q(self.uneven(name)) for name in fields))

    def missing_expression(self):
        """SQL: the array of the fields ``missing`` names, in the same order."""
        flags = [
            Case(When(self.lacks(field, code), then=Value(f"{field}_{code}")), output_field=TextField())
            for field in self.fields
            for code in LANGUAGE_CODES
        ]
        array = Func(*flags, template="ARRAY[%(expressions)s]", output_field=ArrayField(TextField()))
        return Func(array, Value(None), function="array_remove", output_field=ArrayField(TextField()))


class TranslationRegistry:
    def __init__(self, *entries):
        self._entries = {entry.label.lower(): entry for entry in entries}

    def __iter__(self):
        return iter(self._entries.values())

    def __contains__(self, model):
        return model._meta.label_lower in self._entries

    def get(self, key):
        """The entry of the kind named ``key`` (``experts.expert``), or None."""
        return self._entries.get(key)

    def of(self, model):
        return self._entries[model._meta.label_lower]


def missing_translations(obj):
    """The fields of a registered record whose text exists in another language only: ``["biography_en"]``."""
    return TRANSLATED.of(type(obj)).missing(obj)


def with_missing_translations(queryset):
    """``queryset`` with each record's ``missing_translations`` (as above) computed by the database."""
    return queryset.annotate(missing_translations=TRANSLATED.of(queryset.model).missing_expression())


def _says(field):
    """The record's own field names its readers, in the queue's words."""
    return lambda prefix: F(f"{prefix}{field}")


def _always(readers):
    return lambda prefix: Value(readers)


def _event_readers(prefix):
    # Only staff see a draft; an announced (or cancelled) event is for its audience ("public" or "members").
    return Case(When(**{f"{prefix}status": "draft"}, then=Value(STAFF)), default=F(f"{prefix}audience"))


def _published_or_staff(**published):
    """Public once the lookup ``published`` holds (of the record or, by prefix, its parent); staff's until then."""

    def readers(prefix):
        condition = {f"{prefix}{lookup}": value for lookup, value in published.items()}
        return Case(When(**condition, then=Value(PUBLIC)), default=Value(STAFF))

    return readers


def _filled_or_null(column):
    return NullIf(Trim(column), Value(""))


def _expert_name(prefix):
    kanji = Concat(F(f"{prefix}family_name"), Value(" "), F(f"{prefix}given_name"))
    roman = Concat(F(f"{prefix}given_name_en"), Value(" "), F(f"{prefix}family_name_en"))
    names = {"ja": _filled_or_null(kanji), "en": _filled_or_null(roman)}
    return Coalesce(*(names[code] for code in language_order()), Value(""), output_field=CharField())


def _site_name(prefix):
    # Some sites of UNESCO's list have a French name only.
    names = [*_filled_in_language_order(f"{prefix}name"), NullIf(F(f"{prefix}name_fr"), Value(""))]
    return Coalesce(*names, Value(""), output_field=CharField())


def _fiscal_year(prefix):
    before, _year, after = gettext("FY%(year)s").partition("%(year)s")
    return Concat(Value(before), Cast(f"{prefix}fiscal_year", CharField()), Value(after), output_field=CharField())


def _meeting(prefix):
    return Trim(
        Concat(Cast(f"{prefix}held_on", CharField()), Value(" "), localized_expression(f"{prefix}title")),
        output_field=CharField(),
    )


# Every model with texts in both languages, once (tests/consortium/test_translation_registry.py finds any
# left out). Children of a record (``parent``) take its visibility and dates.
TRANSLATED = TranslationRegistry(
    # The database: for members, and staff-only records for the staff who may view them.
    Translated("experts.Expert", heading=_expert_name, visibility=_says("visibility")),
    Translated("projects.CooperationProject", visibility=_says("visibility")),
    Translated("projects.ProjectDocument", parent="project"),
    Translated("heritage.HeritageSite", heading=_site_name, visibility=_always(MEMBERS)),
    Translated("reports.Report", visibility=_says("access")),
    # Outreach.
    Translated("events.Event", visibility=_event_readers),
    Translated("events.Speaker", parent="event"),
    Translated("events.Material", parent="event"),
    Translated(
        "events.RegistrationQuestion", heading=lambda prefix: localized_expression(f"{prefix}label"), parent="event"
    ),
    Translated(
        "events.Questionnaire", heading=lambda prefix: localized_expression(f"{prefix}event__title"), parent="event"
    ),
    Translated(
        "events.QuestionnaireQuestion",
        heading=lambda prefix: localized_expression(f"{prefix}label"),
        parent="questionnaire",
    ),
    Translated("events.NewsArticle", visibility=_published_or_staff(status="published")),
    Translated("events.NewsAttachment", parent="article"),
    Translated("events.Page", visibility=_published_or_staff(is_published=True)),
    Translated("events.ActivityForeword", heading=_fiscal_year, visibility=_always(PUBLIC)),
    Translated(
        "consortium.CountryProfile",
        heading=lambda prefix: localized_expression(f"{prefix}country__name"),
        visibility=_always(PUBLIC),
    ),
    # Members and committees.
    Translated("members.Committee", visibility=_always(PUBLIC)),
    Translated("members.Meeting", heading=_meeting),
    Translated("members.MeetingFile", parent="meeting"),
    Translated("members.NewsIssue"),
    Translated("members.Organization"),
    # Vocabularies and reference data.
    Translated("experts.Specialty"),
    Translated("projects.Funder"),
    Translated("projects.FundingScheme"),
    Translated("heritage.Threat"),
    Translated("consortium.Country"),
    Translated("consortium.Region"),
    Translated("consortium.Language"),
)

# Models with texts in both languages that are not translated after the fact, and why: the queue leaves them out.
NOT_TRANSLATED = {
    # Staff write a message in both languages or in one on purpose (each person gets their language, else the
    # other); once sent it cannot be changed.
    "events.EventMessage",
    # A member's own request, in the scripts and languages they chose; staff copy it into an expert record.
    "experts.ExpertRecordRequest",
}
