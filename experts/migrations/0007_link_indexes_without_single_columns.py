"""The experts' link tables keep their (expert, code) and (code, expert) indexes only: see search.link_indexes."""

from django.db import migrations

from search.link_indexes import drop_single_column_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("experts", "0006_facet_link_indexes"),
    ]

    operations = [
        drop_single_column_indexes("experts_expert_specialties", "expert_id", "specialty_id"),
        drop_single_column_indexes("experts_expert_countries", "expert_id", "country_id"),
        drop_single_column_indexes("experts_expert_languages", "expert_id", "language_id"),
    ]
