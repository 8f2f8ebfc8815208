"""Consents to the privacy policy and the terms of use: who (account or address), to which versions, when."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Consent(models.Model):
    """One person's agreement to the privacy policy and the terms of use in force, on one form.

    The versions are those of the pages ``privacy`` and ``terms`` (``events.policies``) when the form was
    sent; empty when a page was not published then. Written by the sign-up forms and by the confirmation of a
    public event registration (``members.consents``), never by hand.
    """

    class Context(models.TextChoices):
        SIGNUP = "signup", _("sign-up")
        EVENT_REGISTRATION = "event_registration", _("event registration")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consents",
    )
    email = models.EmailField(_("e-mail address"))
    context = models.CharField(_("given at"), max_length=24, choices=Context.choices)
    subject = models.CharField(
        _("about"), max_length=300, blank=True, help_text=_("What the form was for: the event, for a registration.")
    )
    privacy_version = models.PositiveIntegerField(_("privacy policy version"), null=True, blank=True)
    terms_version = models.PositiveIntegerField(_("terms of use version"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    given_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]
        indexes = [
            # The admin's list, newest first.
            models.Index(fields=["-given_at"], name="consent_given_idx"),
            # A person's consents, for their data download and when their account is closed.
            models.Index(fields=["user", "-given_at"], name="consent_user_idx"),
        ]

    def __str__(self):
        return f"{self.email} · {self.get_context_display()} · {timezone.localtime(self.given_at):%Y-%m-%d %H:%M}"
