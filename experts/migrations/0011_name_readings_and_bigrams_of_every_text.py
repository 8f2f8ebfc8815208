"""Experts are found by the roman reading of their name, and by two-character words in every text.

``name_reading`` holds the name in roman letters as the search spells it (``search.readings``),
filled here for the existing experts and on every save; the search text now includes it, and the
bigrams cover the whole search text (department, position, biography), not the names alone.

PostgreSQL cannot change a generated column's expression: the search text and bigrams are dropped,
the readings written while they are gone (so that the rows are not rewritten twice), and the two
columns added again, computed by the ``search_normalize`` of search/0001. The index of the search
text's characters (0009) goes with its column and is made again.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.db.models.functions.text
import search.columns
from django.db import migrations, models

BATCH = 2000
NAME_FIELDS = ("family_name", "given_name", "family_name_kana", "given_name_kana", "family_name_en", "given_name_en")


def fill_readings(apps, schema_editor):
    from search.readings import name_reading

    Expert = apps.get_model("experts", "Expert")
    batch = []
    for expert in Expert.objects.only(*NAME_FIELDS).order_by("pk").iterator(chunk_size=BATCH):
        expert.name_reading = name_reading(
            family=expert.family_name,
            given=expert.given_name,
            family_kana=expert.family_name_kana,
            given_kana=expert.given_name_kana,
            family_en=expert.family_name_en,
            given_en=expert.given_name_en,
        )
        batch.append(expert)
        if len(batch) == BATCH:
            Expert.objects.bulk_update(batch, ["name_reading"])
            batch = []
    Expert.objects.bulk_update(batch, ["name_reading"])


CHARACTERS_INDEX = "CREATE INDEX expert_search_characters_idx ON experts_expert USING gin (search_characters(search_text))"


class Migration(migrations.Migration):

    dependencies = [
        ('experts', '0010_facet_codes'),
        ('search', '0001_variant_kanji'),
    ]

    operations = [
        migrations.RemoveIndex(model_name='expert', name='expert_search_trgm_idx'),
        migrations.RemoveIndex(model_name='expert', name='expert_search_bigram_idx'),
        migrations.RemoveField(model_name='expert', name='search_text'),
        migrations.RemoveField(model_name='expert', name='search_bigrams'),
        migrations.AddField(
            model_name='expert',
            name='name_reading',
            field=models.CharField(blank=True, editable=False, help_text='The name in roman letters as the search spells it, made from the names above when saved.', max_length=500, verbose_name='name reading (for search)'),
        ),
        # The facet codes do not change with a name: their triggers are held while the readings are written.
        migrations.RunSQL("ALTER TABLE experts_expert DISABLE TRIGGER USER", migrations.RunSQL.noop),
        migrations.RunPython(fill_readings, migrations.RunPython.noop),
        migrations.RunSQL("ALTER TABLE experts_expert ENABLE TRIGGER USER", migrations.RunSQL.noop),
        migrations.AddField(
            model_name='expert',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=search.columns.Normalized(django.db.models.functions.text.Concat(django.db.models.functions.text.Concat('family_name', 'given_name'), models.Value(' | '), django.db.models.functions.text.Concat('family_name_kana', 'given_name_kana'), models.Value(' | '), django.db.models.functions.text.Concat('given_name_en', models.Value(' '), 'family_name_en'), models.Value(' | '), django.db.models.functions.text.Concat('family_name_en', models.Value(' '), 'given_name_en'), models.Value(' | '), models.F('name_reading'), models.Value(' | '), models.F('position_ja'), models.Value(' | '), models.F('department'), models.Value(' | '), models.F('biography_ja'), output_field=models.TextField())), output_field=models.TextField(), verbose_name='search text'),
        ),
        migrations.AddField(
            model_name='expert',
            name='search_bigrams',
            field=models.GeneratedField(db_persist=True, expression=search.columns.Bigrams(search.columns.Normalized(django.db.models.functions.text.Concat(django.db.models.functions.text.Concat('family_name', 'given_name'), models.Value(' | '), django.db.models.functions.text.Concat('family_name_kana', 'given_name_kana'), models.Value(' | '), django.db.models.functions.text.Concat('given_name_en', models.Value(' '), 'family_name_en'), models.Value(' | '), django.db.models.functions.text.Concat('family_name_en', models.Value(' '), 'given_name_en'), models.Value(' | '), models.F('name_reading'), models.Value(' | '), models.F('position_ja'), models.Value(' | '), models.F('department'), models.Value(' | '), models.F('biography_ja'), output_field=models.TextField()))), output_field=django.contrib.postgres.fields.ArrayField(base_field=models.TextField()), verbose_name='search bigrams'),
        ),
        migrations.AddIndex(
            model_name='expert',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_text'], name='expert_search_trgm_idx', opclasses=['gin_trgm_ops']),
        ),
        migrations.AddIndex(
            model_name='expert',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_bigrams'], name='expert_search_bigram_idx'),
        ),
        migrations.RunSQL(CHARACTERS_INDEX, "DROP INDEX IF EXISTS expert_search_characters_idx"),
    ]
