"""The library of reports ("Study"): field surveys, proceedings and activity reports, with their files."""

from pathlib import PurePath

from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortium.bilingual import localized
from consortium.files import RandomName
from consortium.fiscal import fiscal_year_label
from consortium.uploads import UploadValidator
from members.access import TieredQuerySet
from search.columns import SEARCH_COLUMNS, generated_search_fields

# Every text of a report, its files' included: reports are few and read far more often than written, so
# the bigrams cover the long texts too (a two-character word anywhere in a PDF finds its report).
SEARCH_TEXT = ("title_ja", "title_en", "abstract_ja", "abstract_en", "authors_text", "file_text")


class Access(models.TextChoices):
    # The values members.access.TieredQuerySet reads.
    PUBLIC = "public", _("public")
    MEMBERS = "members", _("members")
    STAFF = "staff", _("staff only")


class ReportQuerySet(TieredQuerySet):
    """Reports are public, for members, or for staff (``Access``): members.access decides who sees which."""


class Report(models.Model):
    """A published report: a country survey, proceedings, an activity report."""

    class Kind(models.TextChoices):
        COUNTRY_SURVEY = "country_survey", _("partner-country survey")
        RECOVERY_SURVEY = "recovery_survey", _("disaster-recovery survey")
        PROCEEDINGS = "proceedings", _("symposium proceedings")
        SEMINAR = "seminar", _("seminar report")
        ANNUAL = "annual", _("annual activity report")
        OTHER = "other", _("other")

    title_ja = models.CharField(_("title (Japanese)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    abstract_ja = models.TextField(_("abstract (Japanese)"), blank=True)
    abstract_en = models.TextField(_("abstract (English)"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        help_text=_("The Japanese fiscal year (April to March) the report belongs to: 2024 for FY2024."),
    )
    authors = models.ManyToManyField(
        "experts.Expert", verbose_name=_("authors on record"), blank=True, related_name="reports"
    )
    authors_text = models.CharField(
        _("other authors"), max_length=500, blank=True, help_text=_("Authors not in the expert database, as printed.")
    )
    organization = models.ForeignKey(
        "members.Organization",
        verbose_name=_("publishing organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )
    countries = models.ManyToManyField(
        "consortium.Country", verbose_name=_("countries"), blank=True, related_name="reports"
    )
    sites = models.ManyToManyField(
        "heritage.HeritageSite", verbose_name=_("heritage sites"), blank=True, related_name="reports"
    )
    projects = models.ManyToManyField(
        "projects.CooperationProject", verbose_name=_("projects"), blank=True, related_name="reports"
    )
    events = models.ManyToManyField("events.Event", verbose_name=_("events"), blank=True, related_name="reports")
    access = models.CharField(_("access"), max_length=8, choices=Access.choices, default=Access.MEMBERS)
    published_on = models.DateField(_("published"), null=True, blank=True)
    file_text = models.TextField(_("text of the files"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_text, search_bigrams, search_document = generated_search_fields(
        text=SEARCH_TEXT,
        document_weights={"A": ["title_en"], "B": ["abstract_en", "authors_text"], "C": ["file_text"]},
    )
    history = HistoricalRecords(
        m2m_fields=[authors, countries, sites, projects, events],
        excluded_fields=[*SEARCH_COLUMNS, "file_text"],
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-fiscal_year", "-published_on", "pk"]
        constraints = [
            # A report is listed by its title: one at least, in either language.
            models.CheckConstraint(
                condition=~Q(title_ja="", title_en=""),
                name="report_has_a_title",
                violation_error_message=_("Give the title in Japanese or in English."),
            ),
            # Fiscal years are typed by hand; a slip of the keyboard should not reach the facets.
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=1950, fiscal_year__lte=2100),
                name="report_fiscal_year_plausible",
                violation_error_message=_("The fiscal year must be between 1950 and 2100."),
            ),
        ]
        indexes = [
            # visible_to(user) on every list, detail page and "Reports" section.
            models.Index(fields=["access"], name="report_access_idx"),
            # The list's default order (newest fiscal year first) and the fiscal-year facet.
            models.Index(fields=["-fiscal_year", "-published_on"], name="report_year_idx"),
            # English words, stemmed and without accents, in titles, abstracts, authors and files.
            GinIndex(fields=["search_document"], name="report_search_document_idx"),
            # Substrings of three or more characters (pg_trgm), in any script.
            GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name="report_search_trgm_idx"),
            # Two-character Japanese words (修復, 保存) anywhere, files included.
            GinIndex(fields=["search_bigrams"], name="report_search_bigram_idx"),
        ]

    def __str__(self):
        return localized(self, "title").text

    def get_absolute_url(self):
        return reverse("reports:detail", args=[self.pk])

    @property
    def title(self):
        return localized(self, "title")

    @property
    def heading(self):
        """The title a search result shows, in the page's language where there is one."""
        return self.title

    other_headings = ()

    @property
    def fiscal_year_label(self):
        return fiscal_year_label(self.fiscal_year)

    def refresh_file_text(self):
        """Gather the text read from the report's files into ``file_text``, which search reads."""
        from reports.extraction import MAX_CHARACTERS

        texts = self.files.filter(extraction_status=ReportFile.Extraction.DONE).order_by("pk")
        joined = "\n".join(texts.values_list("text", flat=True))[:MAX_CHARACTERS]
        Report.objects.filter(pk=self.pk).update(file_text=joined)
        self.file_text = joined


class ReportFile(models.Model):
    """One file of a report (a PDF, for now), with its language and the text read from it."""

    class Language(models.TextChoices):
        JA = "ja", _("Japanese")
        EN = "en", _("English")
        OTHER = "other", _("other")

    class Extraction(models.TextChoices):
        PENDING = "pending", _("not read yet")
        DONE = "done", _("text read")
        FAILED = "failed", _("text could not be read")

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=RandomName("reports"), validators=[UploadValidator(["pdf"])])
    original_name = models.CharField(_("original name"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.JA)
    text = models.TextField(_("text"), blank=True, editable=False)
    extraction_status = models.CharField(
        _("text extraction"), max_length=8, choices=Extraction.choices, default=Extraction.PENDING, editable=False
    )
    extraction_error = models.TextField(_("why the text could not be read"), blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        ordering = ["report", "language", "pk"]
        indexes = [
            # The language facet: which reports have a file in the chosen language.
            models.Index(fields=["language", "report"], name="report_file_language_idx"),
        ]

    def __str__(self):
        return self.original_name or self.file.name

    def save(self, *args, **kwargs):
        new_upload = self.file and not self.file._committed
        if new_upload and not self.original_name:
            self.original_name = PurePath(self.file.name).name[:255]
        super().save(*args, **kwargs)
        if new_upload:
            # After the row is saved: whatever the PDF does to the reader, the upload is kept.
            from reports.extraction import extract

            extract(self)

    def get_absolute_url(self):
        return reverse("reports:file", args=[self.report_id, self.pk])
