"""Each heritage site's facet codes in one row, kept by triggers (``search.facet_codes``).

The codes are those of ``heritage.filters.HeritageSiteFilterSet``'s facets: category, country,
the countries' UNESCO regions, in danger or not, on the World Heritage List or not.
"""

import django.contrib.postgres.fields
import django.db.models.deletion
from django.db import migrations, models

from search.facet_codes import facet_code_operations

CODES = """
    SELECT 'category:' || r.category
    UNION SELECT 'country:' || l.country_id FROM heritage_heritagesite_countries l WHERE l.heritagesite_id = r.id
    UNION SELECT 'region:' || c.unesco_region_id
        FROM heritage_heritagesite_countries l JOIN consortium_country c ON c.code = l.country_id
        WHERE l.heritagesite_id = r.id AND c.unesco_region_id IS NOT NULL
    UNION SELECT 'in_danger:' || CASE WHEN r.in_danger THEN 'yes' ELSE 'no' END
    UNION SELECT 'world_heritage:' || CASE WHEN r.whc_id IS NOT NULL THEN 'yes' ELSE 'no' END
"""


class Migration(migrations.Migration):

    dependencies = [
        ('consortium', '0006_facet_code_triggers'),
        ('heritage', '0006_search_characters'),
    ]

    operations = [
        migrations.CreateModel(
            name='SiteFacetCodes',
            fields=[
                ('codes', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=80), default=list)),
                ('site', models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to='heritage.heritagesite')),
            ],
            options={
                'abstract': False,
            },
        ),
        *facet_code_operations(
            codes_table="heritage_sitefacetcodes",
            record_table="heritage_heritagesite",
            record_column="site_id",
            codes_sql=CODES,
            links=[("heritage_heritagesite_countries", "heritagesite_id")],
            depends_on=[
                (
                    "consortium_country",
                    "code",
                    ["unesco_region_id"],
                    "SELECT heritagesite_id FROM heritage_heritagesite_countries WHERE country_id = $1",
                ),
            ],
        ),
    ]
