"""One-character Japanese searches of sites by index: see experts' migration 0009."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("heritage", "0005_link_indexes"),
        ("experts", "0009_search_characters"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX site_search_characters_idx ON heritage_heritagesite "
            "USING gin (search_characters(search_text))",
            reverse_sql="DROP INDEX site_search_characters_idx",
        ),
    ]
