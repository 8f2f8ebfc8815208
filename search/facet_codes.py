"""Each record's facet codes in one array, kept up to date by PostgreSQL triggers.

A list page counts its facets over a sample of its results. Counted through
the link tables, that is one index probe per sampled record in each link table
and a join per facet (10 ms for five facets of 400 experts). With every code
of a record in one row of a narrow table, ``{"specialty:3", "country:KH",
"region:2", "organization_kind:university"}``, all facets are one pass over
the sample's rows and one GROUP BY (2 ms): see ``SearchFilterSet.facets``.

A code is the facet's name (the filter set's field), a colon and a key: the
primary key of the record it labels where the facet has labels (a specialty,
a country, a region), otherwise the value itself (a kind, "yes" or "no").
Keys rather than codes, so that renaming a specialty's code changes nothing here.

The database keeps the arrays, so that every way of writing (the admin, the
importers, COPY, a bulk update) keeps them right:

- the record's own rows, when inserted or updated, and each link table, when
  rows are added, changed or removed, refresh the records they touch (statement
  triggers: one refresh for a whole COPY or bulk insert);
- a change to a row the codes are derived from (an organisation's kind, a
  country's region) refreshes the records that depend on it (row triggers on
  the columns concerned);
- a record's row of codes goes with the record (ON DELETE CASCADE).

Each app's migration writes its refresh function (which codes a record has) in
SQL; a test checks it against the filter set's own definitions.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import migrations, models

TRIGGER_FUNCTIONS = r"""
CREATE FUNCTION public.facet_codes_after_rows() RETURNS trigger LANGUAGE plpgsql AS $$
-- Refreshes the records named by the changed rows' column TG_ARGV[1], with the function TG_ARGV[0].
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE format('SELECT %s(ARRAY(SELECT DISTINCT %I FROM new_rows))', TG_ARGV[0], TG_ARGV[1]);
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE format('SELECT %s(ARRAY(SELECT DISTINCT %I FROM old_rows))', TG_ARGV[0], TG_ARGV[1]);
    ELSE
        EXECUTE format(
            'SELECT %s(ARRAY(SELECT %I FROM new_rows UNION SELECT %I FROM old_rows))',
            TG_ARGV[0], TG_ARGV[1], TG_ARGV[1]
        );
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION public.facet_codes_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
-- Refreshes, with the function TG_ARGV[0], the records that the query TG_ARGV[1] finds
-- given the changed row's column TG_ARGV[2] (as text) for $1.
BEGIN
    EXECUTE format('SELECT %s(ARRAY(%s))', TG_ARGV[0], TG_ARGV[1]) USING to_jsonb(NEW) ->> TG_ARGV[2];
    RETURN NULL;
END
$$;
"""

DROP_TRIGGER_FUNCTIONS = """
DROP FUNCTION public.facet_codes_after_rows();
DROP FUNCTION public.facet_codes_after_change();
"""


class FacetCodes(models.Model):
    """A record's facet codes. Written by the database's triggers alone, never by Django."""

    codes = ArrayField(models.CharField(max_length=80), default=list)

    class Meta:
        abstract = True


def record_link(model):
    """The codes' primary key: their record. The foreign key is the migration's, ON DELETE CASCADE:
    Django's own cascade would delete the codes before the record's links, whose triggers would
    then write them again."""
    return models.OneToOneField(
        model, on_delete=models.DO_NOTHING, primary_key=True, related_name="+", db_constraint=False
    )


def facet_code_operations(*, codes_table, record_table, record_column, codes_sql, links=(), depends_on=()):
    """Migration operations that keep ``codes_table`` for the records of ``record_table``.

    ``codes_sql`` is a query of one column, the codes of the record ``r`` (a row of ``record_table``).
    ``links`` are (link table, its column naming the record); ``depends_on`` are (table, key, columns, query):
    a change to those columns of a row of the table refreshes the records that ``query`` finds given
    the row's ``key`` column, as text, for ``$1``.
    """
    # SQL from the migrations' own constants, never from input.
    refresh = f"{codes_table}_refresh"
    function = f"""
        CREATE FUNCTION {refresh}(ids bigint[]) RETURNS void LANGUAGE sql AS $$
            INSERT INTO {codes_table} ({record_column}, codes)
            SELECT r.id, ARRAY({codes_sql}) FROM {record_table} r WHERE r.id = ANY(ids)
            ON CONFLICT ({record_column}) DO UPDATE SET codes = EXCLUDED.codes
        $$
    """  # noqa: S608
    triggers = _statement_triggers(refresh, record_table, "id", operations=("INSERT", "UPDATE"))
    for table, column in links:
        triggers += _statement_triggers(refresh, table, column)
    for table, key, columns, query in depends_on:
        changed = " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in columns)
        name = f"{codes_table}_after_{table}"[:63]
        quoted_query = query.replace("'", "''")
        triggers.append(
            (
                f"CREATE TRIGGER {name} AFTER UPDATE OF {', '.join(columns)} ON {table} FOR EACH ROW "
                f"WHEN ({changed}) EXECUTE FUNCTION facet_codes_after_change('{refresh}', '{quoted_query}', '{key}')",
                f"DROP TRIGGER {name} ON {table}",
            )
        )
    foreign_key = f"{codes_table}_record_fk"
    return [
        migrations.RunSQL(
            f"ALTER TABLE {codes_table} ADD CONSTRAINT {foreign_key} FOREIGN KEY ({record_column}) "
            f"REFERENCES {record_table} (id) ON DELETE CASCADE",
            reverse_sql=f"ALTER TABLE {codes_table} DROP CONSTRAINT {foreign_key}",
        ),
        migrations.RunSQL(function, reverse_sql=f"DROP FUNCTION {refresh}(bigint[])"),
        *(migrations.RunSQL(sql, reverse_sql=reverse) for sql, reverse in triggers),
        migrations.RunSQL(f"SELECT {refresh}(ARRAY(SELECT id FROM {record_table}))", reverse_sql=""),  # noqa: S608
    ]


def _statement_triggers(refresh, table, column, operations=("INSERT", "UPDATE", "DELETE")):
    """(sql, reverse) of the statement triggers that refresh the records named by ``column`` of the
    rows of ``table`` that a statement changed."""
    triggers = []
    for operation in operations:
        name = f"{table}_facet_codes_{operation.lower()}"[:63]
        tables = {
            "INSERT": "NEW TABLE AS new_rows",
            "DELETE": "OLD TABLE AS old_rows",
            "UPDATE": "NEW TABLE AS new_rows OLD TABLE AS old_rows",
        }[operation]
        triggers.append(
            (
                f"CREATE TRIGGER {name} AFTER {operation} ON {table} REFERENCING {tables} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION facet_codes_after_rows('{refresh}', '{column}')",
                f"DROP TRIGGER {name} ON {table}",
            )
        )
    return triggers
