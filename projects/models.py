from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import NullIf
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortium.bilingual import BilingualNameMixin, localized, localized_names
from consortium.files import RandomName, name_for_download, remember_original_name
from consortium.fiscal import fiscal_year_range_label
from consortium.models import Country
from consortium.uploads import validate_document
from consortium.visibility import Visibility
from members.access import VisibleQuerySet
from search.columns import SEARCH_COLUMNS, SearchableQuerySet, generated_search_fields
from search.facet_codes import FacetCodes, record_link

# Titles in both languages and the Japanese summary and outcomes, for substring search and
# (the Japanese) two-character words: see search.columns.
SEARCH_TEXT = ("title_ja", "title_en", "summary_ja", "outcomes_ja")


class Funder(BilingualNameMixin, models.Model):
    """Who pays: the Agency for Cultural Affairs, MOFA, JICA, UNESCO Funds-in-Trust, a foundation…"""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("government")
        AGENCY = "agency", _("cooperation agency")
        INTERNATIONAL = "international", _("international organisation")
        FOUNDATION = "foundation", _("foundation")
        COMPANY = "company", _("company")
        OTHER = "other", _("other")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name_en"]


class FundingScheme(BilingualNameMixin, models.Model):
    """One of a funder's programmes: JICA's grassroots technical cooperation, a KAKENHI category…"""

    funder = models.ForeignKey(Funder, verbose_name=_("funder"), on_delete=models.PROTECT, related_name="schemes")
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding scheme")
        verbose_name_plural = _("funding schemes")
        ordering = ["code"]

    def get_absolute_url(self):
        """The projects of this scheme: the project list with its facet chosen."""
        return f"{reverse('projects:list')}?{urlencode({'scheme': self.code})}"


def funding_scheme_error(scheme, funders):
    """Why ``scheme`` cannot be the programme of a project paid for by ``funders``, or None.

    A scheme is one of its funder's programmes, so a project that names its funders names the scheme's
    among them; a project with no funder recorded may name a scheme alone.
    """
    if scheme is None or not funders:
        return None
    if scheme.funder_id in {funder.pk for funder in funders}:
        return None
    return gettext(
        "The funding scheme “%(scheme)s” is a programme of %(funder)s, which is not among the project’s funders."
    ) % {"scheme": scheme, "funder": scheme.funder}


class CooperationProjectQuerySet(SearchableQuerySet, VisibleQuerySet):
    long_texts = ("summary_ja", "summary_en", "outcomes_ja", "outcomes_en")

    def for_list(self):
        return (
            super()
            .for_list()
            .annotate(
                country_names=localized_names(Country, "projects"), funder_names=localized_names(Funder, "projects")
            )
        )

    def for_detail(self):
        return super().for_detail().select_related("lead_organization", "funding_scheme")


def _title_order(first, second):
    """The keys of ``localized_ordering("title")`` in ``first`` language, then the id, for an index."""
    return [
        *(NullIf(F(f"title_{code}"), Value("")).asc(nulls_last=True) for code in (first, second)),
        F("id").asc(),
    ]


class CooperationProject(models.Model):
    """An international cooperation project for cultural heritage."""

    class Kind(models.TextChoices):
        EMERGENCY = "emergency", _("emergency response")
        CONSERVATION = "conservation", _("conservation and restoration")
        CAPACITY = "capacity", _("capacity building")
        RESEARCH = "research", _("research and survey")
        INTANGIBLE = "intangible", _("intangible heritage safeguarding")
        EXCHANGE = "exchange", _("exchange")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ONGOING = "ongoing", _("ongoing")
        COMPLETED = "completed", _("completed")

    title_ja = models.CharField(_("title (Japanese)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    summary_ja = models.TextField(_("summary (Japanese)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ONGOING)
    countries = models.ManyToManyField(
        "consortium.Country", verbose_name=_("countries"), blank=True, related_name="projects"
    )
    sites = models.ManyToManyField(
        "heritage.HeritageSite", verbose_name=_("heritage sites"), blank=True, related_name="projects"
    )
    lead_organization = models.ForeignKey(
        "members.Organization",
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_projects",
    )
    partners = models.ManyToManyField(
        "members.Organization", verbose_name=_("partner organisations"), blank=True, related_name="partner_projects"
    )
    funders = models.ManyToManyField(Funder, verbose_name=_("funders"), blank=True, related_name="projects")
    funding_scheme = models.ForeignKey(
        FundingScheme,
        verbose_name=_("funding scheme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        help_text=_("The funder’s programme that pays for the project; its funder is one of the project’s funders."),
    )
    # Years are fiscal years (年度, April to March), as Japanese public funding is granted and reported.
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        help_text=_(
            "The fiscal year (April to March) the project starts in: 2024 for a start in May 2024 or March 2025."
        ),
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        help_text=_("The fiscal year the project ends in; empty while it has no planned end."),
    )
    outcomes_ja = models.TextField(_("outcomes (Japanese)"), blank=True)
    outcomes_en = models.TextField(_("outcomes (English)"), blank=True)
    website = models.URLField(_("website"), blank=True)
    experts = models.ManyToManyField(
        "experts.Expert", through="Participation", verbose_name=_("experts"), related_name="projects"
    )
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_text, search_bigrams, search_document = generated_search_fields(
        text=SEARCH_TEXT,
        document_weights={"A": ["title_en"], "B": ["summary_en"], "C": ["outcomes_en"]},
    )
    history = HistoricalRecords(
        m2m_fields=[countries, sites, partners, funders],
        excluded_fields=list(SEARCH_COLUMNS),
    )

    objects = CooperationProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperation project")
        verbose_name_plural = _("cooperation projects")
        ordering = ["-start_year", "title_en"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="project_end_not_before_start",
                violation_error_message=_("The end year is before the start year."),
            ),
            models.CheckConstraint(
                condition=Q(start_year__gte=1900, start_year__lte=2100),
                name="project_start_year_plausible",
                violation_error_message=_("The start year must be between 1900 and 2100."),
            ),
            models.CheckConstraint(
                condition=~Q(title_ja="", title_en=""),
                name="project_has_a_title",
                violation_error_message=_("Give the title in Japanese or in English."),
            ),
        ]
        indexes = [
            # Facets and sorts of the project search: kind, status, years, recently updated.
            models.Index(fields=["kind"], name="project_kind_idx"),
            models.Index(fields=["status"], name="project_status_idx"),
            models.Index(fields=["start_year", "end_year"], name="project_years_idx"),
            models.Index(fields=["-updated_at"], name="project_updated_idx"),
            # The list pages' title orders (consortium.bilingual.localized_ordering, then id), so that a page
            # of a browse is read from an index rather than by sorting every project.
            models.Index(*_title_order("ja", "en"), name="project_title_ja_order_idx"),
            models.Index(*_title_order("en", "ja"), name="project_title_en_order_idx"),
            # Search: English words; substrings of 3+ characters; Japanese two-character words.
            GinIndex(fields=["search_document"], name="project_search_document_idx"),
            GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name="project_search_trgm_idx"),
            GinIndex(fields=["search_bigrams"], name="project_search_bigram_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.pk])

    @property
    def title(self):
        return localized(self, "title").text

    @property
    def fiscal_years(self):
        """The project's period in fiscal years, as the page's language writes them: 2022〜2024年度, FY2022–FY2024."""
        return fiscal_year_range_label(self.start_year, self.end_year)

    @property
    def heading(self):
        """The title a search result shows, in the page's language where there is one."""
        return localized(self, "title")

    @property
    def other_headings(self):
        """The title in the other language, under the heading of a search result."""
        other = self.title_en if self.heading.language == "ja" else self.title_ja
        return [other] if other else []


class Participation(models.Model):
    """An expert's part in a project."""

    class Role(models.TextChoices):
        LEADER = "leader", _("project leader")
        COORDINATOR = "coordinator", _("coordinator")
        MEMBER = "member", _("team member")
        ADVISOR = "advisor", _("advisor")
        TRAINER = "trainer", _("trainer")
        RESEARCHER = "researcher", _("researcher")

    project = models.ForeignKey(
        CooperationProject, verbose_name=_("project"), on_delete=models.CASCADE, related_name="participations"
    )
    expert = models.ForeignKey(
        "experts.Expert", verbose_name=_("expert"), on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["project", "role"]
        constraints = [
            models.UniqueConstraint(fields=["project", "expert", "role"], name="participation_unique_role"),
        ]
        indexes = [
            # "Which projects has this expert worked on?" from the expert's page.
            models.Index(fields=["expert", "project"], name="participation_expert_idx"),
        ]

    def __str__(self):
        return f"{self.expert} – {self.get_role_display()}"


class ProjectDocument(models.Model):
    """A report, publication or link about a project: an uploaded file or an address."""

    class Kind(models.TextChoices):
        REPORT = "report", _("report")
        PUBLICATION = "publication", _("publication")
        MEDIA = "media", _("photographs or video")
        WEBSITE = "website", _("web page")
        OTHER = "other", _("other")

    project = models.ForeignKey(
        CooperationProject, verbose_name=_("project"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REPORT)
    title_ja = models.CharField(_("title (Japanese)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    file = models.FileField(
        _("file"), upload_to=RandomName("projects/documents"), blank=True, validators=[validate_document]
    )
    original_name = models.CharField(
        _("original file name"), max_length=255, blank=True, editable=False, help_text=_("Used as the download name.")
    )
    url = models.URLField(_("address"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["project", "-year"]
        constraints = [
            # A document is a file or an address; one with neither leads nowhere.
            models.CheckConstraint(
                condition=~Q(file="", url=""),
                name="project_document_file_or_url",
                violation_error_message=_("Upload a file or give an address."),
            ),
            models.CheckConstraint(
                condition=~Q(title_ja="", title_en=""),
                name="project_document_has_a_title",
                violation_error_message=_("Give the title in Japanese or in English."),
            ),
        ]

    def __str__(self):
        return localized(self, "title").text

    def save(self, *args, **kwargs):
        remember_original_name(self, "file")
        super().save(*args, **kwargs)

    @property
    def href(self):
        """Where the document's link leads: the portal's guarded download, or the address given."""
        return reverse("files:project_document", args=[self.pk]) if self.file else self.url

    @property
    def download_name(self):
        return name_for_download(self.file, self.original_name)


class ProjectFacetCodes(FacetCodes):
    """The facet codes of a project (``search.facet_codes``), kept by the database's triggers."""

    project = record_link(CooperationProject)
