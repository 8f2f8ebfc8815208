"""An expert's publications, which the expert keeps on their own record (and staff in the admin)."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from experts import identifiers

EARLIEST_YEAR = 1900


class Publication(models.Model):
    """One publication of an expert: its citation as the expert writes it, year, address or DOI."""

    expert = models.ForeignKey(
        "experts.Expert", verbose_name=_("expert"), on_delete=models.CASCADE, related_name="publications"
    )
    citation = models.TextField(
        _("citation"),
        max_length=1000,
        help_text=_("Authors, title, where and when it was published, as you would cite it."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=[MinValueValidator(EARLIEST_YEAR)]
    )
    url = models.URLField(_("web address"), max_length=500, blank=True)
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        validators=[identifiers.validate_doi],
        help_text=_("Such as 10.1000/xyz123."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["order", "pk"]
        indexes = [
            # An expert's page and edit form list their publications in order.
            models.Index(fields=["expert", "order"], name="publication_expert_order_idx"),
        ]

    def __str__(self):
        return Truncator(self.citation).chars(80)

    def get_absolute_url(self):
        return self.expert.get_absolute_url()

    def clean(self):
        latest = timezone.localdate().year + 1
        if self.year is not None and self.year > latest:
            raise ValidationError({"year": _("Give a year no later than %(year)d.") % {"year": latest}})

    @property
    def link(self):
        """Where the publication can be read: its DOI's address, else its web address."""
        return identifiers.doi_url(self.doi) if self.doi else self.url
