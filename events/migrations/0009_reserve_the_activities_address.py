"""about/activities/ is the activity reports' address: no outreach page may take the slug "activities", and
a page that had it (the demo's "What we do") moves to "what-we-do", which its title says, so that both keep
an address."""

from django.db import migrations, models

import events.models.pages

RESERVED = "activities"
NEW_SLUG = "what-we-do"


def move_the_page(apps, schema_editor):
    Page = apps.get_model("events", "Page")
    page = Page.objects.filter(slug=RESERVED).first()
    if page is None:
        return
    slug = NEW_SLUG
    if Page.objects.filter(slug=slug).exists():
        slug = f"{NEW_SLUG}-{page.pk}"
    page.slug = slug
    page.save(update_fields=["slug"])


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0008_activity_forewords'),
    ]

    operations = [
        migrations.RunPython(move_the_page, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='historicalpage',
            name='slug',
            field=models.SlugField(help_text="The last part of the page's address: lower-case letters, digits and hyphens.", max_length=80, validators=[events.models.pages.validate_page_slug], verbose_name='address (slug)'),
        ),
        migrations.AlterField(
            model_name='page',
            name='slug',
            field=models.SlugField(help_text="The last part of the page's address: lower-case letters, digits and hyphens.", max_length=80, unique=True, validators=[events.models.pages.validate_page_slug], verbose_name='address (slug)'),
        ),
    ]
