from django.db import models
from django.utils.translation import gettext_lazy as _

from consortium.bilingual import BilingualNameMixin


class Region(BilingualNameMixin, models.Model):
    """A group of countries: one of UNESCO's regions or one of the consortium's sub-committee regions."""

    class Scheme(models.TextChoices):
        UNESCO = "unesco", _("UNESCO region")
        SUBCOMMITTEE = "subcommittee", _("sub-committee region")

    scheme = models.CharField(_("scheme"), max_length=16, choices=Scheme.choices)
    code = models.SlugField(_("code"), max_length=40)
    name_ja = models.CharField(_("name (Japanese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["scheme", "order", "code"]
        constraints = [
            # Codes are what URLs and facets use: one per scheme.
            models.UniqueConstraint(fields=["scheme", "code"], name="region_scheme_code_unique"),
        ]


class Country(BilingualNameMixin, models.Model):
    """A country or territory with its ISO 3166-1 alpha-2 code, loaded by a data migration."""

    code = models.CharField(_("ISO 3166-1 code"), max_length=2, primary_key=True)
    alpha3 = models.CharField(_("ISO 3166-1 alpha-3 code"), max_length=3, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    unesco_region = models.ForeignKey(
        Region,
        verbose_name=_("UNESCO region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="unesco_countries",
        limit_choices_to={"scheme": Region.Scheme.UNESCO},
    )
    subcommittee_region = models.ForeignKey(
        Region,
        verbose_name=_("sub-committee region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subcommittee_countries",
        limit_choices_to={"scheme": Region.Scheme.SUBCOMMITTEE},
    )

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name_en"]


class Language(BilingualNameMixin, models.Model):
    """A language a person speaks, by its ISO 639 code, loaded by a data migration."""

    code = models.CharField(_("ISO 639 code"), max_length=8, primary_key=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["name_en"]
