"""Heritage sites are found by two-character Japanese words in their descriptions, not only names.

The bigrams cover the whole search text now. PostgreSQL cannot change a generated column's
expression, so the column is dropped and added again.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.db.models.functions.text
import search.columns
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('heritage', '0007_facet_codes'),
        ('search', '0001_variant_kanji'),
    ]

    operations = [
        migrations.RemoveIndex(model_name='heritagesite', name='heritage_search_bigram_idx'),
        migrations.RemoveField(model_name='heritagesite', name='search_bigrams'),
        migrations.AddField(
            model_name='heritagesite',
            name='search_bigrams',
            field=models.GeneratedField(db_persist=True, expression=search.columns.Bigrams(search.columns.Normalized(django.db.models.functions.text.Concat(models.F('name_ja'), models.Value(' | '), models.F('name_en'), models.Value(' | '), models.F('name_fr'), models.Value(' | '), models.F('description_ja'), output_field=models.TextField()))), output_field=django.contrib.postgres.fields.ArrayField(base_field=models.TextField()), verbose_name='search bigrams'),
        ),
        migrations.AddIndex(
            model_name='heritagesite',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_bigrams'], name='heritage_search_bigram_idx'),
        ),
    ]
