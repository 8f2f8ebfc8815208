"""Subscriptions to news and events by region, country, committee or topic, and the digests that tell of them.

A ``Subscriber`` is one address: a signed-in person's account (its verified address, in their preferred
language) or an address a member of the public confirmed. Each of its ``Subscription`` rows names what
it wants to hear of; a public subscription waits, unconfirmed, until the link e-mailed to the address is
used, and is dropped when it is not used in time.

The digest command records in an ``Announcement`` the moment it first sees each article or event public,
and sends each subscriber what was announced after their previous digest (``digested_until``); a
``DigestEntry`` per subscriber and announcement makes "each item once" a rule of the database.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from consortium.link_secrets import digest, looks_like_secret, new_secret
from events.models.events import Event
from events.tokens import CONFIRM_MAX_AGE

# More would be a search, not a subscription; the limit also keeps one digest's query small.
MAX_SUBSCRIPTIONS = 30


class SubscriberQuerySet(models.QuerySet):
    def for_address(self, email):
        """The subscriber that ``email`` stands for: a public address, or an account's address."""
        return (
            self.filter(Q(user__isnull=True, email__iexact=email) | Q(user__email__iexact=email))
            .select_related("user")
            .first()
        )

    def receiving(self):
        """Subscribers with a confirmed subscription whose address may be written to."""
        confirmed = Subscription.objects.filter(subscriber=models.OuterRef("pk"), confirmed_at__isnull=False)
        return self.filter(models.Exists(confirmed)).filter(Q(user__isnull=True) | Q(user__is_active=True))


class Subscriber(models.Model):
    """An address that receives the digests: an account's, or one a member of the public confirmed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriber",
        help_text=_("An account's subscriptions go to the account's address, in its preferred language."),
    )
    email = models.EmailField(_("e-mail address"), blank=True, help_text=_("A member of the public's address."))
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="ja",
        help_text=_("Language of a public subscriber's e-mails."),
    )
    # Signs the manage and unsubscribe links; a new key revokes the links already sent.
    key = models.CharField(_("key of the links"), max_length=64, default=new_secret, editable=False)
    digested_until = models.DateTimeField(
        _("digest sent up to"),
        null=True,
        blank=True,
        help_text=_("What was announced after this time goes into the next digest."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]
        constraints = [
            # An account's address is the account's own; a public subscriber has an address of their own.
            models.CheckConstraint(
                condition=Q(user__isnull=False, email="") | Q(user__isnull=True) & ~Q(email=""),
                name="subscriber_account_or_address",
            ),
            # One subscriber per public address, whatever its case: a second request adds to it.
            models.UniqueConstraint(
                Lower("email"), condition=Q(user__isnull=True), name="subscriber_public_address_unique"
            ),
        ]

    def __str__(self):
        return self.address

    @property
    def address(self):
        return self.user.email if self.user_id else self.email

    @property
    def recipient_language(self):
        return self.user.language if self.user_id else self.language

    def renew_key(self):
        """Revoke the manage and unsubscribe links sent so far; the caller saves ``key``."""
        self.key = new_secret()


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def expired(self, now=None):
        """Public subscriptions whose confirmation link was not used in time."""
        return self.filter(confirmed_at__isnull=True, created_at__lt=(now or timezone.now()) - CONFIRM_MAX_AGE)

    def for_token(self, token):
        """The unconfirmed subscription a confirmation link stands for, or None; looked up by the secret's digest."""
        if not looks_like_secret(token):
            return None
        return self.select_related("subscriber__user").filter(token_hash=digest(token)).first()

    def described(self):
        """With what ``describe()`` reads."""
        return self.select_related("region", "country", "committee", "topic")


class Subscription(models.Model):
    """What one subscriber wants to hear of: a region, a country or a committee's countries, and/or a topic,
    and/or a kind of event. Everything chosen must match; with a kind of event, only events do."""

    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("subscriber"), on_delete=models.CASCADE, related_name="subscriptions"
    )
    region = models.ForeignKey(
        "consortium.Region",
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    country = models.ForeignKey(
        "consortium.Country",
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    committee = models.ForeignKey(
        "members.Committee",
        verbose_name=_("committee"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("News and events about the countries the committee covers."),
    )
    topic = models.ForeignKey(
        "experts.Specialty",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    event_kind = models.CharField(
        _("kind of event"),
        max_length=16,
        choices=Event.Kind.choices,
        blank=True,
        help_text=_("Only events of this kind; no news."),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    token_hash = models.CharField(
        _("digest of the confirmation link's secret"), max_length=64, blank=True, editable=False
    )
    # The secret in the subscription's calendar address.
    feed_key = models.CharField(_("key of the calendar address"), max_length=64, default=new_secret, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["subscriber", "created_at", "pk"]
        constraints = [
            # A subscription to everything would be the whole site: something must be chosen.
            models.CheckConstraint(
                condition=~Q(
                    region__isnull=True,
                    country__isnull=True,
                    committee__isnull=True,
                    topic__isnull=True,
                    event_kind="",
                ),
                name="subscription_chooses_something",
            ),
            # One place at most: a region, a country or a committee.
            models.CheckConstraint(
                condition=Q(region__isnull=True, country__isnull=True)
                | Q(region__isnull=True, committee__isnull=True)
                | Q(country__isnull=True, committee__isnull=True),
                name="subscription_one_place",
            ),
            # The same choice twice would only be a second unsubscribe link.
            models.UniqueConstraint(
                fields=["subscriber", "region", "country", "committee", "topic", "event_kind"],
                nulls_distinct=False,
                name="subscription_once_per_subscriber",
            ),
            # Opening a confirmation link or a calendar: each secret finds one subscription.
            models.UniqueConstraint(
                fields=["token_hash"], condition=~Q(token_hash=""), name="subscription_token_unique"
            ),
            models.UniqueConstraint(fields=["feed_key"], name="subscription_feed_key_unique"),
        ]
        indexes = [
            # Dropping the unconfirmed subscriptions whose link has expired.
            models.Index(
                fields=["created_at"], name="subscription_unconfirmed_idx", condition=Q(confirmed_at__isnull=True)
            ),
        ]

    def __str__(self):
        return self.describe()

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def has_expired(self, now=None):
        """An unconfirmed subscription whose link is too old to use."""
        return not self.is_confirmed and self.created_at < (now or timezone.now()) - CONFIRM_MAX_AGE

    def describe(self):
        """What the subscription is for, in the active language: "Cambodia · Conservation science"."""
        parts = [str(place) for place in (self.region, self.country, self.committee, self.topic) if place]
        if self.event_kind:
            parts.append(gettext("events: %(kind)s") % {"kind": self.get_event_kind_display()})
        # A middle dot reads as a separator in both languages.
        return " · ".join(parts)


class Announcement(models.Model):
    """When the digests first saw a news article or an event public: what counts as new after a digest."""

    article = models.OneToOneField(
        "events.NewsArticle",
        verbose_name=_("news article"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="announcement",
    )
    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, null=True, blank=True, related_name="announcement"
    )
    seen_at = models.DateTimeField(_("first seen public"))

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-seen_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=False, event__isnull=True) | Q(article__isnull=True, event__isnull=False),
                name="announcement_article_or_event",
            ),
        ]
        indexes = [
            # A digest's window: what was announced between two digests.
            models.Index(fields=["seen_at"], name="announcement_seen_idx"),
        ]

    def __str__(self):
        return str(self.article or self.event)


class Digest(models.Model):
    """One digest e-mail: claimed (its entries written) before it is sent, so that no run sends it twice."""

    class Status(models.TextChoices):
        CLAIMED = "claimed", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("subscriber"), on_delete=models.CASCADE, related_name="digests"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.CLAIMED)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    claimed_at = models.DateTimeField(_("claimed"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        ordering = ["-claimed_at"]
        indexes = [
            # Finding the claims a run left unsent (a run that died between claiming and sending).
            models.Index(fields=["claimed_at"], name="digest_claimed_idx", condition=Q(status="claimed")),
        ]

    def __str__(self):
        return f"{self.subscriber} · {self.claimed_at:%Y-%m-%d %H:%M}"


class DigestEntry(models.Model):
    """An article or event told of in a digest."""

    digest = models.ForeignKey(Digest, verbose_name=_("digest"), on_delete=models.CASCADE, related_name="entries")
    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("subscriber"), on_delete=models.CASCADE, related_name="+"
    )
    announcement = models.ForeignKey(
        Announcement, verbose_name=_("announcement"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("digest entry")
        verbose_name_plural = _("digest entries")
        constraints = [
            # Each item once per subscriber, however many of their subscriptions it matches.
            models.UniqueConstraint(fields=["subscriber", "announcement"], name="digest_entry_once_per_subscriber"),
        ]

    def __str__(self):
        return str(self.announcement)
