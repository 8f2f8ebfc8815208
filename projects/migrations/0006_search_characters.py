"""One-character Japanese searches of projects by index: see experts' migration 0009."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0005_link_indexes"),
        ("experts", "0009_search_characters"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX project_search_characters_idx ON projects_cooperationproject "
            "USING gin (search_characters(search_text))",
            reverse_sql="DROP INDEX project_search_characters_idx",
        ),
    ]
