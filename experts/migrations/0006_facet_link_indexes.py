"""Indexes for browsing experts by facets alone (``?specialty=…&country=…``).

The link tables of ``Expert.specialties``, ``countries`` and ``languages`` are
Django's own, so their indexes are made here in SQL. Each index holds the code
then the expert, so that the experts with a code are read from the index alone
and in id order; the one on experts holds ``visibility`` beside the id, so that
the access rule is checked without reading the records.
"""

from django.db import migrations

INDEXES = {
    # Experts with a chosen specialty, country or language, from the index alone.
    "expert_specialty_link_idx": ("experts_expert_specialties", "(specialty_id, expert_id)"),
    "expert_country_link_idx": ("experts_expert_countries", "(country_id, expert_id)"),
    "expert_language_link_idx": ("experts_expert_languages", "(language_id, expert_id)"),
    # The visibility of the experts found by id through those links, without reading the records.
    "expert_visibility_by_id_idx": ("experts_expert", "(id) INCLUDE (visibility)"),
}


class Migration(migrations.Migration):
    dependencies = [
        ("experts", "0005_history_and_rule_messages"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX {name} ON {table} {columns}",
            reverse_sql=f"DROP INDEX {name}",
        )
        for name, (table, columns) in INDEXES.items()
    ]
