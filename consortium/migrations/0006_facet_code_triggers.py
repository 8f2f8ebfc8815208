"""The trigger functions that keep each record's facet codes (``search.facet_codes``)."""

from django.db import migrations

from search.facet_codes import DROP_TRIGGER_FUNCTIONS, TRIGGER_FUNCTIONS


class Migration(migrations.Migration):
    dependencies = [
        ("consortium", "0005_history_and_rule_messages"),
    ]

    operations = [
        migrations.RunSQL(TRIGGER_FUNCTIONS, reverse_sql=DROP_TRIGGER_FUNCTIONS),
    ]
