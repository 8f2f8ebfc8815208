"""A search's results and facet counts, kept in the shared cache for a short time.

Members repeat searches: the same names, the list pages' first pages, a facet clicked and then
cleared. A search's ids and its page, and its facet counts, are kept for ``RESULTS_SECONDS`` under
a key made of everything that decides them:

- who asks: the access level (``members.access.Level``) and, for staff, whether they may view the
  model's staff-only records (``sees_staff_records_of``). Nothing one audience may not see can be
  read from another's key; a filter set without a request (no user known) is never cached;
- the kind of record, the page's language, the normalised query and every other filter, the order
  and the page's window;
- the searchable records' version, which every save or delete of one of them (or of its links)
  moves on, so that an edit shows in the next search instead of in a minute.

The reads that fill the cache go to the search replica where there is one (``consortium.db_router``).
When the cache does not answer, every search is made afresh (``consortium.cache``).
"""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.functional import cached_property
from django.utils.translation import get_language

from consortium.db_router import search_reads
from members.access import access_level, sees_staff_records_of, view_permission
from search.results import Results

RESULTS_SECONDS = 60
VERSION_KEY = "search:version"


def audience(user, model):
    """Who sees what of ``model``'s records: ``MEMBER``, or ``STAFF+records`` for staff who may view its
    staff-only ones. Two users with the same audience are shown exactly the same records."""
    level = access_level(user).name
    return f"{level}+records" if sees_staff_records_of(user, view_permission(model)) else level


def version():
    """The searchable records' version, or None when the cache does not answer. It starts from the clock,
    so that a version key lost while old entries remain can never come back with a value they carry."""
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        current = cache.get(VERSION_KEY)
    return current


def bump_version():
    """Move the version on: every search is made afresh."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)


def key_for(filterset, part, *details):
    """The cache key of ``part`` ("results", "facets") of ``filterset``'s search, or None when it is not
    to be cached: no request tells who is asking, or the cache does not answer."""
    request = getattr(filterset, "request", None)
    if request is None:
        return None
    current = version()
    if current is None:
        return None
    filterset.form.is_valid()
    model = filterset._meta.model
    filters = sorted((name, repr(value)) for name, value in filterset.form.cleaned_data.items() if name != "q")
    described = repr((filterset.query.text, filters, details))
    digest = hashlib.sha256(described.encode()).hexdigest()
    return (
        f"search:{part}:{model._meta.label_lower}:{audience(request.user, model)}:{get_language()}:{current}:{digest}"
    )


def remembered(key, compute):
    """``compute()``'s value, kept under ``key`` for RESULTS_SECONDS (made afresh when ``key`` is None)."""
    if key is not None:
        kept = cache.get(key)
        if kept is not None:
            return kept
    with search_reads():
        value = compute()
    if key is not None:
        cache.set(key, value, RESULTS_SECONDS)
    return value


class CachedResults(Results):
    """``search.results.Results`` whose ids and page (``found_and_page``) are kept under ``key``, with the
    words' stems that highlighting takes from the same statement."""

    def __init__(self, *, key, **kwargs):
        super().__init__(**kwargs)
        self.key = key

    @cached_property
    def found_and_page(self):
        def compute():
            ids, page = super(CachedResults, self).found_and_page
            return ids, page, self.query.__dict__.get("stems")

        ids, page, stems = remembered(self.key, compute)
        if stems is not None:
            self.query.keep_stems(stems)
        return ids, page


def searchable_models():
    from experts.models import Expert
    from heritage.models import HeritageSite
    from projects.models import CooperationProject
    from reports.models import Report

    return (Expert, CooperationProject, HeritageSite, Report)


def _edited():
    # Now, so that the editing connection's own searches (in its transaction) see the edit, and again once
    # it is committed: another connection's search made in between read the old rows, under the new version.
    bump_version()
    transaction.on_commit(bump_version)


def _saved_or_deleted(sender, **kwargs):
    _edited()


def _links_changed(sender, instance, model, action, **kwargs):
    if action.startswith("post_") and (isinstance(instance, searchable_models()) or model in searchable_models()):
        _edited()


def connect_signals():
    """Called once the models are loaded (``search.apps``)."""
    for model in searchable_models():
        post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=f"search-cache-save-{model._meta.label}")
        post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=f"search-cache-delete-{model._meta.label}")
    m2m_changed.connect(_links_changed, dispatch_uid="search-cache-links")
