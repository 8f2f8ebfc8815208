"""The sites' link table to countries indexed for the facets: see search.link_indexes."""

from django.db import migrations

from search.link_indexes import link_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("heritage", "0004_history_and_rule_messages"),
    ]

    operations = link_indexes("heritage_heritagesite_countries", "heritagesite_id", "country_id", "site_country_link_idx")
