from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortium.bilingual import BilingualNameMixin, Localized, localized, localized_names
from consortium.models import Country
from members.access import VisibleQuerySet
from search import readings
from search.columns import SEARCH_COLUMNS, SearchableQuerySet, generated_search_fields, reading_index
from search.facet_codes import FacetCodes, record_link

# Names in every language, their roman reading and the Japanese description, for substring search
# and (the Japanese) two-character words: see search.columns.
SEARCH_TEXT = ("name_ja", "name_en", "name_fr", "name_reading", "description_ja")
NAME_FIELDS = ("name_ja", "name_en", "name_fr")
WITHOUT_KANJI = ("name_ja",)
"""The name field empty for the sites without a Japanese name: a term in kanji finds them by its reading
(``search.matching.ReadAs``)."""


class Threat(BilingualNameMixin, models.Model):
    """A danger a site faces: conflict, earthquake, flood, fire, climate, development, looting…"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("threat")
        verbose_name_plural = _("threats")
        ordering = ["code"]


class HeritageSiteQuerySet(SearchableQuerySet, VisibleQuerySet):
    # Sites carry no staff-only flag: every site is for the database's users.
    visibility_lookup = None
    long_texts = ("description_en", "description_fr", "description_ja")

    def for_list(self):
        return super().for_list().annotate(country_names=localized_names(Country, "heritage_sites"))

    # The importer writes sites in bulk, bypassing save(): their readings are made here as well.
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for site in objs:
            site.name_reading = site.reading()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if set(fields) & set(NAME_FIELDS):
            for site in objs:
                site.name_reading = site.reading()
            fields = [*fields, "name_reading"]
        return super().bulk_update(objs, fields, *args, **kwargs)


class HeritageSite(models.Model):
    """A heritage property: a World Heritage site, or one the consortium records itself."""

    class Category(models.TextChoices):
        CULTURAL = "cultural", _("cultural")
        NATURAL = "natural", _("natural")
        MIXED = "mixed", _("mixed")
        INTANGIBLE = "intangible", _("intangible")
        OTHER = "other", _("other")

    name_en = models.CharField(_("name (English)"), max_length=400, blank=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=400, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=400, blank=True)
    name_reading = models.TextField(
        _("reading of the names (for search)"),
        blank=True,
        editable=False,
        help_text=_("The names in roman letters as the search spells them, made from the names above when saved."),
    )
    whc_id = models.PositiveIntegerField(
        _("World Heritage id"), null=True, blank=True, help_text=_("The property's number on UNESCO's list.")
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    countries = models.ManyToManyField(
        "consortium.Country", verbose_name=_("countries"), blank=True, related_name="heritage_sites"
    )
    transboundary = models.BooleanField(_("transboundary"), default=False)
    inscription_year = models.PositiveSmallIntegerField(_("year of inscription"), null=True, blank=True)
    criteria = ArrayField(
        models.CharField(max_length=4),
        verbose_name=_("criteria"),
        default=list,
        blank=True,
        help_text=_("World Heritage criteria, as roman numerals: i to x."),
    )
    in_danger = models.BooleanField(_("on the List in Danger"), default=False)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    area_hectares = models.DecimalField(_("area (hectares)"), max_digits=14, decimal_places=2, null=True, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_ja = models.TextField(_("description (Japanese)"), blank=True)
    threats = models.ManyToManyField(Threat, verbose_name=_("threats"), blank=True, related_name="sites")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_text, search_bigrams, search_document = generated_search_fields(
        text=SEARCH_TEXT,
        document_weights={"A": ["name_en", "name_fr"], "B": ["description_en"]},
    )
    history = HistoricalRecords(
        m2m_fields=[countries, threats],
        # The reading is made from the names, which the history keeps.
        excluded_fields=[*SEARCH_COLUMNS, "name_reading"],
    )

    objects = HeritageSiteQuerySet.as_manager()

    without_kanji = WITHOUT_KANJI

    class Meta:
        verbose_name = _("heritage site")
        verbose_name_plural = _("heritage sites")
        ordering = ["name_en"]
        constraints = [
            # UNESCO's number identifies a property; the importer updates by it.
            models.UniqueConstraint(fields=["whc_id"], name="heritage_site_whc_id_unique"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="heritage_site_latitude_range",
                violation_error_message=_("The latitude must be between -90 and 90."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="heritage_site_longitude_range",
                violation_error_message=_("The longitude must be between -180 and 180."),
            ),
            # Coordinates come in pairs.
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="heritage_site_coordinates_paired",
                violation_error_message=_("Give both the latitude and the longitude, or neither."),
            ),
            models.CheckConstraint(
                condition=~Q(name_en="", name_ja="", name_fr=""),
                name="heritage_site_has_a_name",
                violation_error_message=_("Give the name in at least one language."),
            ),
        ]
        indexes = [
            # Facets on the site search: category, danger, inscription year.
            models.Index(fields=["category"], name="heritage_site_category_idx"),
            models.Index(fields=["in_danger"], name="heritage_site_danger_idx", condition=Q(in_danger=True)),
            models.Index(fields=["inscription_year"], name="heritage_site_year_idx"),
            # Search: English and French words; substrings of 3+ characters; Japanese two-character words.
            GinIndex(fields=["search_document"], name="heritage_search_doc_idx"),
            GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name="heritage_search_trgm_idx"),
            GinIndex(fields=["search_bigrams"], name="heritage_search_bigram_idx"),
            # A name in kanji searched for by its reading among the sites without a Japanese name.
            reading_index("heritage_kanjiless_reading_idx", empty=WITHOUT_KANJI),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_reading = self.reading()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_reading"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("heritage:detail", args=[self.pk])

    def reading(self):
        """The roman readings of the names the search finds the site by (``search.readings``)."""
        return readings.place_reading(name_ja=self.name_ja, name_en=self.name_en, name_fr=self.name_fr)

    @property
    def name(self):
        return localized(self, "name").text or self.name_fr

    @property
    def heading(self):
        """The name a search result shows: in the page's language, the other, or else French."""
        name = localized(self, "name")
        return name if name.text else Localized(self.name_fr, "fr", True)

    @property
    def other_headings(self):
        """The site's names in its other languages, under the heading of a search result."""
        shown = self.heading.text
        return [name for name in (self.name_ja, self.name_en, self.name_fr) if name and name != shown]


class DangerPeriod(models.Model):
    """A time on UNESCO's List of World Heritage in Danger; an open end means it still is."""

    site = models.ForeignKey(
        HeritageSite, verbose_name=_("site"), on_delete=models.CASCADE, related_name="danger_periods"
    )
    start_year = models.PositiveSmallIntegerField(_("from"))
    end_year = models.PositiveSmallIntegerField(_("until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("period in danger")
        verbose_name_plural = _("periods in danger")
        ordering = ["site", "start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="danger_period_end_after_start",
                violation_error_message=_("The end year is before the first year."),
            ),
            models.UniqueConstraint(fields=["site", "start_year"], name="danger_period_site_start_unique"),
        ]

    def __str__(self):
        return f"{self.start_year}–{self.end_year or ''}"


class SiteFacetCodes(FacetCodes):
    """The facet codes of a heritage site (``search.facet_codes``), kept by the database's triggers."""

    site = record_link(HeritageSite)
