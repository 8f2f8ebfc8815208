"""A name typed in kanji finds the experts recorded without kanji by its reading (``search.matching.ReadAs``).

The index holds the padded readings of the experts whose names are written without kanji alone (the
foreign experts, and the few recorded in kana or roman letters only), so that looking a reading up
there costs next to nothing beside the search of the kanji themselves.
"""

import django.contrib.postgres.indexes
import search.columns
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('experts', '0014_record_views_of_contact_details'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='expert',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.indexes.OpClass(search.columns.PaddedReading(models.F('name_reading')), name='gin_trgm_ops'), condition=models.Q(('family_name', ''), ('given_name', '')), name='expert_kanjiless_reading_idx'),
        ),
    ]
