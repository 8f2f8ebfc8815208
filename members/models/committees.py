"""The consortium's committees: the planning committee, the regional sub-committees and working groups."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortium.bilingual import BilingualNameMixin


class SubCommittee(BilingualNameMixin, models.Model):
    """A regional or thematic sub-committee that members may join."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    region = models.ForeignKey(
        "consortium.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"scheme": "subcommittee"},
    )
    description_ja = models.TextField(_("description (Japanese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sub-committee")
        verbose_name_plural = _("sub-committees")
        ordering = ["order", "code"]
