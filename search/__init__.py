"""Search over the members' database and the public site, on PostgreSQL's own machinery.

How a search travels, one module per step (URL → view → filter set → query → page → template):

| module          | what it holds                                                              |
|-----------------|----------------------------------------------------------------------------|
| ``textnorm``    | normalising text (width, case, accents, kana) in Python and in SQL         |
| ``variants``    | the variant kanji folded to their common form (髙 → 高), on both sides      |
| ``readings``    | names' roman readings made at write time, Hepburn spellings folded         |
| ``columns``     | the generated search columns each searchable model stores, and their SQL   |
| ``query``       | a search as typed, parsed once: terms, excluded terms, notes                |
| ``matching``    | which records match a query, and how they rank                             |
| ``filterset``   | ``SearchFilterSet``, the base of each list page's filter set               |
| ``sorting``     | the orders a list offers, the one shown, and when ranking is skipped       |
| ``results``     | finding the results' ids and a page of them in order, at bounded cost      |
| ``facets``      | facet filters and counting their values over the results                   |
| ``facet_codes`` | each record's facet codes in one row, kept by triggers                     |
| ``link_indexes``| indexes of the link tables the facets read                                 |
| ``paging``      | capped counts, pagination and a list page's context                        |
| ``highlight``   | marking what a query matched in a name or title                            |
| ``exports``     | CSV and Excel exports of a search's results                                |
| ``maps``        | a list page's map of every result: its points, compact, as JSON            |
| ``unified``     | the unified search's groups: the best experts, projects and sites at once  |
| ``views``       | the database page: the unified search over experts, projects and sites     |
| ``site``        | the site search: news, events, pages and reports; the database for members |
| ``site_forms``  | the site search's field, in its page and in every page's header            |
| ``site_views``  | the site search's page, ``/<lang>/search/``                                |
| ``models``      | ``SavedSearch``: a member's saved search, its alerts, what they have seen  |
| ``saved``       | saving a list page's search: checking, normalising, naming; alert periods  |
| ``watch``       | what a saved search matches now, and what is new since it was last checked |
| ``alerts``      | the alerts: due searches claimed, the e-mail, one-click unsubscribing      |
| ``saved_forms`` | saving a search from a list page; renaming it, changing its alerts         |
| ``saved_views`` | saving, editing, deleting a saved search; unsubscribing from its alerts    |

Who may see which records is not decided here: every queryset comes through
``visible_to(user)``, the access rule of ``members.access``.

The SQL functions the search columns call are defined here (``textnorm``), but the migrations that
first created them stay in the experts app (``experts/0003``, ``experts/0009``), beside the generated
columns that need them: moving them to a migration of this app would make the already applied experts
migrations depend on an unapplied one, which Django refuses on every existing database
(InconsistentMigrationHistory). A change to a function is a new migration here that replaces it.
"""
