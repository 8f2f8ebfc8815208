from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortium.bilingual import BilingualNameMixin, Localized, current_language, localized_names
from consortium.models import Country
from consortium.visibility import Visibility
from experts import identifiers
from experts.models_claims import ExpertClaim, ExpertRecordRequest  # noqa: F401 (registered with the app)
from experts.models_publications import Publication  # noqa: F401 (registered with the app)
from members.access import VisibleQuerySet
from search import readings
from search.columns import SEARCH_COLUMNS, SearchableQuerySet, generated_search_fields, reading_index
from search.facet_codes import FacetCodes, record_link


class Specialty(BilingualNameMixin, models.Model):
    """A field of expertise, from a controlled bilingual vocabulary."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")
        ordering = ["order", "code"]


# Names in every script and order ("山田太郎", "やまだたろう", "taro yamada",
# "yamada taro"), the name's roman reading and the Japanese texts, for substring
# search and (the Japanese) two-character words: see search.columns.
SEARCH_TEXT = (
    Concat("family_name", "given_name"),
    Concat("family_name_kana", "given_name_kana"),
    Concat("given_name_en", Value(" "), "family_name_en"),
    Concat("family_name_en", Value(" "), "given_name_en"),
    "name_reading",
    "position_ja",
    "department",
    "biography_ja",
)

WITHOUT_KANJI = ("family_name", "given_name")
"""The name fields empty for the experts whose names are written without kanji: a term in kanji finds them by
its reading (``search.matching.ReadAs``), since their records do not say which kanji their names have."""


class ExpertQuerySet(SearchableQuerySet, VisibleQuerySet):
    long_texts = ("biography_ja", "biography_en")

    def for_list(self):
        return (
            super()
            .for_list()
            .select_related("organization")
            .annotate(
                specialty_names=localized_names(Specialty, "experts"),
                country_names=localized_names(Country, "experts"),
            )
        )

    def for_detail(self):
        return super().for_detail().select_related("organization", "organization__country")


class Expert(models.Model):
    """A specialist in cultural heritage cooperation.

    Japanese records keep family and given names apart, in kanji, in kana and
    in roman letters; a person without a name in Japanese script has only the
    roman-letter fields.
    """

    family_name = models.CharField(_("family name (kanji)"), max_length=100, blank=True)
    given_name = models.CharField(_("given name (kanji)"), max_length=100, blank=True)
    family_name_kana = models.CharField(_("family name (kana)"), max_length=100, blank=True)
    given_name_kana = models.CharField(_("given name (kana)"), max_length=100, blank=True)
    family_name_en = models.CharField(_("family name (roman letters)"), max_length=100, blank=True)
    given_name_en = models.CharField(_("given name (roman letters)"), max_length=100, blank=True)
    name_reading = models.CharField(
        _("name reading (for search)"),
        max_length=500,
        blank=True,
        editable=False,
        help_text=_("The name in roman letters as the search spells it, made from the names above when saved."),
    )
    organization = models.ForeignKey(
        "members.Organization",
        verbose_name=_("affiliation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="experts",
    )
    department = models.CharField(_("department"), max_length=200, blank=True)
    position_ja = models.CharField(_("position (Japanese)"), max_length=200, blank=True)
    position_en = models.CharField(_("position (English)"), max_length=200, blank=True)
    specialties = models.ManyToManyField(Specialty, verbose_name=_("specialties"), blank=True, related_name="experts")
    countries = models.ManyToManyField(
        "consortium.Country",
        verbose_name=_("countries of field experience"),
        blank=True,
        related_name="experts",
    )
    languages = models.ManyToManyField(
        "consortium.Language", verbose_name=_("languages"), blank=True, related_name="experts"
    )
    biography_ja = models.TextField(_("biography (Japanese)"), blank=True)
    biography_en = models.TextField(_("biography (English)"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert",
        help_text=_("The member who may edit this record from their own page."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    orcid = models.CharField(
        _("ORCID iD"),
        max_length=19,
        blank=True,
        validators=[identifiers.validate_orcid],
        help_text=_("Sixteen characters, such as 0000-0002-1825-0097."),
    )
    researchmap_id = models.CharField(
        _("researchmap ID"),
        max_length=20,
        blank=True,
        validators=[identifiers.validate_researchmap],
        help_text=_("The end of the researchmap address: https://researchmap.jp/<ID>."),
    )
    kaken_number = models.CharField(
        _("KAKEN researcher number"),
        max_length=8,
        blank=True,
        validators=[identifiers.validate_kaken],
        help_text=_("The eight-digit researcher number (e-Rad)."),
    )
    staff_note = models.TextField(
        _("staff notes"), blank=True, help_text=_("For staff only: never shown to members or to the expert.")
    )
    confirmed_at = models.DateField(
        _("last confirmed by the expert"),
        null=True,
        blank=True,
        help_text=_("The day the expert last said that this record is correct, or saved it themselves."),
    )
    confirmation_asked_at = models.DateTimeField(
        _("confirmation last asked"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the expert was last asked by e-mail to confirm this record."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_text, search_bigrams, search_document = generated_search_fields(
        text=SEARCH_TEXT,
        document_weights={
            "A": ["given_name_en", "family_name_en"],
            "B": ["position_en", "department"],
            "C": ["biography_en"],
        },
    )
    history = HistoricalRecords(
        m2m_fields=[specialties, countries, languages],
        # The reading is made from the names, which the history keeps.
        # When the expert was last asked is the yearly command's bookkeeping, not a change of the record.
        excluded_fields=[*SEARCH_COLUMNS, "name_reading", "confirmation_asked_at"],
    )

    objects = ExpertQuerySet.as_manager()

    without_kanji = WITHOUT_KANJI

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["family_name_en", "given_name_en"]
        constraints = [
            # A record nobody can name is of no use: roman letters or kanji at least.
            models.CheckConstraint(
                condition=~models.Q(family_name="", family_name_en=""),
                name="expert_has_a_family_name",
                violation_error_message=_("Give the family name in kanji or in roman letters."),
            ),
            # A researcher identifier names one person, so one record: a second record with it is a duplicate.
            models.UniqueConstraint(
                fields=["orcid"],
                condition=~models.Q(orcid=""),
                name="expert_orcid_unique",
                violation_error_message=_("Another expert record has this ORCID iD."),
            ),
            models.UniqueConstraint(
                fields=["researchmap_id"],
                condition=~models.Q(researchmap_id=""),
                name="expert_researchmap_unique",
                violation_error_message=_("Another expert record has this researchmap ID."),
            ),
            models.UniqueConstraint(
                fields=["kaken_number"],
                condition=~models.Q(kaken_number=""),
                name="expert_kaken_unique",
                violation_error_message=_("Another expert record has this KAKEN researcher number."),
            ),
        ]
        indexes = [
            # The list pages' name orders, every key of each (experts.filters), so that a page of a browse is
            # read from the index however many share a first key (the experts recorded without a reading, or
            # without a roman name): English pages by roman name, Japanese ones by reading.
            models.Index(
                fields=["family_name_en", "given_name_en", "family_name_kana", "id"], name="expert_roman_order_idx"
            ),
            models.Index(
                fields=["family_name_kana", "given_name_kana", "family_name_en", "given_name_en", "id"],
                name="expert_kana_order_idx",
            ),
            # "Recently updated" sort.
            models.Index(fields=["-updated_at"], name="expert_updated_idx"),
            # The records whose experts are due to confirm them (experts.confirmation), and the admin's filter.
            models.Index(
                fields=["confirmed_at"], condition=models.Q(user__isnull=False), name="expert_claimed_confirmed_idx"
            ),
            # Search: English words; substrings of 3+ characters; Japanese two-character words.
            GinIndex(fields=["search_document"], name="expert_search_document_idx"),
            GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name="expert_search_trgm_idx"),
            GinIndex(fields=["search_bigrams"], name="expert_search_bigram_idx"),
            # A name in kanji searched for by its reading among the names written without it: few rows.
            reading_index("expert_kanjiless_reading_idx", empty=WITHOUT_KANJI),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.name_reading = self.reading()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_reading"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("experts:detail", args=[self.pk])

    def reading(self):
        """The roman reading of the name the search finds the person by (``search.readings``)."""
        return readings.name_reading(
            family=self.family_name,
            given=self.given_name,
            family_kana=self.family_name_kana,
            given_kana=self.given_name_kana,
            family_en=self.family_name_en,
            given_en=self.given_name_en,
        )

    @property
    def identifier_links(self):
        """(label, identifier, address) of each researcher identifier the record holds."""
        links = []
        if self.orcid:
            links.append(("ORCID iD", self.orcid, identifiers.orcid_url(self.orcid)))
        if self.researchmap_id:
            links.append(("researchmap", self.researchmap_id, identifiers.researchmap_url(self.researchmap_id)))
        if self.kaken_number:
            links.append((_("KAKEN researcher number"), self.kaken_number, identifiers.kaken_url(self.kaken_number)))
        return links

    @property
    def name_ja(self):
        return f"{self.family_name} {self.given_name}".strip()

    @property
    def name_kana(self):
        return f"{self.family_name_kana} {self.given_name_kana}".strip()

    @property
    def name_en(self):
        return f"{self.given_name_en} {self.family_name_en}".strip()

    @property
    def display_name(self):
        """Kanji on Japanese pages, roman letters on English ones, whichever exists otherwise."""
        if current_language() == "ja":
            return self.name_ja or self.name_en
        return self.name_en or self.name_ja

    @property
    def heading(self):
        """The name a search result shows (``display_name``), with its language."""
        name = self.display_name
        return Localized(name, "ja" if name and name == self.name_ja else "en", False)

    @property
    def other_headings(self):
        """The person's names in the other scripts, under the heading of a search result."""
        shown = self.display_name
        return [name for name in (self.name_ja, self.name_kana, self.name_en) if name and name != shown]


class ExpertFacetCodes(FacetCodes):
    """The facet codes of an expert (``search.facet_codes``), kept by the database's triggers."""

    expert = record_link(Expert)


class ContactView(models.Model):
    """A view of an expert's contact details on the expert's page: who, whose, when, as ``DataExport`` records
    exports. Written by ``experts.contact_details``, which also counts them for the daily limit."""

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("viewer"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="expert_contact_views",
    )
    viewer_email = models.EmailField(
        _("viewer's e-mail"), help_text=_("Kept when the account is closed, so the record still says who.")
    )
    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.SET_NULL, null=True, related_name="contact_views"
    )
    expert_name = models.CharField(
        _("expert's name"), max_length=300, help_text=_("Kept when the record is deleted, so the record says whose.")
    )
    viewed_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("view of contact details")
        verbose_name_plural = _("views of contact details")
        ordering = ["-viewed_at"]
        indexes = [
            # The daily limit: one member's views since midnight; and their own data download.
            models.Index(fields=["viewer", "-viewed_at"], name="contact_view_viewer_idx"),
            # The admin's list, newest first, and the retention command's oldest records.
            models.Index(fields=["-viewed_at"], name="contact_view_when_idx"),
        ]

    def __str__(self):
        return f"{self.viewer_email} → {self.expert_name} · {timezone.localtime(self.viewed_at):%Y-%m-%d %H:%M}"
