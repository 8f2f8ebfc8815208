from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortium.bilingual import localized
from events.markup import render_markdown
from events.models.publishing import SLUG_HELP, BilingualTitleMixin
from members.access import sees_staff_only

# Addresses under about/ that are pages of their own (events.urls.activities), not outreach pages.
RESERVED_PAGE_SLUGS = {"activities"}
# The addresses of the privacy policy and the terms of use, which forms link to (events.policies).
PRIVACY_SLUG = "privacy"
TERMS_SLUG = "terms"
POLICY_SLUGS = (PRIVACY_SLUG, TERMS_SLUG)


def validate_page_slug(slug):
    if slug in RESERVED_PAGE_SLUGS:
        raise ValidationError(_("“%(slug)s” is used by another page; choose another address."), params={"slug": slug})


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def previewable_by(self, user):
        """Staff may open an unpublished page as a preview; everyone else sees published pages."""
        return self.all() if sees_staff_only(user) else self.published()


class Page(BilingualTitleMixin, models.Model):
    """An outreach page (about, mission, activities, sub-committees, how to join) in the order staff choose."""

    slug = models.SlugField(
        _("address (slug)"), max_length=80, unique=True, validators=[validate_page_slug], help_text=SLUG_HELP
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))
    is_published = models.BooleanField(_("published"), default=False)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_ja = models.CharField(
        _("summary (Japanese)"),
        max_length=300,
        blank=True,
        help_text=_("One sentence for the index and link previews."),
    )
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    body_ja = models.TextField(_("body (Japanese)"), blank=True, help_text=_("Markdown."))
    body_en = models.TextField(_("body (English)"), blank=True, help_text=_("Markdown."))
    # The privacy policy and the terms of use (events.policies) are versioned: each consent records the version.
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_(
            "For the privacy policy and the terms of use: raise it by one when the text changes in substance. "
            "Each consent given at sign-up or event registration records the version agreed to."
        ),
    )
    version_date = models.DateField(
        _("version in force since"),
        null=True,
        blank=True,
        help_text=_("For the privacy policy and the terms of use: the date this version took effect."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outreach page")
        verbose_name_plural = _("outreach pages")
        ordering = ["order", "slug"]
        constraints = [
            models.CheckConstraint(condition=~Q(title_ja="", title_en=""), name="page_has_a_title"),
        ]

    def get_absolute_url(self):
        return reverse("pages:detail", args=[self.slug])

    @property
    def is_policy(self):
        """The privacy policy or the terms of use: its version is shown, and consents record it."""
        return self.slug in POLICY_SLUGS

    def body_html(self, language=None):
        return render_markdown(localized(self, "body", language).text)
