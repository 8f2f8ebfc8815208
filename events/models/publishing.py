from django.db import models
from django.utils.translation import gettext_lazy as _

from consortium.bilingual import localized

SLUG_HELP = _("The last part of the page's address: lower-case letters, digits and hyphens.")


class BilingualTitleMixin:
    """``title`` in the visitor's language, falling back to the other one."""

    @property
    def title(self):
        return localized(self, "title").text

    def __str__(self):
        return self.title


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
