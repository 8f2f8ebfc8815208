"""Projects are found by two-character Japanese words in their summaries and outcomes, not only titles.

The search text now holds the Japanese outcomes as well, and the bigrams cover the whole search text.
PostgreSQL cannot change a generated column's expression, so both are dropped and added again
(computed by the ``search_normalize`` of search/0001); with the search text go the index of its
characters (0006) and its STORAGE MAIN (0008), both made again.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.db.models.functions.text
import search.columns
from django.db import migrations, models

TABLE = "projects_cooperationproject"


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0013_real_funding_schemes'),
        ('search', '0001_variant_kanji'),
    ]

    operations = [
        migrations.RemoveIndex(model_name='cooperationproject', name='project_search_trgm_idx'),
        migrations.RemoveIndex(model_name='cooperationproject', name='project_search_bigram_idx'),
        migrations.RemoveField(model_name='cooperationproject', name='search_text'),
        migrations.RemoveField(model_name='cooperationproject', name='search_bigrams'),
        migrations.AddField(
            model_name='cooperationproject',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=search.columns.Normalized(django.db.models.functions.text.Concat(models.F('title_ja'), models.Value(' | '), models.F('title_en'), models.Value(' | '), models.F('summary_ja'), models.Value(' | '), models.F('outcomes_ja'), output_field=models.TextField())), output_field=models.TextField(), verbose_name='search text'),
        ),
        migrations.AddField(
            model_name='cooperationproject',
            name='search_bigrams',
            field=models.GeneratedField(db_persist=True, expression=search.columns.Bigrams(search.columns.Normalized(django.db.models.functions.text.Concat(models.F('title_ja'), models.Value(' | '), models.F('title_en'), models.Value(' | '), models.F('summary_ja'), models.Value(' | '), models.F('outcomes_ja'), output_field=models.TextField()))), output_field=django.contrib.postgres.fields.ArrayField(base_field=models.TextField()), verbose_name='search bigrams'),
        ),
        # Kept in the row (see 0008): PostgreSQL 15 sets a column's storage only once it exists, and the
        # setting applies to the values written afterwards, so the rows are written once more,
        # before the indexes are made. The columns just added rewrote the table in this transaction, so
        # PostgreSQL checks the rows' foreign keys again on that update; checked at once rather than at
        # the commit (Django's constraints are deferred), they leave no pending events for the ALTER TABLE
        # that follows (which refuses to run while any are pending: a table with rows could not migrate).
        migrations.RunSQL(
            [
                f"ALTER TABLE {TABLE} ALTER COLUMN search_text SET STORAGE MAIN",
                f"ALTER TABLE {TABLE} DISABLE TRIGGER USER",
                "SET CONSTRAINTS ALL IMMEDIATE",
                f"UPDATE {TABLE} SET id = id",
                "SET CONSTRAINTS ALL DEFERRED",
                f"ALTER TABLE {TABLE} ENABLE TRIGGER USER",
            ],
            migrations.RunSQL.noop,
        ),
        migrations.AddIndex(
            model_name='cooperationproject',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_text'], name='project_search_trgm_idx', opclasses=['gin_trgm_ops']),
        ),
        migrations.AddIndex(
            model_name='cooperationproject',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_bigrams'], name='project_search_bigram_idx'),
        ),
        migrations.RunSQL(
            f"CREATE INDEX project_search_characters_idx ON {TABLE} USING gin (search_characters(search_text))",
            "DROP INDEX IF EXISTS project_search_characters_idx",
        ),
    ]
