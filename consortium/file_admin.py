"""The admin's file inputs link the current file to its guarded download, not to a storage path."""

from django.contrib.admin.widgets import AdminFileWidget
from django.db import models


class _CurrentFile:
    def __init__(self, fieldfile):
        instance = fieldfile.instance
        if fieldfile.field.name == "image":
            self.url = instance.image_url
        else:
            self.url = instance.href if hasattr(instance, "href") else instance.get_absolute_url()
        self.name = fieldfile.name

    def __str__(self):
        return self.name


class PortalFileWidget(AdminFileWidget):
    def format_value(self, value):
        value = super().format_value(value)
        return _CurrentFile(value) if value else value


# For an admin's formfield_overrides: every file and image field of the model.
PORTAL_FILE_FIELDS = {models.FileField: {"widget": PortalFileWidget}, models.ImageField: {"widget": PortalFileWidget}}
