"""Record visibility shared by the database's models: members, or staff only. Who sees which is
members.access's to say (``VisibleQuerySet``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    MEMBERS = "members", _("members")
    STAFF = "staff", _("staff only")
