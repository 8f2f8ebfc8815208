"""The list pages' title orders indexed whole (see CooperationProject.Meta.indexes)."""

import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0014_bigrams_of_every_text"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="cooperationproject",
            index=models.Index(
                models.OrderBy(
                    django.db.models.functions.comparison.NullIf(models.F("title_ja"), models.Value("")),
                    nulls_last=True,
                ),
                models.OrderBy(
                    django.db.models.functions.comparison.NullIf(models.F("title_en"), models.Value("")),
                    nulls_last=True,
                ),
                models.OrderBy(models.F("id")),
                name="project_title_ja_order_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="cooperationproject",
            index=models.Index(
                models.OrderBy(
                    django.db.models.functions.comparison.NullIf(models.F("title_en"), models.Value("")),
                    nulls_last=True,
                ),
                models.OrderBy(
                    django.db.models.functions.comparison.NullIf(models.F("title_ja"), models.Value("")),
                    nulls_last=True,
                ),
                models.OrderBy(models.F("id")),
                name="project_title_en_order_idx",
            ),
        ),
    ]
