"""Heritage sites are found by the roman reading of their names, as experts are (``search.readings``).

``name_reading`` holds the Japanese name read word by word and the roman-letter names folded, filled
here for the existing sites and on every save (and by the importer's bulk writes); the search text
now includes it, so that "Horyuji", "Hōryū-ji", ほうりゅうじ and 法隆寺 find the same site. A name typed
in kanji finds the sites without a Japanese name by its reading, through an index of theirs alone.

PostgreSQL cannot change a generated column's expression: the search text and bigrams are dropped,
the readings written while they are gone (so that the rows are not rewritten twice), and the two
columns added again. The index of the search text's characters (0006) goes with its column and is
made again. The facet codes do not change with a name: their triggers are held meanwhile.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.db.models.functions.text
import search.columns
from django.db import migrations, models

BATCH = 2000
NAME_FIELDS = ("name_ja", "name_en", "name_fr")


def fill_readings(apps, schema_editor):
    from search.readings import place_reading

    HeritageSite = apps.get_model("heritage", "HeritageSite")
    batch = []
    for site in HeritageSite.objects.only(*NAME_FIELDS).order_by("pk").iterator(chunk_size=BATCH):
        site.name_reading = place_reading(name_ja=site.name_ja, name_en=site.name_en, name_fr=site.name_fr)
        batch.append(site)
        if len(batch) == BATCH:
            HeritageSite.objects.bulk_update(batch, ["name_reading"])
            batch = []
    HeritageSite.objects.bulk_update(batch, ["name_reading"])


CHARACTERS_INDEX = (
    "CREATE INDEX site_search_characters_idx ON heritage_heritagesite USING gin (search_characters(search_text))"
)
SEARCH_TEXT = django.db.models.functions.text.Concat(
    models.F('name_ja'), models.Value(' | '), models.F('name_en'), models.Value(' | '), models.F('name_fr'),
    models.Value(' | '), models.F('name_reading'), models.Value(' | '), models.F('description_ja'),
    output_field=models.TextField(),
)


class Migration(migrations.Migration):

    dependencies = [
        ('heritage', '0008_bigrams_of_every_text'),
    ]

    operations = [
        migrations.RunSQL("DROP INDEX IF EXISTS site_search_characters_idx", CHARACTERS_INDEX),
        migrations.RemoveIndex(model_name='heritagesite', name='heritage_search_trgm_idx'),
        migrations.RemoveIndex(model_name='heritagesite', name='heritage_search_bigram_idx'),
        migrations.RemoveField(model_name='heritagesite', name='search_text'),
        migrations.RemoveField(model_name='heritagesite', name='search_bigrams'),
        migrations.AddField(
            model_name='heritagesite',
            name='name_reading',
            field=models.TextField(blank=True, editable=False, help_text='The names in roman letters as the search spells them, made from the names above when saved.', verbose_name='reading of the names (for search)'),
        ),
        migrations.RunSQL("ALTER TABLE heritage_heritagesite DISABLE TRIGGER USER", migrations.RunSQL.noop),
        migrations.RunPython(fill_readings, migrations.RunPython.noop),
        migrations.RunSQL("ALTER TABLE heritage_heritagesite ENABLE TRIGGER USER", migrations.RunSQL.noop),
        migrations.AddField(
            model_name='heritagesite',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=search.columns.Normalized(SEARCH_TEXT), output_field=models.TextField(), verbose_name='search text'),
        ),
        migrations.AddField(
            model_name='heritagesite',
            name='search_bigrams',
            field=models.GeneratedField(db_persist=True, expression=search.columns.Bigrams(search.columns.Normalized(SEARCH_TEXT)), output_field=django.contrib.postgres.fields.ArrayField(base_field=models.TextField()), verbose_name='search bigrams'),
        ),
        migrations.AddIndex(
            model_name='heritagesite',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_text'], name='heritage_search_trgm_idx', opclasses=['gin_trgm_ops']),
        ),
        migrations.AddIndex(
            model_name='heritagesite',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_bigrams'], name='heritage_search_bigram_idx'),
        ),
        migrations.RunSQL(CHARACTERS_INDEX, "DROP INDEX IF EXISTS site_search_characters_idx"),
        migrations.AddIndex(
            model_name='heritagesite',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.indexes.OpClass(search.columns.PaddedReading(models.F('name_reading')), name='gin_trgm_ops'), condition=models.Q(('name_ja', '')), name='heritage_kanjiless_reading_idx'),
        ),
    ]
