from django.db import migrations

from consortium.files import move_to_random_names


def move_files(apps, schema_editor):
    move_to_random_names(apps.get_model("projects", "ProjectDocument"), "file", "projects/documents")


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0010_files_under_random_names_with_original_names"),
    ]

    operations = [
        # Files saved before keep working: stored under random names, downloaded under their old one.
        migrations.RunPython(move_files, migrations.RunPython.noop),
    ]
