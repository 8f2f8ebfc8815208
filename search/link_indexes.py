"""Indexes on the link tables of many-to-many fields, for the facets, made by migrations.

Django gives each column of a link table an index of its own, beside the unique
index on (record, code). For the facets those single-column indexes are in the
way as well as redundant: counting the codes of a few hundred records can read
the (record, code) index alone, without visiting the table, but PostgreSQL
prefers the smaller one-column index and then reads the table for each link.
Browsing by a code wants (code, record), again read from the index alone.
"""

from django.db import migrations


def drop_single_column_indexes(table, record_column, code_column):
    """An operation that drops the single-column indexes on ``table``'s two columns.

    They are found by their columns, whatever Django named them; going back makes
    equivalent ones again.
    """

    def drop(apps, schema_editor):
        connection = schema_editor.connection
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, table)
        for name, info in constraints.items():
            single = info["columns"] in ([record_column], [code_column])
            # Django's "_like" indexes serve LIKE on a text code, not equality: they stay.
            plain = info["index"] and not info["unique"] and not info["primary_key"] and not name.endswith("_like")
            if single and plain:
                schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")

    def make_again(apps, schema_editor):
        for column in (record_column, code_column):
            name = schema_editor.quote_name(f"{table}_{column}_single"[-63:])
            schema_editor.execute(f"CREATE INDEX {name} ON {table} ({column})")

    return migrations.RunPython(drop, make_again)


def link_indexes(table, record_column, code_column, name):
    """Operations that index ``table`` by (code, record) as ``name`` and drop its single-column indexes."""
    return [
        migrations.RunSQL(
            sql=f"CREATE INDEX {name} ON {table} ({code_column}, {record_column})", reverse_sql=f"DROP INDEX {name}"
        ),
        drop_single_column_indexes(table, record_column, code_column),
    ]
