"""Search over the members' database, on PostgreSQL's own machinery.

How a search travels, one module per step (URL → view → filter set → query → page → template):

| module          | what it holds                                                              |
|-----------------|----------------------------------------------------------------------------|
| ``textnorm``    | normalising text (width, case, accents, kana) in Python and in SQL         |
| ``columns``     | the generated search columns each searchable model stores, and their SQL   |
| ``query``       | a search as typed, parsed once: terms, excluded terms, notes                |
| ``matching``    | which records match a query, and how they rank                             |
| ``filterset``   | ``SearchFilterSet``, the base of each list page's filter set               |
| ``results``     | finding the results' ids and a page of them in order, at bounded cost      |
| ``facets``      | facet filters and counting their values over the results                   |
| ``facet_codes`` | each record's facet codes in one row, kept by triggers                     |
| ``link_indexes``| indexes of the link tables the facets read                                 |
| ``paging``      | capped counts, pagination and a list page's context                        |
| ``highlight``   | marking what a query matched in a name or title                            |
| ``exports``     | CSV and Excel exports of a search's results                                |
| ``views``       | the unified search over experts, projects and sites                        |

Who may see which records is not decided here: every queryset comes through
``visible_to(user)``, the access rule of ``members.access``.
"""
