from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortium.bilingual import localized
from consortium.files import RandomName, name_for_download, remember_original_name, stored_stem
from consortium.uploads import UploadValidator, validate_image
from events.markup import render_markdown
from events.models.publishing import SLUG_HELP, BilingualTitleMixin, PublicationStatus
from members.access import sees_staff_only


class NewsQuerySet(models.QuerySet):
    def published(self, now=None):
        """Published articles whose publication time has come; a future ``publish_at`` stays hidden."""
        return self.filter(status=PublicationStatus.PUBLISHED, publish_at__lte=now or timezone.now())

    def previewable_by(self, user):
        """Staff may open drafts and scheduled articles as a preview; everyone else sees what is published."""
        return self.all() if sees_staff_only(user) else self.published()


class NewsArticle(BilingualTitleMixin, models.Model):
    """A news item, report, event report or call, written by staff in one or both languages."""

    class Category(models.TextChoices):
        NEWS = "news", _("news")
        REPORT = "report", _("report")
        EVENT_REPORT = "event_report", _("event report")
        CALL = "call", _("call")

    slug = models.SlugField(_("address (slug)"), max_length=120, unique=True, help_text=SLUG_HELP)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, default=Category.NEWS)
    status = models.CharField(
        _("status"), max_length=16, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        help_text=_("A published article stays hidden until this time."),
    )
    title_ja = models.CharField(_("title (Japanese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_ja = models.CharField(
        _("summary (Japanese)"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for lists, feeds and link previews."),
    )
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    body_ja = models.TextField(_("body (Japanese)"), blank=True, help_text=_("Markdown."))
    body_en = models.TextField(_("body (English)"), blank=True, help_text=_("Markdown."))
    image = models.ImageField(_("image"), upload_to=RandomName("news/images"), blank=True, validators=[validate_image])
    image_original_name = models.CharField(_("original image file name"), max_length=255, blank=True, editable=False)
    image_alt_ja = models.CharField(_("image description (Japanese)"), max_length=200, blank=True)
    image_alt_en = models.CharField(_("image description (English)"), max_length=200, blank=True)
    countries = models.ManyToManyField(
        "consortium.Country",
        verbose_name=_("countries"),
        blank=True,
        related_name="news_articles",
        help_text=_("The countries the article is about; it is listed on their country pages."),
    )
    topics = models.ManyToManyField(
        "experts.Specialty",
        verbose_name=_("topics"),
        blank=True,
        related_name="news_articles",
        help_text=_("The fields of the experts' vocabulary it concerns; subscribers to a topic hear of it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=["countries", "topics"])

    objects = NewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        ordering = ["-publish_at", "-pk"]
        constraints = [
            # An article nobody can name cannot be listed.
            models.CheckConstraint(condition=~Q(title_ja="", title_en=""), name="news_article_has_a_title"),
        ]
        indexes = [
            # The public list and the feeds: published, newest first, optionally by category.
            models.Index(fields=["status", "-publish_at"], name="news_published_idx"),
            models.Index(fields=["category", "status", "-publish_at"], name="news_category_idx"),
        ]

    def save(self, *args, **kwargs):
        remember_original_name(self, "image", "image_original_name")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:detail", args=[self.slug])

    @property
    def image_url(self):
        """The image's address, stamped with its stored name so that a new image is a new address."""
        if not self.image:
            return ""
        return f"{reverse('files:news_image', args=[self.pk])}?v={stored_stem(self.image)}"

    @property
    def image_download_name(self):
        return name_for_download(self.image, self.image_original_name)

    @property
    def is_public(self):
        return self.status == PublicationStatus.PUBLISHED and self.publish_at <= timezone.now()

    def body_html(self, language=None):
        return render_markdown(localized(self, "body", language).text)


class NewsAttachment(models.Model):
    """A PDF report or other document published with an article."""

    article = models.ForeignKey(
        NewsArticle, verbose_name=_("article"), on_delete=models.CASCADE, related_name="attachments"
    )
    title_ja = models.CharField(_("title (Japanese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    file = models.FileField(
        _("file"),
        upload_to=RandomName("news/attachments"),
        validators=[UploadValidator(["pdf", "docx", "xlsx", "pptx", "zip"])],
    )
    original_name = models.CharField(
        _("original file name"), max_length=255, blank=True, editable=False, help_text=_("Used as the download name.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["article", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(title_ja="", title_en=""), name="news_attachment_has_a_title"),
        ]

    def __str__(self):
        return localized(self, "title").text

    def save(self, *args, **kwargs):
        remember_original_name(self, "file")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("files:news_attachment", args=[self.pk])

    @property
    def href(self):
        return self.get_absolute_url()

    @property
    def download_name(self):
        return name_for_download(self.file, self.original_name)
