from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortium.link_secrets import digest, looks_like_secret, new_secret
from events.tokens import CONFIRM_MAX_AGE


class PendingRegistrationQuerySet(models.QuerySet):
    def expired(self, now=None):
        return self.filter(created_at__lt=(now or timezone.now()) - CONFIRM_MAX_AGE)

    def issue(self, event, *, name, email, affiliation, language, answers=None, consent=None):
        """Keep a member of the public's details (answers to the event's questions, ``{question pk: value}``,
        and the policy versions agreed to, ``consent``) until they confirm their address; return the link's
        secret.

        Only the secret's digest is stored, and an earlier request for the same event and
        address is dropped: only the latest link works. Expired requests are dropped too.
        ``consent`` is the ``events.policies.Versions`` the person agreed to on the form, recorded on
        confirmation.
        """
        self.expired().delete()
        self.filter(event=event, email__iexact=email).delete()
        token = new_secret()
        self.create(
            event=event,
            name=name,
            email=email,
            affiliation=affiliation,
            language=language,
            answers={str(pk): value for pk, value in (answers or {}).items()},
            token_hash=digest(token),
            consented=consent is not None,
            privacy_version=getattr(consent, "privacy", None),
            terms_version=getattr(consent, "terms", None),
        )
        return token

    def for_token(self, token):
        """The request a confirmation link stands for, or None when it is unknown, used or superseded.

        The lookup is by the secret's SHA-256 digest: timing tells nothing about the secret itself.
        """
        if not looks_like_secret(token):
            return None
        return self.select_related("event").filter(token_hash=digest(token)).first()


class PendingRegistration(models.Model):
    """A public registration waiting for its address to be confirmed; deleted once the link is used."""

    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="pending_registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="ja")
    # The answers to the event's registration questions, by question: stored with the registration once confirmed.
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    token_hash = models.CharField(_("digest of the link's secret"), max_length=64, unique=True)
    # The consent given on the form, recorded (members.models.Consent) when the address is confirmed.
    consented = models.BooleanField(_("agreed to the privacy policy and terms of use"), default=False)
    privacy_version = models.PositiveIntegerField(_("privacy policy version"), null=True, blank=True)
    terms_version = models.PositiveIntegerField(_("terms of use version"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)

    objects = PendingRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration awaiting confirmation")
        verbose_name_plural = _("registrations awaiting confirmation")
        indexes = [
            # Dropping expired requests.
            models.Index(fields=["created_at"], name="pending_registration_age_idx"),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}> – {self.event}"

    def has_expired(self, now=None):
        return self.created_at < (now or timezone.now()) - CONFIRM_MAX_AGE

    def details(self):
        return {"name": self.name, "email": self.email, "affiliation": self.affiliation, "language": self.language}
