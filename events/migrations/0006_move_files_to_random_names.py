from django.db import migrations

from consortium.files import move_to_random_names


def move_files(apps, schema_editor):
    move_to_random_names(apps.get_model("events", "Material"), "file", "events/materials")
    move_to_random_names(apps.get_model("events", "NewsAttachment"), "file", "news/attachments")
    move_to_random_names(
        apps.get_model("events", "NewsArticle"), "image", "news/images", name_field="image_original_name"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_files_under_random_names_with_original_names"),
    ]

    operations = [
        # Files saved before keep working: stored under random names, downloaded under their old one.
        migrations.RunPython(move_files, migrations.RunPython.noop),
    ]
