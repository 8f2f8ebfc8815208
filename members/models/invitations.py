"""Invitations from an organisation's representative to colleagues, to join under its membership.

The e-mail carries a random secret; only its digest is stored, and the link works once
(see members.invitations for the rules of inviting and accepting).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consortium.link_secrets import digest, looks_like_secret
from members.models.organisations import Organization


class InvitationQuerySet(models.QuerySet):
    def pending(self, now=None):
        """Invitations that still hold one of the organisation's places: neither revoked nor completed,
        and either unexpired or taken up by a sign-up whose address is waiting to be verified."""
        now = now or timezone.now()
        return self.filter(revoked_at=None, accepted_at=None).filter(Q(expires_at__gt=now) | ~Q(accepted_by=None))

    def usable(self, now=None):
        """Pending invitations whose link has not been used yet."""
        return self.pending(now).filter(accepted_by=None)

    def for_token(self, token):
        """The usable invitation a link's secret stands for, or None.

        The lookup is by the secret's SHA-256 digest: timing tells nothing about the secret itself.
        """
        if not looks_like_secret(token):
            return None
        return self.usable().select_related("organization", "invited_by").filter(token_hash=digest(token)).first()

    def for_address(self, email):
        return self.filter(email__iexact=email)


class Invitation(models.Model):
    """A representative's invitation of a colleague, by e-mail, to an account of their organisation."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    token_hash = models.CharField(_("digest of the link's secret"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    # Set when someone signs up (or an existing account accepts) through the link: from then on the
    # link works no more. ``accepted_at`` follows once the membership is active.
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(pgettext_lazy("invitation", "accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        indexes = [
            # "Is this address invited already?" on the invitation form.
            models.Index(Lower("email"), name="invitation_email_idx"),
        ]

    def __str__(self):
        return f"{self.email} ({self.organization})"

    def get_absolute_url(self):
        return reverse("admin:members_invitation_change", args=[self.pk])

    @property
    def is_pending(self):
        if self.revoked_at is not None or self.accepted_at is not None:
            return False
        return self.accepted_by_id is not None or self.expires_at > timezone.now()
