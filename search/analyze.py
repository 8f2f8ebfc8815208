"""Fresh planner statistics after writing in bulk: seeding the demo data, and every import.

PostgreSQL plans each search from its statistics of the tables: how many rows there are, how common
each value is. Autovacuum refreshes them only once a tenth of a table has changed, and only when its
daemon gets round to it; until then a database filled in bulk is planned with the figures of the
empty one, and the plans of the same search before and after differ (issue 20: a common word took
350 ms before ``ANALYZE`` and 60 ms after). Whatever writes in bulk calls ``analyze`` when it is done,
which also moves the search cache's version on (``search.cache``): bulk writes send no signals.
"""

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from search.cache import bump_version
from search.facet_codes import FacetCodes


def tables_of(model):
    """The tables a model's search reads: its own, its many-to-many link tables, and those of the records
    that belong one to one to each of its records (its facet codes, ``search.facet_codes``)."""
    tables = [model._meta.db_table]
    for field in model._meta.local_many_to_many:
        through = field.remote_field.through
        if through._meta.auto_created:
            tables.append(through._meta.db_table)
    # The facet codes' link has no reverse accessor (related_name "+"): a hidden relation. Other records that
    # point one to one at the model (an expert record's request) are not read by its search.
    for relation in model._meta.get_fields(include_hidden=True):
        if (
            relation.one_to_one
            and relation.auto_created
            and not relation.concrete
            and issubclass(relation.related_model, FacetCodes)
        ):
            tables.append(relation.related_model._meta.db_table)
    return tables


def analyze(*models, using=DEFAULT_DB_ALIAS):
    """``ANALYZE`` the tables of ``models`` (``tables_of``), or with none every table of the database,
    once the current transaction commits (at once outside of one), so that the statistics describe
    the rows written rather than a transaction that may yet roll back."""
    connection = connections[using]
    tables = list(dict.fromkeys(table for model in models for table in tables_of(model)))

    def run():
        with connection.cursor() as cursor:
            if tables:
                cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in tables))
            else:
                cursor.execute("ANALYZE")
        # Rows written in bulk send no signals: the searches kept before them are made afresh.
        bump_version()

    transaction.on_commit(run, using=using)
