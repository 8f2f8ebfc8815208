"""Each expert's facet codes in one row, kept by triggers (``search.facet_codes``).

The codes are those of ``experts.filters.ExpertFilterSet``'s facets: specialty, country, the
countries' sub-committee regions, language and the organisation's kind.
"""

import django.contrib.postgres.fields
import django.db.models.deletion
from django.db import migrations, models

from search.facet_codes import facet_code_operations

CODES = """
    SELECT 'specialty:' || l.specialty_id FROM experts_expert_specialties l WHERE l.expert_id = r.id
    UNION SELECT 'country:' || l.country_id FROM experts_expert_countries l WHERE l.expert_id = r.id
    UNION SELECT 'region:' || c.subcommittee_region_id
        FROM experts_expert_countries l JOIN consortium_country c ON c.code = l.country_id
        WHERE l.expert_id = r.id AND c.subcommittee_region_id IS NOT NULL
    UNION SELECT 'language:' || l.language_id FROM experts_expert_languages l WHERE l.expert_id = r.id
    UNION SELECT 'organization_kind:' || o.kind FROM members_organization o WHERE o.id = r.organization_id
"""


class Migration(migrations.Migration):

    dependencies = [
        ('consortium', '0006_facet_code_triggers'),
        ('experts', '0009_search_characters'),
        ('members', '0005_membership_leaving_note'),
    ]

    operations = [
        migrations.CreateModel(
            name='ExpertFacetCodes',
            fields=[
                ('codes', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=80), default=list)),
                ('expert', models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to='experts.expert')),
            ],
            options={
                'abstract': False,
            },
        ),
        *facet_code_operations(
            codes_table="experts_expertfacetcodes",
            record_table="experts_expert",
            record_column="expert_id",
            codes_sql=CODES,
            links=[
                ("experts_expert_specialties", "expert_id"),
                ("experts_expert_countries", "expert_id"),
                ("experts_expert_languages", "expert_id"),
            ],
            depends_on=[
                ("members_organization", "id", ["kind"], "SELECT id FROM experts_expert WHERE organization_id = $1::bigint"),
                (
                    "consortium_country",
                    "code",
                    ["subcommittee_region_id"],
                    "SELECT expert_id FROM experts_expert_countries WHERE country_id = $1",
                ),
            ],
        ),
    ]
