"""The secretariat's foreword to a fiscal year's activity report; the figures themselves are made from the
data (events.activities)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortium.bilingual import localized
from consortium.fiscal import fiscal_year_label
from events.markup import render_markdown

# The years a report may name (reports.Report allows the same): anything else is a slip of the keyboard.
FIRST_FISCAL_YEAR = 1950
LAST_FISCAL_YEAR = 2100


class ActivityForeword(models.Model):
    """A few paragraphs at the top of a fiscal year's activity report, in one or both languages."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        unique=True,
        help_text=_("The Japanese fiscal year (April to March) the foreword introduces: 2025 for FY2025."),
    )
    text_ja = models.TextField(_("text (Japanese)"), blank=True, help_text=_("Markdown."))
    text_en = models.TextField(_("text (English)"), blank=True, help_text=_("Markdown."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity report foreword")
        verbose_name_plural = _("activity report forewords")
        ordering = ["-fiscal_year"]
        constraints = [
            # A foreword nobody can read would leave an empty heading on the report.
            models.CheckConstraint(condition=~Q(text_ja="", text_en=""), name="activityforeword_has_a_text"),
            # A slip of the keyboard should not make a report of its own.
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=FIRST_FISCAL_YEAR, fiscal_year__lte=LAST_FISCAL_YEAR),
                name="activityforeword_fiscal_year_plausible",
                violation_error_message=_("The fiscal year must be between 1950 and 2100."),
            ),
        ]

    def __str__(self):
        return str(fiscal_year_label(self.fiscal_year))

    def get_absolute_url(self):
        return reverse("activities:detail", args=[self.fiscal_year])

    def text_html(self, language=None):
        return render_markdown(localized(self, "text", language).text)
