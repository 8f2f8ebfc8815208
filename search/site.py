"""The site search: news, events, outreach pages and reports for everyone; for members, the database too.

What is searched is what the public lists show: published news articles, announced events (members-only
events included: the events list announces them to everyone, and only registering is for members),
published outreach pages, and the reports ``Report.objects.visible_to(user)`` lets the visitor see.
Drafts are never found, not even by staff, who preview them from the admin. Both languages' texts are
searched whatever the page's language; a hit shown in the other language says so.

How the public texts are matched. News, events and outreach pages are few (hundreds of rows, written by
staff), so they have no stored search columns: each row's texts in both languages are normalised inside
the query by ``search_normalize`` (``search.textnorm``, the function the database's columns use, so width,
case, accents and kana are folded alike on both sides), and a record matches when every term occurs in
them (``strpos``: any substring, two-character Japanese words such as 修復 included), or when its English
text matches the query as full text under ``english_unaccent`` ("restorations" finds "restoration"), as
``search.matching`` does for the database. Reading a few hundred rows this way costs a millisecond or two;
should they grow to many thousands, they would take generated columns and indexes as reports have.
Reports store those columns already (``reports.models``), so they are matched by ``search.matching`` on
their indexes, the text of their files included.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchVector
from django.db.models import Case, Count, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from consortium.bilingual import Localized, localized
from events.models import Event, NewsArticle, Page
from reports.models import Report
from search.columns import SEARCH_CONFIG, Normalized, normalized_text, search_columns
from search.matching import matching, rank

BEST_HITS = 5
"""Hits of each kind on the page of every kind; "more" leads to all of them."""


@dataclass(frozen=True)
class Hit:
    """One result as the page shows it, whatever its kind."""

    heading: Localized
    url: str
    summary: Localized = Localized("", "", False)
    meta: list = field(default_factory=list)
    """Short labels under the heading: a date, a kind, "Members only"."""


@dataclass
class Group:
    """One kind's results: how many, the best of them, and where to see them all."""

    key: str
    heading: str
    count: int
    hits: list
    more_url: str = ""
    count_is_exact: bool = True


def _bilingual(*names):
    return [f"{name}_{code}" for name in names for code in ("ja", "en")]


def _date(value, zone=None):
    return date_format(timezone.localtime(value, zone) if zone else value, "DATE_FORMAT")


def _news_hit(article):
    return Hit(
        heading=localized(article, "title"),
        url=article.get_absolute_url(),
        summary=localized(article, "summary"),
        meta=[_date(article.publish_at), article.get_category_display()],
    )


def _event_hit(event):
    meta = [_date(event.starts_at, event.zone), event.get_kind_display()]
    if event.is_members_only:
        meta.append(_("Members only"))
    if event.is_cancelled:
        meta.append(_("Cancelled"))
    return Hit(
        heading=localized(event, "title"),
        url=event.get_absolute_url(),
        summary=localized(event, "summary"),
        meta=meta,
    )


def _page_hit(page):
    return Hit(heading=localized(page, "title"), url=page.get_absolute_url(), summary=localized(page, "summary"))


def _report_hit(report):
    return Hit(
        heading=report.title,
        url=report.get_absolute_url(),
        summary=localized(report, "abstract"),
        meta=[report.fiscal_year_label, report.get_kind_display()],
    )


@dataclass(frozen=True)
class PublicKind:
    """A kind of public text without search columns: what is read, searched, and how a hit looks."""

    key: str
    heading: str
    records: object
    """A function returning the published records, as the kind's public list shows them."""
    shown: tuple
    """The fields a hit shows (``only()``)."""
    searched: tuple
    """The fields searched for terms, in both languages."""
    english: tuple
    """The English fields searched as full text."""
    ordering: tuple
    hit: object

    def found(self, query):
        """The records matching ``query`` (a Query), those whose title holds the first term first."""
        every_term = Q()
        for term in query.terms:
            every_term &= _holds(F("site_text"), term)
        if query.terms and not query.rankable:
            condition = every_term
        else:
            condition = Q(site_document=query.full_text())
            if query.terms:
                condition |= every_term
        for term in query.excluded:
            condition &= ~_holds(F("site_text"), term)
        ordering = list(self.ordering)
        if query.terms:
            title = normalized_text("title_ja", "title_en")
            ordering.insert(0, Case(When(_holds(title, query.terms[0]), then=0), default=1))
        return (
            self.records()
            .only(*self.shown)
            .alias(
                site_text=normalized_text(*self.searched),
                site_document=SearchVector(*self.english, config=SEARCH_CONFIG),
            )
            .filter(condition)
            .order_by(*ordering)
        )


def _holds(text, term):
    """``text`` (normalised) holds ``term`` anywhere: a substring of any length, in any script."""
    return Q(GreaterThan(StrIndex(text, Normalized(Value(term))), 0))


NEWS = PublicKind(
    key="news",
    heading=_("News"),
    records=lambda: NewsArticle.objects.published(),
    shown=("slug", "category", "publish_at", *_bilingual("title", "summary")),
    searched=tuple(_bilingual("title", "summary", "body")),
    english=("title_en", "summary_en", "body_en"),
    ordering=("-publish_at", "-pk"),
    hit=_news_hit,
)
EVENTS = PublicKind(
    key="events",
    heading=_("Events"),
    records=lambda: Event.objects.announced(),
    shown=("slug", "kind", "status", "audience", "starts_at", "time_zone", *_bilingual("title", "summary")),
    searched=tuple(_bilingual("title", "summary", "description", "programme", "venue_name", "report")),
    english=("title_en", "summary_en", "description_en", "programme_en", "venue_name_en", "report_en"),
    ordering=("-starts_at", "-pk"),
    hit=_event_hit,
)
PAGES = PublicKind(
    key="pages",
    heading=_("About the consortium"),
    records=lambda: Page.objects.published(),
    shown=("slug", *_bilingual("title", "summary")),
    searched=tuple(_bilingual("title", "summary", "body")),
    english=("title_en", "summary_en", "body_en"),
    ordering=("order", "slug"),
    hit=_page_hit,
)
PUBLIC_KINDS = {kind.key: kind for kind in (NEWS, EVENTS, PAGES)}
"""The kinds the site search pages through itself: no other page searches them."""


def found_reports(user, query):
    """The reports ``user`` may see that match ``query``, best first, on the reports' search columns."""
    return (
        Report.objects.visible_to(user)
        .defer(*search_columns(), "file_text")
        .filter(matching(query))
        .annotate(relevance=rank(query))
        .order_by("-relevance", "-fiscal_year", "-published_on", "pk")
    )


def _best(queryset, hit):
    """(count, hits): the first BEST_HITS of ``queryset`` and how many there are, in one query."""
    rows = list(queryset.annotate(found_count=Window(Count("*"), output_field=IntegerField()))[:BEST_HITS])
    return (rows[0].found_count if rows else 0), [hit(row) for row in rows]


def public_groups(user, query):
    """Each public kind's group for ``query``: one query per kind, whatever the number of results."""
    groups = []
    for kind in PUBLIC_KINDS.values():
        count, hits = _best(kind.found(query), kind.hit)
        more = f"{reverse('site_search')}?{urlencode({'q': query.raw, 'kind': kind.key})}"
        groups.append(Group(kind.key, kind.heading, count, hits, more if count > len(hits) else ""))
    count, hits = _best(found_reports(user, query), _report_hit)
    more = f"{reverse('reports:list')}?{urlencode({'q': query.raw})}"
    groups.append(Group("reports", _("Reports"), count, hits, more if count > len(hits) else ""))
    return groups


def database_groups(unified):
    """The unified search's groups (``search.unified``) as the site search shows them."""
    return [
        Group(
            key=group["key"],
            heading=group["heading"],
            count=group["count"],
            hits=[Hit(heading=record.heading, url=record.get_absolute_url()) for record in group["hits"]],
            more_url=group["url"] if group["count"] else "",
            count_is_exact=group["count_is_exact"],
        )
        for group in unified.groups
    ]
