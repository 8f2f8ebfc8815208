"""The projects' link tables indexed for the facets: see search.link_indexes."""

from django.db import migrations

from search.link_indexes import link_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0004_history_and_rule_messages"),
    ]

    operations = [
        *link_indexes("projects_cooperationproject_countries", "cooperationproject_id", "country_id", "project_country_link_idx"),
        *link_indexes("projects_cooperationproject_funders", "cooperationproject_id", "funder_id", "project_funder_link_idx"),
    ]
