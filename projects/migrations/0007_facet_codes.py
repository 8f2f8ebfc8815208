"""Each project's facet codes in one row, kept by triggers (``search.facet_codes``).

The codes are those of ``projects.filters.ProjectFilterSet``'s facets: kind, funder, country,
the countries' sub-committee regions and status.
"""

import django.contrib.postgres.fields
import django.db.models.deletion
from django.db import migrations, models

from search.facet_codes import facet_code_operations

CODES = """
    SELECT 'kind:' || r.kind
    UNION SELECT 'status:' || r.status
    UNION SELECT 'funder:' || l.funder_id FROM projects_cooperationproject_funders l WHERE l.cooperationproject_id = r.id
    UNION SELECT 'country:' || l.country_id
        FROM projects_cooperationproject_countries l WHERE l.cooperationproject_id = r.id
    UNION SELECT 'region:' || c.subcommittee_region_id
        FROM projects_cooperationproject_countries l JOIN consortium_country c ON c.code = l.country_id
        WHERE l.cooperationproject_id = r.id AND c.subcommittee_region_id IS NOT NULL
"""


class Migration(migrations.Migration):

    dependencies = [
        ('consortium', '0006_facet_code_triggers'),
        ('projects', '0006_search_characters'),
    ]

    operations = [
        migrations.CreateModel(
            name='ProjectFacetCodes',
            fields=[
                ('codes', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=80), default=list)),
                ('project', models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to='projects.cooperationproject')),
            ],
            options={
                'abstract': False,
            },
        ),
        *facet_code_operations(
            codes_table="projects_projectfacetcodes",
            record_table="projects_cooperationproject",
            record_column="project_id",
            codes_sql=CODES,
            links=[
                ("projects_cooperationproject_funders", "cooperationproject_id"),
                ("projects_cooperationproject_countries", "cooperationproject_id"),
            ],
            depends_on=[
                (
                    "consortium_country",
                    "code",
                    ["subcommittee_region_id"],
                    "SELECT cooperationproject_id FROM projects_cooperationproject_countries WHERE country_id = $1",
                ),
            ],
        ),
    ]
