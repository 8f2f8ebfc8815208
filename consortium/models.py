from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortium.bilingual import BilingualNameMixin, localized
from events.markup import render_markdown


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
    history = HistoricalRecords()

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
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name_en"]

    def get_absolute_url(self):
        return reverse("countries:detail", args=[self.code.lower()])


class Language(BilingualNameMixin, models.Model):
    """A language a person speaks, by its ISO 639 code, loaded by a data migration."""

    code = models.CharField(_("ISO 639 code"), max_length=8, primary_key=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["name_en"]


class DataExport(models.Model):
    """A download of records: a member's of a list page's results, or staff's of an event's registrations or
    questionnaire answers (the admin's exports of people's details); who, when, which search, how many rows."""

    class Kind(models.TextChoices):
        EXPERTS = "experts", _("experts")
        PROJECTS = "projects", _("cooperation projects")
        SITES = "sites", _("heritage sites")
        REGISTRATIONS = "registrations", _("event registrations")
        QUESTIONNAIRE = "questionnaire", _("questionnaire answers")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="data_exports",
    )
    user_email = models.EmailField(
        _("user's e-mail"), help_text=_("Kept when the account is deleted, so the record still says who.")
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    query_string = models.TextField(_("search"), blank=True, help_text=_("The list page's GET parameters."))
    row_count = models.PositiveIntegerField(_("rows"))
    truncated = models.BooleanField(
        _("cut at the limit"), default=False, help_text=_("More results matched than one export may hold.")
    )

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-created_at"]
        indexes = [
            # The admin's list, newest first.
            models.Index(fields=["-created_at"], name="data_export_created_idx"),
            # One person's exports, newest first.
            models.Index(fields=["user", "-created_at"], name="data_export_user_idx"),
        ]

    def __str__(self):
        return f"{self.user_email} · {self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"


REVIEW_OVERDUE_YEARS = 2


def review_due_before(today=None):
    """The date before which a profile's last review is overdue: two years ago (28 February for 29 February)."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - REVIEW_OVERDUE_YEARS)
    except ValueError:
        return today.replace(year=today.year - REVIEW_OVERDUE_YEARS, day=28)


class CountryProfileQuerySet(models.QuerySet):
    def review_overdue(self, today=None):
        """Profiles last reviewed more than two years ago."""
        return self.filter(reviewed_on__lt=review_due_before(today))


class CountryProfile(models.Model):
    """What staff know of a partner country, in both languages: shown on the country's public page.

    Kept here, beside ``Country``, because it describes the country itself, not any one
    database record: its texts are public, and every app's records of the country link to it.
    """

    country = models.OneToOneField(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, primary_key=True, related_name="profile"
    )
    protection_ja = models.TextField(
        _("protection of cultural heritage (Japanese)"),
        blank=True,
        help_text=_("Markdown. The laws and the bodies responsible for cultural heritage."),
    )
    protection_en = models.TextField(_("protection of cultural heritage (English)"), blank=True)
    needs_ja = models.TextField(
        _("requests and needs for cooperation (Japanese)"),
        blank=True,
        help_text=_("Markdown. What the country has asked for, and where it needs cooperation."),
    )
    needs_en = models.TextField(_("requests and needs for cooperation (English)"), blank=True)
    japan_ja = models.TextField(
        _("Japan's cooperation so far (Japanese)"),
        blank=True,
        help_text=_("Markdown. What Japan has done there so far."),
    )
    japan_en = models.TextField(_("Japan's cooperation so far (English)"), blank=True)
    sources_ja = models.TextField(_("sources (Japanese)"), blank=True, help_text=_("Markdown."))
    sources_en = models.TextField(_("sources (English)"), blank=True, help_text=_("Markdown."))
    reviewed_on = models.DateField(
        _("last reviewed"), help_text=_("When staff last checked the whole profile; due again after two years.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = CountryProfileQuerySet.as_manager()

    SECTIONS = ("protection", "needs", "japan", "sources")

    class Meta:
        verbose_name = _("country profile")
        verbose_name_plural = _("country profiles")
        ordering = ["country__name_en"]
        indexes = [
            # The admin's "review overdue" filter and count.
            models.Index(fields=["reviewed_on"], name="country_profile_reviewed_idx"),
        ]

    def __str__(self):
        return str(self.country)

    def get_absolute_url(self):
        return self.country.get_absolute_url()

    def is_review_overdue(self, today=None):
        return self.reviewed_on < review_due_before(today)

    def section_html(self, section):
        """(Localized text, sanitised HTML) of one section, in the visitor's language or the other one."""
        text = localized(self, section)
        return text, render_markdown(text.text)
