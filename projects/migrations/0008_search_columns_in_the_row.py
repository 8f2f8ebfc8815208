"""A project's search document and normalised text stay in its row, not in the TOAST table.

A project's row (titles, summaries and outcomes in two languages, plus the generated search
columns) often passes PostgreSQL's 2 kB threshold, and the largest value that does not
compress, the ``tsvector``, was then moved out of the row. Ranking a search's matches read
it back from the TOAST table for each one: for the 1,687 projects that "Angkor" finds through
their sites, 23,900 buffer reads and 23 ms, now 11,600 and 15 ms. With STORAGE MAIN the
summaries and outcomes, which only a project's own page shows, move out instead.

The setting applies to the values written from now on, so the rows are rewritten once (their
generated columns recomputed); the facet-code triggers are held meanwhile, since no code changes.
"""

from django.db import migrations

TABLE = "projects_cooperationproject"
COLUMNS = ("search_document", "search_text")


def storage(kind):
    return f"ALTER TABLE {TABLE} " + ", ".join(f"ALTER COLUMN {column} SET STORAGE {kind}" for column in COLUMNS)


REWRITE = [
    f"ALTER TABLE {TABLE} DISABLE TRIGGER USER",
    f"UPDATE {TABLE} SET id = id",
    f"ALTER TABLE {TABLE} ENABLE TRIGGER USER",
]


class Migration(migrations.Migration):

    dependencies = [
        ("projects", "0007_facet_codes"),
    ]

    operations = [
        migrations.RunSQL([storage("MAIN"), *REWRITE], reverse_sql=[storage("EXTENDED"), *REWRITE]),
    ]
